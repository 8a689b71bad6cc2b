import { collectCascadeAlerts, planChannelDeliveries, type JobScope } from "@duban/domain";

import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";

/**
 * The daily cascade pass (collectCascadeAlerts): 分解提醒 3 and 1 days before each assignment's
 * 分解时限, and the late flag to both offices after it. The domain writes the flag, the audit and
 * the outbox rows in one transaction per assignment (its guard is the dedupe), so this handler
 * only shapes the result like deliver() does and wakes the sender.
 */
export async function cascadeLateDecomposition(
  ctx: JobContext,
  data: ParsedJobPayload<"cascade-late-decomposition">,
  asOf: Date,
  scope: JobScope,
): Promise<JobResult> {
  const outcome = await collectCascadeAlerts(ctx, { asOf, scope, dryRun: data.dryRun });
  if (data.dryRun) {
    const channels = await planChannelDeliveries(
      ctx.db,
      outcome.emails.map(({ reason: _reason, ...m }) => m),
    );
    return {
      summary: {
        ...outcome.summary,
        wouldEmail: outcome.emails.length,
        wouldPostOrSms: channels.length,
      },
      byJurisdiction: outcome.byJurisdiction,
      channels,
      recipients: outcome.emails.map((e) => ({
        email: e.recipientEmail,
        kind: e.kind,
        dedupeKey: e.dedupeKey,
        delivery: e.delivery ?? ("IMMEDIATE" as const),
        reason: e.reason,
      })),
    };
  }
  if (outcome.enqueued > 0)
    await ctx.dispatch("send-notifications", { trigger: "after:cascade-late-decomposition" });
  return { summary: outcome.summary, byJurisdiction: outcome.byJurisdiction };
}
