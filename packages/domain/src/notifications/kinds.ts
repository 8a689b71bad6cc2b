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
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationKindZh: Record<NotificationKind, string> = {
  "due-soon": "任务/节点到期提醒",
  overdue: "逾期任务日报",
  "overdue-escalation": "逾期督办升级",
  "cycle-reminder": "台账填报催报",
  "quarterly-summary": "季度督办通报",
};

export const DELIVERY_MODES = ["IMMEDIATE", "DIGEST", "MUTED"] as const;
