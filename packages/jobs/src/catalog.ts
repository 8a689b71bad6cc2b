import { z } from "zod";

import { JOB_NAMES, zAsOf, zId, zPeriod, type JobName } from "@duban/domain/schemas";

export { JOB_NAMES, type JobName };

/**
 * Every job's payload carries ids and knobs, never whole objects; asOf injects the time; planId
 * narrows any job to one plan. Which jurisdictions a run covers is not in the payload (anyone who
 * can add a job to a queue could widen it): runJob takes it from its caller (runner.ts).
 */
const zBase = z.object({
  asOf: zAsOf.optional(),
  planId: zId.optional(),
  dryRun: z.boolean().default(false),
  /** who started it: schedule, manual:<email>, after:<job>, cli */
  trigger: z.string().max(200).default("queue"),
});

export const jobPayloads = {
  "cascade-late-decomposition": zBase,
  "due-soon-reminders": zBase,
  "overdue-scan": zBase.extend({ escalationDays: z.number().int().min(1).max(365).optional() }),
  "quarterly-cycle": zBase.extend({ reminderDays: z.number().int().min(0).max(30).optional() }),
  "quarterly-summary": zBase.extend({ period: zPeriod.optional() }),
  "send-notifications": zBase,
} satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.input<(typeof jobPayloads)[N]>;
export type ParsedJobPayload<N extends JobName> = z.output<(typeof jobPayloads)[N]>;

export type JobDefinition = {
  description: string;
  /** cron in Asia/Shanghai, or a fixed interval; null = only triggered (by another job or by hand) */
  schedule: { pattern: string } | { everyMs: number } | null;
  attempts: number;
  backoffMs: number;
};

export const SCHEDULE_TZ = "Asia/Shanghai";

/** The catalog: the one place that names each job, its payload, its schedule and its retries. */
export const jobCatalog: Record<JobName, JobDefinition> = {
  // after the overdue scan (09:00), so an office reads the day's digests before the cascade's
  "cascade-late-decomposition": {
    description: "下达事项分解时限前 3 天和 1 天提醒；逾期未分解通报上下两级办公室",
    schedule: { pattern: "10 9 * * *" },
    attempts: 3,
    backoffMs: 60_000,
  },
  "due-soon-reminders": {
    description: "到期前 7 天和 1 天提醒牵头单位",
    schedule: { pattern: "30 8 * * *" },
    attempts: 3,
    backoffMs: 60_000,
  },
  "overdue-scan": {
    description: "逾期任务日报；逾期超过 N 天升级至办公室",
    schedule: { pattern: "0 9 * * *" },
    attempts: 3,
    backoffMs: 60_000,
  },
  // shortly after midnight, so a quarter's window opens on its first day
  "quarterly-cycle": {
    description: "季度填报窗口：开启、截止前催报、到期关闭",
    schedule: { pattern: "10 0 * * *" },
    attempts: 3,
    backoffMs: 300_000,
  },
  "quarterly-summary": {
    description: "季度通报（邮件 + Excel 附件）",
    schedule: null,
    attempts: 3,
    backoffMs: 300_000,
  },
  "send-notifications": {
    description: "发送邮件队列（发件箱）",
    schedule: { everyMs: 60_000 },
    attempts: 1,
    backoffMs: 0,
  },
};

/** Stable scheduler ids: upserting the same id on every start never creates a second scheduler. */
export const schedulerId = (name: JobName) => `${name}@schedule`;

/** The cron text shown in the UI. */
export function scheduleLabel(name: JobName): string | null {
  const s = jobCatalog[name].schedule;
  if (!s) return null;
  return "pattern" in s ? s.pattern : `every ${s.everyMs / 1000}s`;
}
