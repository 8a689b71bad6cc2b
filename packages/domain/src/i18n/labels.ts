// Labels for the domain's enumerations in both UI languages. Browser-safe: no imports beyond types,
// so the web app, mails and reports name a status the same way.

export type Locale = "zh-CN" | "en";

export type TaskStatusKey = "NOT_STARTED" | "IN_PROGRESS" | "COMPLETED" | "SUSPENDED" | "CANCELLED";
export type ScheduleKey = "COMPLETED" | "ON_SCHEDULE" | "LAGGING" | "OVERDUE" | "CANCELLED";
export type LedgerCellKey = "NOT_DUE" | "DUE" | "SUBMITTED" | "APPROVED" | "RETURNED" | "LATE";
export type ReviewStateKey = "SUBMITTED" | "APPROVED" | "RETURNED";
export type RoleKey = "OFFICE" | "DEPARTMENT" | "LEADER";
export type PlanStatusKey = "DRAFT" | "ACTIVE" | "ARCHIVED";
export type CycleStateKey = "SCHEDULED" | "OPEN" | "CLOSED";
export type IndicatorNatureKey = "EXPECTED" | "BINDING";
export type PhaseKeyDefault = "LAUNCH" | "MIDTERM" | "ADVANCE" | "CLOSE";

type Labels<K extends string> = Record<Locale, Record<K, string>>;

export const taskStatusLabels: Labels<TaskStatusKey> = {
  "zh-CN": {
    NOT_STARTED: "未启动",
    IN_PROGRESS: "推进中",
    COMPLETED: "已完成",
    SUSPENDED: "已暂缓",
    CANCELLED: "已取消",
  },
  en: {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    COMPLETED: "Completed",
    SUSPENDED: "Suspended",
    CANCELLED: "Cancelled",
  },
};

export const scheduleLabels: Labels<ScheduleKey> = {
  "zh-CN": {
    COMPLETED: "已完成",
    ON_SCHEDULE: "正常推进",
    LAGGING: "滞后",
    OVERDUE: "逾期",
    CANCELLED: "已取消",
  },
  en: {
    COMPLETED: "Completed",
    ON_SCHEDULE: "On schedule",
    LAGGING: "Lagging",
    OVERDUE: "Overdue",
    CANCELLED: "Cancelled",
  },
};

export const ledgerCellLabels: Labels<LedgerCellKey> = {
  "zh-CN": {
    NOT_DUE: "未到期",
    DUE: "待填报",
    SUBMITTED: "已提交",
    APPROVED: "已通过",
    RETURNED: "已退回",
    LATE: "逾期未报",
  },
  en: {
    NOT_DUE: "Not due",
    DUE: "Due",
    SUBMITTED: "Submitted",
    APPROVED: "Approved",
    RETURNED: "Returned",
    LATE: "Late",
  },
};

export const reviewStateLabels: Labels<ReviewStateKey> = {
  "zh-CN": { SUBMITTED: "待审核", APPROVED: "已通过", RETURNED: "已退回" },
  en: { SUBMITTED: "Awaiting review", APPROVED: "Approved", RETURNED: "Returned" },
};

export const roleLabels: Labels<RoleKey> = {
  "zh-CN": { OFFICE: "领导小组办公室", DEPARTMENT: "责任单位", LEADER: "领导" },
  en: { OFFICE: "Leading group office", DEPARTMENT: "Responsible unit", LEADER: "Leader" },
};

export const planStatusLabels: Labels<PlanStatusKey> = {
  "zh-CN": { DRAFT: "草稿", ACTIVE: "实施中", ARCHIVED: "已归档" },
  en: { DRAFT: "Draft", ACTIVE: "Active", ARCHIVED: "Archived" },
};

export const cycleStateLabels: Labels<CycleStateKey> = {
  "zh-CN": { SCHEDULED: "未开启", OPEN: "填报中", CLOSED: "已关闭" },
  en: { SCHEDULED: "Scheduled", OPEN: "Open", CLOSED: "Closed" },
};

export const indicatorNatureLabels: Labels<IndicatorNatureKey> = {
  "zh-CN": { EXPECTED: "预期性", BINDING: "约束性" },
  en: { EXPECTED: "Expected", BINDING: "Binding" },
};

export const phaseLabels: Labels<PhaseKeyDefault> = {
  "zh-CN": { LAUNCH: "启动实施", MIDTERM: "中期评估", ADVANCE: "全面推进", CLOSE: "总结收官" },
  en: { LAUNCH: "Launch", MIDTERM: "Mid-term review", ADVANCE: "Full advance", CLOSE: "Wrap-up" },
};

/** 2023Q2 → "2023年第二季度" / "2023 Q2". */
export function periodLabel(period: string, locale: Locale): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return period;
  return locale === "en"
    ? `${m[1]} Q${m[2]}`
    : `${m[1]}年第${["一", "二", "三", "四"][Number(m[2]) - 1]}季度`;
}
