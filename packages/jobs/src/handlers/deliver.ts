import { enqueueNotifications, isDigestPayload, type MonitoringOutcome } from "@duban/domain";
import type { JobContext, JobResult } from "../context.ts";

/**
 * The common tail of the jobs that email: a dry run lists recipients and reasons and writes
 * nothing; a real run writes the outbox (the dedupe keys make a second run a no-op) and wakes the sender.
 */
export async function deliver(ctx: JobContext, jobName: string, outcome: MonitoringOutcome, dryRun: boolean): Promise<JobResult> {
  const recipients = outcome.emails.map((e) => ({ email: e.recipientEmail, kind: e.kind, dedupeKey: e.dedupeKey, delivery: isDigestPayload(e.payload) ? ("DIGEST" as const) : ("IMMEDIATE" as const), reason: e.reason }));
  if (dryRun) return { summary: { ...outcome.summary, wouldEmail: recipients.length }, recipients };
  const enqueued = await enqueueNotifications(ctx.db, outcome.emails.map(({ reason: _reason, ...m }) => m));
  if (enqueued > 0) await ctx.dispatch("send-notifications", { trigger: `after:${jobName}` });
  return { summary: { ...outcome.summary, planned: outcome.emails.length, enqueued } };
}
