// Validation messages: every refusal of an input schema (packages/domain/src/schemas) carries a
// code and parameters (zod issue `params`), and its text is made here, in either language.
// The zod issue's own `message` is the Chinese text, for server-side readers (CLI, Excel import
// rows, plain HTTP routes); the api passes `params` on (errorFormatter → data.issues) and the web
// translates them into the UI language with validationText. Browser-safe: no runtime imports.
import { taskStatusLabels, type Label, type Locale } from "./labels.ts";

/** The names of the fields a message may name, in both languages. */
export const fieldLabels = {
  input: { zh: "输入内容", en: "Input" },
  id: { zh: "编号", en: "Id" },
  externalId: { zh: "统一身份认证标识", en: "Unified identity identifier" },
  date: { zh: "日期", en: "Date" },
  period: { zh: "季度", en: "Quarter" },
  fileContent: { zh: "文件内容", en: "File content" },
  fileName: { zh: "文件名", en: "File name" },
  search: { zh: "搜索词", en: "Search text" },
  taskTitle: { zh: "任务名称", en: "Task name" },
  taskDescription: { zh: "任务说明", en: "Task description" },
  changeReason: { zh: "调整原因", en: "Reason for the change" },
  reason: { zh: "原因", en: "Reason" },
  milestoneTitle: { zh: "节点名称", en: "Milestone name" },
  progressText: { zh: "进展情况", en: "Progress" },
  problems: { zh: "存在问题", en: "Problems" },
  nextSteps: { zh: "下步计划", en: "Next steps" },
  source: { zh: "数据来源", en: "Data source" },
  note: { zh: "备注", en: "Note" },
  atRiskThreshold: { zh: "风险阈值", en: "At-risk threshold" },
  offTrackThreshold: { zh: "严重滞后阈值", en: "Off-track threshold" },
  email: { zh: "邮箱", en: "Email" },
  contactEmails: { zh: "联系邮箱", en: "Contact emails" },
  departmentName: { zh: "单位名称", en: "Unit name" },
  jurisdictionName: { zh: "行政区名称", en: "Jurisdiction name" },
  shortName: { zh: "简称", en: "Short name" },
  unitAlias: { zh: "单位别名", en: "Unit alias" },
  writtenUnit: { zh: "原文单位名称", en: "Unit as written" },
  deadlineText: { zh: "完成时限原文", en: "Deadline as written" },
  keyword: { zh: "关键词", en: "Keyword" },
  keywords: { zh: "关键词", en: "Keywords" },
  personName: { zh: "姓名", en: "Name" },
  resetToken: { zh: "重置链接", en: "Reset link" },
  reviewComment: { zh: "审核意见", en: "Review comment" },
  phase: { zh: "阶段", en: "Phase" },
  phaseName: { zh: "阶段名称", en: "Phase name" },
  planTitle: { zh: "规划标题", en: "Plan title" },
  password: { zh: "密码", en: "Password" },
  asOf: { zh: "运行时间", en: "Run date" },
  decisionComment: { zh: "审批意见", en: "Decision comment" },
  completionSummary: { zh: "办结情况说明", en: "Completion summary" },
  ratingComment: { zh: "评价意见", en: "Rating comment" },
  noticeRequirement: { zh: "督办要求", en: "Requirement" },
  replyText: { zh: "回复内容", en: "Reply" },
  instructionText: { zh: "批示内容", en: "Instruction" },
  sourceDocNumber: { zh: "文号", en: "Document number" },
  sourceNote: { zh: "来源说明", en: "Source" },
  targetValue: { zh: "目标值", en: "Target value" },
  dueDate: { zh: "完成时限", en: "Due date" },
  acknowledgeWorkingDays: { zh: "签收期限（工作日）", en: "Days to acknowledge (working days)" },
  yellowLagPoints: { zh: "黄色滞后阈值（百分点）", en: "Yellow lag band (points)" },
  redLagPoints: { zh: "红色滞后阈值（百分点）", en: "Red lag band (points)" },
  dueSoonDays: { zh: "临期提示（天）", en: "Due-soon band (days)" },
  escalationDays: { zh: "红色督办逾期天数", en: "Days overdue for a red notice" },
  year: { zh: "年度", en: "Year" },
  annualPlanTitle: { zh: "年度工作要点标题", en: "Annual plan title" },
  docNumber: { zh: "文号", en: "Document number" },
  deliverable: { zh: "年度目标", en: "This year's deliverable" },
  carryOverReason: { zh: "结转原因", en: "Reason for carrying over" },
  explanation: { zh: "未完成说明", en: "Explanation" },
  annualTarget: { zh: "年度目标值", en: "Annual target" },
  adjustmentReason: { zh: "调整理由", en: "Reason for the adjustment" },
  docRef: { zh: "依据文件", en: "Decision document" },
  schemeName: { zh: "考核方案名称", en: "Scheme name" },
  weight: { zh: "权重", en: "Weight" },
  points: { zh: "分值", en: "Points" },
  scoreReason: { zh: "加减分理由", en: "Reason for the points" },
  bulletinTitle: { zh: "通报标题", en: "Bulletin title" },
  assignmentNote: { zh: "分解要求", en: "What is asked" },
  decomposeBy: { zh: "分解时限", en: "Decompose by" },
  withdrawReason: { zh: "撤回原因", en: "Reason for withdrawing" },
  districtName: { zh: "片区名称", en: "District name" },
  shareTarget: { zh: "分解目标值", en: "Share of the target" },
  shareBaseline: { zh: "分解基期值", en: "Share of the baseline" },
  bulletinText: { zh: "通报正文", en: "Bulletin text" },
  robotName: { zh: "机器人名称", en: "Robot name" },
  robotKey: { zh: "机器人 Webhook key / access_token", en: "Robot webhook key / access token" },
  robotSecret: { zh: "加签密钥", en: "Signing secret" },
  mobile: { zh: "手机号", en: "Mobile number" },
  code: { zh: "验证码", en: "Code" },
  notificationKinds: { zh: "通知类型", en: "Notification kinds" },
} as const satisfies Record<string, Label>;
export type Field = keyof typeof fieldLabels;

export type IssueParams = {
  code: IssueCode;
  field?: Field;
  max?: number;
  min?: number;
  /** the value refused, when the message quotes it (a percentage typed as a fraction) */
  value?: number;
  /** the whole number probably meant instead */
  meant?: number;
};

type P = Omit<IssueParams, "code">;
type Texts = (p: P, field: Label) => Label;

/** the statuses a ledger report may carry: every task status but 待审核 (the completion application's) */
const statusList = (locale: keyof Label) =>
  Object.entries(taskStatusLabels)
    .filter(([status]) => status !== "PENDING_REVIEW")
    .map(([, l]) => l[locale])
    .join(locale === "zh" ? "、" : ", ");

const messages = {
  "text.required": (_p, f) => ({ zh: `请填写${f.zh}`, en: `${f.en} is required` }),
  "text.tooLong": (p, f) => ({
    zh: `${f.zh}不能超过 ${p.max} 个字`,
    en: `${f.en}: at most ${p.max} characters`,
  }),
  "text.unstorable": (_p, f) => ({
    zh: `${f.zh}含有无法保存的字符（空字符、残缺的表情符号或 U+FFFE/U+FFFF），请删除后重试`,
    en: `${f.en} contains a character that cannot be stored: a NUL, half of an emoji or U+FFFE/U+FFFF`,
  }),
  "list.tooMany": (p, f) => ({
    zh: `${f.zh}不能超过 ${p.max} 个`,
    en: `${f.en}: at most ${p.max}`,
  }),
  "list.empty": (_p, f) => ({ zh: `${f.zh}至少需要一项`, en: `${f.en}: at least one is needed` }),
  "weight.range": (_p, f) => ({
    zh: `${f.zh}应大于 0 且不超过 100`,
    en: `${f.en} must be above 0 and at most 100`,
  }),
  "id.invalid": () => ({ zh: "无效的编号", en: "Invalid id" }),
  "date.format": () => ({ zh: "日期格式应为 YYYY-MM-DD", en: "A date must look like YYYY-MM-DD" }),
  "period.format": () => ({ zh: "季度格式应为 2023Q2", en: "A quarter must look like 2023Q2" }),
  "asOf.format": () => ({
    zh: "时间格式应为 YYYY-MM-DD 或 ISO 8601",
    en: "Enter a date (YYYY-MM-DD) or an ISO 8601 time",
  }),
  "file.empty": () => ({ zh: "文件为空", en: "The file is empty" }),
  "file.tooLarge": () => ({ zh: "文件超过 20 MB", en: "The file is larger than 20 MB" }),
  "file.planType": () => ({
    zh: "仅支持 .txt、.docx、.pdf、.xlsx 文件",
    en: "Only .txt, .docx, .pdf and .xlsx files",
  }),
  "email.invalid": () => ({ zh: "邮箱格式不正确", en: "Invalid email address" }),
  "robotCredential.invalid": (p) => ({
    zh: `${p.field === "robotSecret" ? "加签密钥" : "Webhook key / access_token"}应为平台给出的 ${p.min} 位以上字母、数字（可含 - 和 _），不含空格；请从机器人设置中完整复制`,
    en: `${p.field === "robotSecret" ? "The signing secret" : "The webhook key / access token"} is at least ${p.min} letters and digits (- and _ allowed), without spaces, as the platform shows it: copy it whole from the robot's settings`,
  }),
  "mobile.invalid": () => ({
    zh: "手机号应为 11 位中国大陆手机号码（如 13812345678）",
    en: "Enter an 11-digit mainland China mobile number (such as 13812345678)",
  }),
  "mobileCode.invalid": () => ({
    zh: "验证码为短信中的 6 位数字",
    en: "The code is the 6 digits in the SMS",
  }),
  "email.tooLong": (p) => ({
    zh: `邮箱不能超过 ${p.max} 个字符`,
    en: `Email: at most ${p.max} characters`,
  }),
  "password.required": () => ({ zh: "请输入密码", en: "Enter the password" }),
  "password.tooShort": (p) => ({
    zh: `密码至少 ${p.min} 位`,
    en: `At least ${p.min} characters`,
  }),
  "password.tooLong": () => ({ zh: "密码过长", en: "The password is too long" }),
  "number.required": () => ({ zh: "请输入数值", en: "A number is required" }),
  "number.finite": () => ({ zh: "请输入有效数值", en: "Enter a finite number" }),
  "threshold.range": (_p, f) => ({
    zh: `${f.zh}应为 0–100 之间的百分数`,
    en: `${f.en}: a percentage from 0 to 100`,
  }),
  "threshold.order": () => ({
    zh: "风险阈值不能大于严重滞后阈值",
    en: "The at-risk threshold cannot be above the off-track threshold",
  }),
  "percent.required": () => ({ zh: "请填写完成比例", en: "Percent complete is required" }),
  "percent.range": () => ({
    zh: "完成比例请填写 0–100 的整数",
    en: "Percent complete: a whole number from 0 to 100",
  }),
  "percent.fraction": (p) => ({
    zh: `完成比例请填写 0–100 的整数（${p.value} 看起来是小数形式的百分比，请填 ${p.meant}）`,
    en: `Percent complete: a whole number 0–100; ${p.value} looks like a fraction, enter ${p.meant}`,
  }),
  "status.required": () => ({ zh: "请选择填报状态", en: "Status is required" }),
  "status.oneOf": () => ({
    zh: `填报状态应为：${statusList("zh")}`,
    en: `Status must be one of: ${statusList("en")}`,
  }),
  "user.departmentRequired": () => ({
    zh: "责任单位账号必须选择所属单位",
    en: "Department staff need a department",
  }),
  "job.unknown": () => ({ zh: "未知的定时任务", en: "Unknown job" }),
  "job.summaryNeedsPlanAndPeriod": () => ({
    zh: "季度通报需要同时指定规划和季度",
    en: "The quarterly summary needs both a plan and a quarter",
  }),
  "job.senderHasNoPlan": () => ({
    zh: "发送任务不按规划区分，请不要指定规划",
    en: "The sender has no plan filter: leave the plan out",
  }),
  "notification.unknownKind": () => ({
    zh: "未知的通知类型",
    en: "Unknown notification kind",
  }),
  "review.commentRequired": () => ({
    zh: "退回时请填写审核意见",
    en: "A comment is required to return an entry",
  }),
  "phase.startsAfterEnd": () => ({
    zh: "阶段开始日期不能晚于结束日期",
    en: "A phase cannot start after it ends",
  }),
  "task.startAfterDue": () => ({
    zh: "开始日期不能晚于完成时限",
    en: "The start date cannot be after the due date",
  }),
  "settings.redAboveYellow": () => ({
    zh: "红色滞后阈值须大于黄色滞后阈值",
    en: "The red lag band must start above the yellow one",
  }),
  "range.int": (p, f) => ({
    zh: `${f.zh}应为 ${p.min}–${p.max} 之间的整数`,
    en: `${f.en} must be a whole number from ${p.min} to ${p.max}`,
  }),
  "year.range": () => ({ zh: "年度应为 2000–2100 之间的年份", en: "A year from 2000 to 2100" }),
  "scorePeriod.format": () => ({
    zh: "考核期间应为季度（2026Q3）或年度（2026）",
    en: "A scoring period is a quarter (2026Q3) or a year (2026)",
  }),
  "scheme.weightsSum": () => ({
    zh: "各考核项权重之和应为 100",
    en: "The components' weights must add up to 100",
  }),
  "scheme.duplicateKind": () => ({
    zh: "同一考核项只能出现一次",
    en: "Each component may appear only once",
  }),
  "points.nonZero": () => ({ zh: "加减分不能为 0", en: "Points cannot be zero" }),
  "annualItem.dueOutsideYear": () => ({
    zh: "年度完成时限须在该年度内",
    en: "This year's due date must fall within the year",
  }),
  "adjustment.yearInteger": () => ({
    zh: "调整基期年或目标年时须填写整数年份",
    en: "A baseline or target year must be a whole year",
  }),
  "task.dueAfterParent": () => ({
    zh: "下级任务的完成时限不能晚于上级事项的完成时限",
    en: "A child task cannot be due after the item it breaks down",
  }),
  "task.leadIsSupporting": () => ({
    zh: "牵头单位不能同时是配合单位",
    en: "The lead unit cannot also be a supporting unit",
  }),
} satisfies Record<string, Texts>;
export type IssueCode = keyof typeof messages;

/** The text of a refusal in one language; Chinese unless asked otherwise. */
export function validationText(params: IssueParams, locale: Locale = "zh-CN"): string {
  const { code, ...p } = params;
  const field = fieldLabels[p.field ?? "input"];
  const texts = (messages[code] as Texts)(p, field);
  return locale === "en" ? texts.en : texts.zh;
}

/** The params of an issue this module made, or null (an issue zod made on its own). */
export function issueParams(issue: object): IssueParams | null {
  const p = (issue as { params?: unknown }).params as Partial<IssueParams> | undefined;
  return p && typeof p.code === "string" && p.code in messages ? (p as IssueParams) : null;
}

/** An issue's text in `locale`: translated when it carries a code, else its own message. */
export function issueText(issue: { message: string }, locale: Locale = "zh-CN"): string {
  const params = issueParams(issue);
  return params ? validationText(params, locale) : issue.message;
}
