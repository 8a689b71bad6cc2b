/**
 * The emails users can tune in their settings. password-reset is deliberately absent: it must
 * always arrive at once, so no setting may mute or delay it.
 */
export const NOTIFICATION_KINDS = [
  "due-soon",
  "overdue",
  "overdue-escalation",
  "cycle-reminder",
  "quarterly-summary",
  // the supervision loop (督办闭环)
  "task-assigned",
  "acknowledge-reminder",
  "change-request",
  "change-request-decided",
  "completion-applied",
  "completion-decided",
  "supervision-notice",
  "notice-reply",
  "instruction",
  // the year's cycle (年度计划与考核)
  "bulletin",
  // the annual layer (issue #18)
  "annual-plan-issued",
  // the cascade (issue #19, 层层分解)
  "cascade-assigned",
  // the cascade (层层分解, issue #19): reminders and the late-decomposition flag
  "cascade-decompose-soon",
  "cascade-late",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_MODES = ["IMMEDIATE", "DIGEST", "MUTED"] as const;
