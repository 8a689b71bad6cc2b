import { z } from "zod";

import { NOTIFICATION_KINDS } from "../notifications/kinds.ts";
import { refuse, storable, zId, zPage, zPeriod } from "./common.ts";

/** The catalogued jobs (packages/jobs holds their payloads, cron and retry settings). */
export const JOB_NAMES = [
  "cascade-late-decomposition",
  "due-soon-reminders",
  "overdue-scan",
  "quarterly-cycle",
  "quarterly-summary",
  "send-notifications",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const zJobName = z.enum(JOB_NAMES, { error: refuse({ code: "job.unknown" }) });
/** An instant (ISO 8601 with offset) or a day, read as that day in Shanghai at 09:00. */
export const zAsOf = storable(
  z.string().max(40, { error: refuse({ code: "asOf.format" }) }),
  "asOf",
).refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)), {
  error: refuse({ code: "asOf.format" }),
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
    error: refuse({ code: "job.summaryNeedsPlanAndPeriod" }),
    path: ["period"],
  })
  .refine((i) => i.name !== "send-notifications" || !i.planId, {
    error: refuse({ code: "job.senderHasNoPlan" }),
    path: ["planId"],
  });
export const ZListJobRunsInput = z.object({
  name: zJobName.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const zNotificationKind = z.enum(NOTIFICATION_KINDS, {
  error: refuse({ code: "notification.unknownKind" }),
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
