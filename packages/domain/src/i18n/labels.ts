// The one table of labels for every enumeration shown to people, in both UI languages. The web
// app, the mails, the Word/Excel reports and the CLI all name a status from here.
// Browser-safe: type-only imports, so the web bundle pulls in no server code.
// Each table is typed `Record<Enum, Label>`: a new enum value is a compile error until labelled,
// and labels.test.ts checks every Prisma enum has a table (or is listed as never shown).
import type {
  Accumulation,
  AnnualPlanStatus,
  AssignmentKind,
  AssignmentState,
  BulletinState,
  ChangeRequestKind,
  ChangeRequestState,
  ChannelDeliveryState,
  ChannelKind,
  CompletionState,
  CycleState,
  DeliveryMode,
  DepartmentKind,
  EvaluationKind,
  IndicatorAdjustmentField,
  IndicatorDirection,
  IndicatorNature,
  InstructionTarget,
  JobRunState,
  NoticeLevel,
  NotificationState,
  PlanStatus,
  QualityRating,
  ReviewState,
  RobotPlatform,
  Role,
  RollupRule,
  TaskSource,
  TaskStatus,
  TrajectoryMethod,
} from "@duban/db";

import type { DecompositionLateness } from "../cascade/lateness.ts";
import type { IndicatorWarning } from "../indicators/indicator-queries.ts";
import type { IndicatorStatus } from "../indicators/indicator-status.ts";
import type { LedgerCellState } from "../ledger/ledger-queries.ts";
import type { UNLISTED_KINDS } from "../notifications/delivery.ts";
import type { NotificationKind } from "../notifications/kinds.ts";
import type { ScheduleState, TrafficLight } from "../progress.ts";
import type { JobName } from "../schemas/jobs.ts";

export type Locale = "zh-CN" | "en";
export type Label = { zh: string; en: string };
export type LabelTable<K extends string> = Readonly<Record<K, Label>>;

/** The label of `key` in `locale`; Chinese unless asked otherwise (documents and mail are zh). */
export function labelOf<K extends string>(
  table: LabelTable<K>,
  key: K,
  locale: Locale = "zh-CN",
): string {
  return locale === "en" ? table[key].en : table[key].zh;
}

// Aliases kept for the web app's imports.
export type TaskStatusKey = TaskStatus;
export type ScheduleKey = ScheduleState;
export type TrafficLightKey = TrafficLight;
export type LedgerCellKey = LedgerCellState;
export type ReviewStateKey = ReviewState;
export type RoleKey = Role;
export type PlanStatusKey = PlanStatus;
export type CycleStateKey = CycleState;
export type IndicatorNatureKey = IndicatorNature;
export type IndicatorStatusKey = IndicatorStatus;
export type PhaseKeyDefault = "LAUNCH" | "MIDTERM" | "ADVANCE" | "CLOSE";
/** Every kind of email: the tunable ones and those that always arrive at once. */
export type AnyNotificationKind = NotificationKind | (typeof UNLISTED_KINDS)[number];

export const taskStatusLabels: LabelTable<TaskStatus> = {
  NOT_STARTED: { zh: "未启动", en: "Not started" },
  IN_PROGRESS: { zh: "推进中", en: "In progress" },
  PENDING_REVIEW: { zh: "待审核", en: "Awaiting sign-off" },
  COMPLETED: { zh: "已完成", en: "Completed" },
  SUSPENDED: { zh: "已暂缓", en: "Suspended" },
  CANCELLED: { zh: "已取消", en: "Cancelled" },
};

export const scheduleLabels: LabelTable<ScheduleState> = {
  COMPLETED: { zh: "已完成", en: "Completed" },
  ON_SCHEDULE: { zh: "正常推进", en: "On schedule" },
  LAGGING: { zh: "滞后", en: "Lagging" },
  OVERDUE: { zh: "逾期", en: "Overdue" },
  CANCELLED: { zh: "已取消", en: "Cancelled" },
};

/** A task's traffic light (issue #17 step 8); always shown as text too, never as colour alone. */
export const trafficLightLabels: LabelTable<TrafficLight> = {
  RED: { zh: "红灯", en: "Red" },
  YELLOW: { zh: "黄灯", en: "Yellow" },
  GREEN: { zh: "绿灯", en: "Green" },
};

export const ledgerCellLabels: LabelTable<LedgerCellState> = {
  NOT_DUE: { zh: "未到期", en: "Not due" },
  DUE: { zh: "待填报", en: "Due" },
  SUBMITTED: { zh: "已提交", en: "Submitted" },
  APPROVED: { zh: "已通过", en: "Approved" },
  RETURNED: { zh: "已退回", en: "Returned" },
  LATE: { zh: "逾期未报", en: "Late" },
};

export const reviewStateLabels: LabelTable<ReviewState> = {
  SUBMITTED: { zh: "待审核", en: "Awaiting review" },
  APPROVED: { zh: "已通过", en: "Approved" },
  RETURNED: { zh: "已退回", en: "Returned" },
};

export const roleLabels: LabelTable<Role> = {
  OFFICE: { zh: "领导小组办公室", en: "Leading group office" },
  DEPARTMENT: { zh: "责任单位", en: "Responsible unit" },
  LEADER: { zh: "领导", en: "Leader" },
};

export const planStatusLabels: LabelTable<PlanStatus> = {
  DRAFT: { zh: "草稿", en: "Draft" },
  ACTIVE: { zh: "实施中", en: "Active" },
  ARCHIVED: { zh: "已归档", en: "Archived" },
};

export const cycleStateLabels: LabelTable<CycleState> = {
  SCHEDULED: { zh: "未开启", en: "Scheduled" },
  OPEN: { zh: "填报中", en: "Open" },
  CLOSED: { zh: "已关闭", en: "Closed" },
};

export const indicatorNatureLabels: LabelTable<IndicatorNature> = {
  EXPECTED: { zh: "预期性", en: "Expected" },
  BINDING: { zh: "约束性", en: "Binding" },
};

export const indicatorDirectionLabels: LabelTable<IndicatorDirection> = {
  INCREASE: { zh: "越大越好", en: "Higher is better" },
  DECREASE: { zh: "越小越好", en: "Lower is better" },
};

export const trajectoryMethodLabels: LabelTable<TrajectoryMethod> = {
  LINEAR: { zh: "线性", en: "Linear" },
  COMPOUND: { zh: "复合增长", en: "Compound growth" },
};

export const accumulationLabels: LabelTable<Accumulation> = {
  LEVEL: { zh: "当年水平值", en: "Level" },
  CUMULATIVE: { zh: "累计值", en: "Cumulative" },
};

/** The indicator light (红黄绿灯) of a trajectory assessment. */
export const indicatorStatusLabels: LabelTable<IndicatorStatus> = {
  ON_TRACK: { zh: "符合序时", en: "On track" },
  AT_RISK: { zh: "存在风险", en: "At risk" },
  OFF_TRACK: { zh: "严重滞后", en: "Off track" },
  NO_DATA: { zh: "未报送", en: "No data" },
  NO_TRAJECTORY: { zh: "无轨迹", en: "No trajectory" },
};

export const indicatorWarningLabels: LabelTable<IndicatorWarning["kind"]> = {
  OFF_TRACK: { zh: "严重滞后", en: "Off track" },
  AT_RISK: { zh: "存在风险", en: "At risk" },
  MISSING: { zh: "未报送", en: "Missing" },
};

export const evaluationKindLabels: LabelTable<EvaluationKind> = {
  MIDTERM: { zh: "中期评估", en: "Mid-term evaluation" },
  FINAL: { zh: "总结评估", en: "Final evaluation" },
  ANNUAL: { zh: "年度评估", en: "Annual evaluation" },
};

export const annualPlanStatusLabels: LabelTable<AnnualPlanStatus> = {
  DRAFT: { zh: "草稿", en: "Draft" },
  ISSUED: { zh: "已印发", en: "Issued" },
};

export const indicatorAdjustmentFieldLabels: LabelTable<IndicatorAdjustmentField> = {
  BASELINE_VALUE: { zh: "基期值", en: "Baseline value" },
  BASELINE_YEAR: { zh: "基期年", en: "Baseline year" },
  TARGET_VALUE: { zh: "目标值", en: "Target value" },
  TARGET_YEAR: { zh: "目标年", en: "Target year" },
  ANNUAL_TARGET: { zh: "年度目标", en: "Annual target" },
};

export const bulletinStateLabels: LabelTable<BulletinState> = {
  DRAFT: { zh: "草稿", en: "Draft" },
  ISSUED: { zh: "已印发", en: "Issued" },
};

/** The assessment's components (ZSchemeComponent kinds), as the scheme editor and the score sheet name them. */
export const schemeComponentLabels: LabelTable<
  | "ITEM_COMPLETION"
  | "REPORTING"
  | "REVIEW_PASS"
  | "INDICATOR_ATTAINMENT"
  | "TRAFFIC_LIGHT"
  | "RATING"
  | "NOTICES"
> = {
  ITEM_COMPLETION: { zh: "年度任务完成", en: "Annual items completed" },
  REPORTING: { zh: "台账报送及时完整", en: "Ledger reporting on time and complete" },
  REVIEW_PASS: { zh: "台账审核通过率", en: "Ledger entries approved first time" },
  INDICATOR_ATTAINMENT: { zh: "指标达标", en: "Indicators on track" },
  TRAFFIC_LIGHT: { zh: "红黄绿灯", en: "Traffic lights" },
  RATING: { zh: "办结评价", en: "Sign-off ratings" },
  NOTICES: { zh: "督办通知", en: "Urging notices" },
};

export const notificationKindLabels: LabelTable<AnyNotificationKind> = {
  "due-soon": { zh: "任务/节点到期提醒", en: "Task / milestone due soon" },
  overdue: { zh: "逾期任务日报", en: "Overdue tasks (daily)" },
  "overdue-escalation": { zh: "逾期督办升级", en: "Overdue escalation" },
  "cycle-reminder": { zh: "台账填报催报", en: "Ledger reporting reminder" },
  "quarterly-summary": { zh: "季度督办通报", en: "Quarterly bulletin" },
  "task-assigned": { zh: "任务交办", en: "Task assigned" },
  "acknowledge-reminder": { zh: "签收提醒", en: "Acknowledgement reminder" },
  "change-request": { zh: "调整申请", en: "Change request" },
  "change-request-decided": { zh: "调整申请审批结果", en: "Change request decided" },
  "completion-applied": { zh: "办结申请", en: "Completion application" },
  "completion-decided": { zh: "办结审核结果", en: "Completion sign-off" },
  "supervision-notice": { zh: "督办通知单", en: "Supervision notice" },
  "notice-reply": { zh: "督办回复", en: "Reply to a notice" },
  instruction: { zh: "领导批示", en: "Leader's instruction" },
  bulletin: { zh: "督查通报", en: "Supervision bulletin" },
  "annual-plan-issued": { zh: "年度工作要点印发", en: "Annual plan issued" },
  "cascade-assigned": { zh: "下达与分解", en: "Assignments from above" },
  "cascade-decompose-soon": { zh: "下达事项分解提醒", en: "Assignment to decompose soon" },
  "cascade-late": { zh: "下达事项逾期未分解", en: "Assignment not decomposed in time" },
  "password-reset": { zh: "密码重置", en: "Password reset" },
  "account-linked": { zh: "统一身份认证关联变更", en: "Identity provider link changed" },
};

export const notificationStateLabels: LabelTable<NotificationState> = {
  PENDING: { zh: "待发送", en: "Pending" },
  SENDING: { zh: "发送中", en: "Sending" },
  SENT: { zh: "已发送", en: "Sent" },
  FAILED: { zh: "发送失败", en: "Failed" },
  CANCELLED: { zh: "已取消", en: "Cancelled" },
};

/** The channels beyond email (issue #20): ChannelDelivery.channel. */
export const channelKindLabels: LabelTable<ChannelKind> = {
  WECOM_ROBOT: { zh: "企业微信群", en: "WeCom group" },
  DINGTALK_ROBOT: { zh: "钉钉群", en: "DingTalk group" },
  SMS: { zh: "短信", en: "SMS" },
};

export const channelDeliveryStateLabels: LabelTable<ChannelDeliveryState> = {
  PENDING: { zh: "待发送", en: "Pending" },
  SENDING: { zh: "发送中", en: "Sending" },
  SENT: { zh: "已发送", en: "Sent" },
  FAILED: { zh: "失败", en: "Failed" },
  SKIPPED: { zh: "未发送", en: "Not sent" },
};

export const robotPlatformLabels: LabelTable<RobotPlatform> = {
  WECOM: { zh: "企业微信", en: "WeCom" },
  DINGTALK: { zh: "钉钉", en: "DingTalk" },
};

export const deliveryModeLabels: LabelTable<DeliveryMode> = {
  IMMEDIATE: { zh: "立即", en: "At once" },
  DIGEST: { zh: "每日汇总", en: "Daily digest" },
  MUTED: { zh: "不接收", en: "Muted" },
};

/** How an assignment stands against its 分解时限 (decompositionLateness, cascade/lateness.ts). */
export const decompositionLatenessLabels: LabelTable<DecompositionLateness> = {
  withdrawn: { zh: "已撤回", en: "Withdrawn" },
  pending: { zh: "未到分解时限", en: "Within the deadline" },
  late: { zh: "逾期未分解", en: "Late, not decomposed" },
  "on-time": { zh: "按时分解", en: "Decomposed on time" },
  "decomposed-late": { zh: "逾期分解", en: "Decomposed late" },
};

export const jobNameLabels: LabelTable<JobName> = {
  "cascade-late-decomposition": {
    zh: "下达事项分解提醒与逾期通报",
    en: "Cascade: decomposition reminders and late flags",
  },
  "due-soon-reminders": { zh: "到期提醒", en: "Due-soon reminders" },
  "overdue-scan": { zh: "逾期督办", en: "Overdue scan" },
  "quarterly-cycle": { zh: "季度填报周期", en: "Quarterly cycle" },
  "quarterly-summary": { zh: "季度通报", en: "Quarterly summary" },
  "send-notifications": { zh: "发送邮件", en: "Send notifications" },
};

export const jobRunStateLabels: LabelTable<JobRunState> = {
  RUNNING: { zh: "运行中", en: "Running" },
  SUCCEEDED: { zh: "成功", en: "Succeeded" },
  FAILED: { zh: "失败", en: "Failed" },
};

export const phaseLabels: LabelTable<PhaseKeyDefault> = {
  LAUNCH: { zh: "启动实施", en: "Launch" },
  MIDTERM: { zh: "中期评估", en: "Mid-term review" },
  ADVANCE: { zh: "全面推进", en: "Full advance" },
  CLOSE: { zh: "总结收官", en: "Wrap-up" },
};

export const taskSourceLabels: LabelTable<TaskSource> = {
  PLAN: { zh: "规划任务", en: "Plan task" },
  MEETING: { zh: "会议决定", en: "Meeting decision" },
  LEADER_INSTRUCTION: { zh: "领导批示", en: "Leader's instruction" },
  HIGHER_LEVEL: { zh: "上级交办", en: "Assigned from above" },
  OTHER: { zh: "其他", en: "Other" },
};

export const qualityRatingLabels: LabelTable<QualityRating> = {
  EXCELLENT: { zh: "优秀", en: "Excellent" },
  GOOD: { zh: "良好", en: "Good" },
  FAIR: { zh: "一般", en: "Fair" },
  POOR: { zh: "较差", en: "Poor" },
};

export const changeRequestKindLabels: LabelTable<ChangeRequestKind> = {
  EXTENSION: { zh: "延期申请", en: "Extension" },
  REASSIGNMENT: { zh: "调整牵头单位", en: "Reassignment" },
  SUSPENSION: { zh: "暂缓申请", en: "Suspension" },
  CANCELLATION: { zh: "取消申请", en: "Cancellation" },
  TARGET_CHANGE: { zh: "指标目标调整", en: "Target change" },
};

export const changeRequestStateLabels: LabelTable<ChangeRequestState> = {
  PENDING: { zh: "待办公室审批", en: "Awaiting the office" },
  OFFICE_APPROVED: { zh: "待领导审批", en: "Awaiting the leader" },
  APPROVED: { zh: "已批准", en: "Approved" },
  REJECTED: { zh: "未批准", en: "Rejected" },
  WITHDRAWN: { zh: "已撤回", en: "Withdrawn" },
};

export const completionStateLabels: LabelTable<CompletionState> = {
  PENDING: { zh: "待审核", en: "Awaiting sign-off" },
  APPROVED: { zh: "已办结", en: "Signed off" },
  RETURNED: { zh: "已退回", en: "Returned" },
};

/** 督办通知单 colour levels. */
export const noticeLevelLabels: LabelTable<NoticeLevel> = {
  BLUE: { zh: "蓝色提醒", en: "Blue (reminder)" },
  YELLOW: { zh: "黄色督办", en: "Yellow (second notice)" },
  RED: { zh: "红色督办", en: "Red (escalated)" },
};

export const instructionTargetLabels: LabelTable<InstructionTarget> = {
  TASK: { zh: "任务", en: "Task" },
  LEDGER_ENTRY: { zh: "台账", en: "Ledger entry" },
  INDICATOR: { zh: "指标", en: "Indicator" },
};

/** 层层分解 (issue #19). */
export const assignmentKindLabels: LabelTable<AssignmentKind> = {
  TASK: { zh: "任务", en: "Task" },
  INDICATOR: { zh: "指标分解", en: "Indicator share" },
};

export const assignmentStateLabels: LabelTable<AssignmentState> = {
  PENDING: { zh: "待分解", en: "To decompose" },
  DECOMPOSED: { zh: "已分解", en: "Decomposed" },
  WITHDRAWN: { zh: "已撤回", en: "Withdrawn" },
};

export const departmentKindLabels: LabelTable<DepartmentKind> = {
  DEPARTMENT: { zh: "部门", en: "Department" },
  TOWN: { zh: "乡镇（街道）", en: "Town / street" },
};

/** How a total is made from its parts (a city indicator from its counties, a total from its 片区). */
export const rollupRuleLabels: LabelTable<RollupRule> = {
  SUM: { zh: "求和", en: "Sum" },
  MEAN: { zh: "平均", en: "Mean" },
  OWN: { zh: "单独填报", en: "Reported on its own" },
};

/**
 * The table of each Prisma enum, by the enum's name; null for the enums never shown to people.
 * labels.test.ts holds it to the generated client, so a new Prisma enum must be placed here.
 */
export const prismaEnumLabels = {
  TaskStatus: taskStatusLabels,
  PlanStatus: planStatusLabels,
  Role: roleLabels,
  CycleState: cycleStateLabels,
  ReviewState: reviewStateLabels,
  IndicatorNature: indicatorNatureLabels,
  IndicatorDirection: indicatorDirectionLabels,
  TrajectoryMethod: trajectoryMethodLabels,
  Accumulation: accumulationLabels,
  EvaluationKind: evaluationKindLabels,
  NotificationState: notificationStateLabels,
  DeliveryMode: deliveryModeLabels,
  JobRunState: jobRunStateLabels,
  TaskSource: taskSourceLabels,
  QualityRating: qualityRatingLabels,
  ChangeRequestKind: changeRequestKindLabels,
  ChangeRequestState: changeRequestStateLabels,
  CompletionState: completionStateLabels,
  NoticeLevel: noticeLevelLabels,
  InstructionTarget: instructionTargetLabels,
  AnnualPlanStatus: annualPlanStatusLabels,
  IndicatorAdjustmentField: indicatorAdjustmentFieldLabels,
  BulletinState: bulletinStateLabels,
  AssignmentKind: assignmentKindLabels,
  AssignmentState: assignmentStateLabels,
  DepartmentKind: departmentKindLabels,
  RollupRule: rollupRuleLabels,
  ChannelKind: channelKindLabels,
  ChannelDeliveryState: channelDeliveryStateLabels,
  RobotPlatform: robotPlatformLabels,
  /** internal: the parser's node levels and the jurisdiction tree are never shown by name */
  JurisdictionKind: null,
  PlanNodeKind: null,
} as const;

const ZH_QUARTERS = ["一", "二", "三", "四"];

/** 2023Q2 → "2023年第二季度" / "2023 Q2"; anything else is returned as it is. */
export function periodLabel(period: string, locale: Locale = "zh-CN"): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return period;
  return locale === "en" ? `${m[1]} Q${m[2]}` : `${m[1]}年第${ZH_QUARTERS[Number(m[2]) - 1]}季度`;
}
