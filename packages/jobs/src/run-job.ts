import { finishJobRun, startJobRun } from "@duban/domain";
import { jobPayloads, type JobName } from "./catalog.ts";
import { resolveAsOf } from "./as-of.ts";
import type { JobContext, JobResult } from "./context.ts";
import { dueSoonReminders } from "./handlers/due-soon-reminders.ts";
import { overdueScan } from "./handlers/overdue-scan.ts";
import { quarterlyCycle } from "./handlers/quarterly-cycle.ts";
import { quarterlySummary } from "./handlers/quarterly-summary.ts";
import { sendNotifications } from "./handlers/send-notifications.ts";

type Handler = (ctx: JobContext, data: never, asOf: Date) => Promise<JobResult>;
const handlers: Record<JobName, Handler> = {
  "due-soon-reminders": dueSoonReminders,
  "overdue-scan": overdueScan,
  "quarterly-cycle": quarterlyCycle,
  "quarterly-summary": quarterlySummary,
  "send-notifications": sendNotifications,
};

export type JobRunResult = JobResult & { runId: string | null; jobName: JobName; asOf: string; dryRun: boolean };

/** Sweeps of the sender that found nothing are not worth a JobRun row each minute. */
const isIdleSweep = (name: JobName, trigger: string, result: JobResult) => name === "send-notifications" && trigger === "schedule" && result.summary.claimed === 0;

/**
 * Runs one catalogued job: re-validates the payload, fixes asOf, records the run in JobRun
 * (state, trigger, dryRun, asOf, summary or error) and calls the handler. Used by the worker and
 * by "run now" alike, so both behave the same.
 */
export async function runJob(ctx: JobContext, name: JobName, rawData: unknown): Promise<JobRunResult> {
  const data = jobPayloads[name].parse(rawData ?? {});
  const asOf = resolveAsOf(data.asOf);
  const base = { jobName: name, asOf: asOf.toISOString(), dryRun: data.dryRun };
  if (name === "send-notifications" && data.trigger === "schedule") {
    const result = await handlers[name](ctx, data as never, asOf);
    if (isIdleSweep(name, data.trigger, result)) return { ...result, ...base, runId: null };
    const run = await startJobRun(ctx.db, { jobName: name, trigger: data.trigger, dryRun: data.dryRun, asOf });
    await finishJobRun(ctx.db, run.id, { ok: true, summary: result.summary });
    return { ...result, ...base, runId: run.id };
  }
  const run = await startJobRun(ctx.db, { jobName: name, trigger: data.trigger, dryRun: data.dryRun, asOf });
  try {
    const result = await handlers[name](ctx, data as never, asOf);
    // a dry run's recipient list goes back to the caller; the record keeps the figures
    await finishJobRun(ctx.db, run.id, { ok: true, summary: result.summary });
    ctx.log.info({ job: name, runId: run.id, trigger: data.trigger, dryRun: data.dryRun, summary: result.summary }, "job finished");
    return { ...result, ...base, runId: run.id };
  } catch (error) {
    await finishJobRun(ctx.db, run.id, { ok: false, error: (error as Error).stack ?? String(error) }).catch(() => undefined);
    ctx.log.error({ job: name, runId: run.id, err: error }, "job failed");
    throw error;
  }
}
