import type { z } from "zod";

import {
  assertRunDate,
  finishJobRun,
  invalid,
  narrowToPlan,
  startJobRun,
  type JobScope,
} from "@duban/domain";

import { resolveAsOf } from "./as-of.ts";
import { jobPayloads, type JobName, type JobPayload, type ParsedJobPayload } from "./catalog.ts";
import type { JobContext, JobResult } from "./context.ts";
import { cascadeLateDecomposition } from "./handlers/cascade-late-decomposition.ts";
import { dueSoonReminders } from "./handlers/due-soon-reminders.ts";
import { overdueScan } from "./handlers/overdue-scan.ts";
import { quarterlyCycle } from "./handlers/quarterly-cycle.ts";
import { quarterlySummary } from "./handlers/quarterly-summary.ts";
import { sendNotifications } from "./handlers/send-notifications.ts";

/** A job's handler takes the payload its catalog entry parses to, so a mismatch does not compile. */
type Handler<N extends JobName> = (
  ctx: JobContext,
  data: ParsedJobPayload<N>,
  asOf: Date,
  scope: JobScope,
) => Promise<JobResult>;

const handlers: { [N in JobName]: Handler<N> } = {
  "cascade-late-decomposition": cascadeLateDecomposition,
  "due-soon-reminders": dueSoonReminders,
  "overdue-scan": overdueScan,
  "quarterly-cycle": quarterlyCycle,
  "quarterly-summary": quarterlySummary,
  "send-notifications": sendNotifications,
};

export type JobRunResult = JobResult & {
  runId: string | null;
  jobName: JobName;
  asOf: string;
  dryRun: boolean;
};

/** Each job's payload schema, typed by name: parsing one gives exactly what its handler takes. */
const payloadSchemas: { [N in JobName]: z.ZodType<ParsedJobPayload<N>, JobPayload<N>> } =
  jobPayloads;

/** Which jurisdictions a run covers: null (every one) for the worker and the CLI; an office's from jobScopeFor. */
export type RunJobOptions = { jurisdictionIds?: string[] | null };

/**
 * The checks every run passes before anything is recorded or queued: a valid payload, a real run
 * not dated after today, a plan (when named) inside the caller's jurisdictions, no plan for the
 * sender (its emails are kept per jurisdiction, not per plan).
 */
export async function prepareRun<N extends JobName>(
  ctx: Pick<JobContext, "db" | "now">,
  name: N,
  rawData: unknown,
  options: RunJobOptions = {},
) {
  const data = payloadSchemas[name].parse(rawData ?? {});
  const now = (ctx.now ?? (() => new Date()))();
  const asOf = resolveAsOf(data.asOf, () => now);
  assertRunDate({ asOf, dryRun: data.dryRun, now });
  if (name === "send-notifications" && data.planId)
    throw invalid(
      "发送任务不按规划区分：邮件按辖区记录，请不要指定规划",
      "the sender has no plan filter (emails are kept per jurisdiction): leave the plan out",
      "planId",
    );
  const scope: JobScope = await narrowToPlan(ctx, {
    jurisdictionIds: options.jurisdictionIds ?? null,
    planId: data.planId ?? null,
  });
  return { data, now, asOf, scope };
}

/** Sweeps of the sender that found nothing are not worth a JobRun row each minute. */
const isIdleSweep = (name: JobName, trigger: string, result: JobResult) =>
  name === "send-notifications" && trigger === "schedule" && result.summary.claimed === 0;

/**
 * Runs one catalogued job: re-validates the payload, fixes asOf (by the context's clock), refuses
 * a real run dated after today (assertRunDate), fixes the scope (the caller's jurisdictions, or
 * the payload's plan's, which must lie inside them: narrowToPlan), records the run in JobRun (state, trigger,
 * dryRun, asOf, scope, summary and per-jurisdiction figures, or error) and calls the handler.
 * Used by the worker and by "run now" alike, so both behave the same.
 */
export async function runJob<N extends JobName>(
  ctx: JobContext,
  name: N,
  rawData: unknown,
  options: RunJobOptions = {},
): Promise<JobRunResult> {
  const { data, now, asOf, scope } = await prepareRun(ctx, name, rawData, options);
  const clock = ctx.now ?? (() => new Date());
  const base = { jobName: name, asOf: asOf.toISOString(), dryRun: data.dryRun };
  const record = {
    jobName: name,
    trigger: data.trigger,
    dryRun: data.dryRun,
    asOf,
    scope,
    startedAt: now,
  };
  if (name === "send-notifications" && data.trigger === "schedule") {
    const result = await handlers[name](ctx, data, asOf, scope);
    if (isIdleSweep(name, data.trigger, result)) return { ...result, ...base, runId: null };
    const run = await startJobRun(ctx, record);
    await finishJobRun(ctx, {
      id: run.id,
      ok: true,
      summary: result.summary,
      finishedAt: clock(),
    });
    return { ...result, ...base, runId: run.id };
  }
  const run = await startJobRun(ctx, record);
  try {
    const result = await handlers[name](ctx, data, asOf, scope);
    // a dry run's recipient list goes back to the caller; the record keeps the figures
    await finishJobRun(ctx, {
      id: run.id,
      ok: true,
      summary: result.summary,
      byJurisdiction: result.byJurisdiction,
      finishedAt: clock(),
    });
    ctx.log.info(
      {
        job: name,
        runId: run.id,
        trigger: data.trigger,
        dryRun: data.dryRun,
        scope,
        summary: result.summary,
      },
      "job finished",
    );
    return { ...result, ...base, runId: run.id };
  } catch (error) {
    await finishJobRun(ctx, {
      id: run.id,
      ok: false,
      error: (error as Error).stack ?? String(error),
      finishedAt: clock(),
    }).catch(() => undefined);
    ctx.log.error({ job: name, runId: run.id, err: error }, "job failed");
    throw error;
  }
}
