import { z } from "zod";

import { NOTIFICATION_KINDS } from "../notifications/kinds.ts";
import { storable, zId, zPage, zPeriod } from "./common.ts";

/** The catalogued jobs (packages/jobs holds their payloads, cron and retry settings). */
export const JOB_NAMES = [
  "due-soon-reminders",
  "overdue-scan",
  "quarterly-cycle",
  "quarterly-summary",
  "send-notifications",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const zJobName = z.enum(JOB_NAMES, { error: "未知的定时任务 (unknown job)" });
/** An instant (ISO 8601 with offset) or a day, read as that day in Shanghai at 09:00. */
export const zAsOf = storable(
  z.string().max(40, {
    error: "时间格式应为 YYYY-MM-DD 或 ISO 8601 (asOf must be a date or ISO timestamp)",
  }),
  "时间",
).refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)), {
  error: "时间格式应为 YYYY-MM-DD 或 ISO 8601 (asOf must be a date or ISO timestamp)",
});

export const ZRunJobNowInput = z
  .object({
    name: zJobName,
    asOf: zAsOf.optional(),
    period: zPeriod.optional(),
    planId: zId.optional(),
    dryRun: z.boolean().default(false),
  })
  .refine((i) => i.name !== "quarterly-summary" || (i.period && i.planId) || !i.planId, {
    error: "季度通报需要同时指定规划和季度 (quarterly-summary needs planId with period)",
    path: ["period"],
  })
  .refine((i) => i.name !== "send-notifications" || !i.planId, {
    error: "发送任务不按规划区分，请不要指定规划 (the sender has no plan filter)",
    path: ["planId"],
  });
export const ZListJobRunsInput = z.object({
  name: zJobName.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const zNotificationKind = z.enum(NOTIFICATION_KINDS, {
  error: "未知的通知类型 (unknown notification kind)",
});
export const ZSetMyNotificationSettingInput = z.object({
  kind: zNotificationKind,
  mode: z.enum(["IMMEDIATE", "DIGEST", "MUTED"]),
});
export const ZListNotificationsInput = zPage.extend({
  jurisdictionId: zId,
  state: z.enum(["PENDING", "SENDING", "SENT", "FAILED", "CANCELLED"]).optional(),
});
export const ZRetryNotificationInput = z.object({ id: zId });
