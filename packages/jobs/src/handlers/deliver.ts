import {
  countFor,
  enqueueNotifications,
  planChannelDeliveries,
  type JurisdictionFigures,
  type MonitoringOutcome,
  type PlannedEmail,
} from "@duban/domain";

import type { JobContext, JobResult } from "../context.ts";

/**
 * The common tail of the jobs that email: a dry run lists recipients and reasons, and the robot
 * posts and SMS those emails would fan out to (planChannelDeliveries), and writes nothing; a real run writes the outbox (the dedupe keys make a second run a no-op) and wakes the
 * sender. Emails are written per causing jurisdiction, so the run's figures say per jurisdiction
 * how many were planned (`emails`) and new (`enqueued`).
 */
export async function deliver(
  ctx: JobContext,
  jobName: string,
  outcome: MonitoringOutcome,
  dryRun: boolean,
): Promise<JobResult> {
  const figures: JurisdictionFigures = structuredClone(outcome.byJurisdiction ?? {});
  const byCause = new Map<string, PlannedEmail[]>();
  for (const e of outcome.emails) {
    countFor(figures, e.jurisdictionId, "emails");
    const list = byCause.get(e.jurisdictionId);
    if (list) list.push(e);
    else byCause.set(e.jurisdictionId, [e]);
  }
  const recipients = outcome.emails.map((e) => ({
    email: e.recipientEmail,
    kind: e.kind,
    dedupeKey: e.dedupeKey,
    delivery: e.delivery ?? ("IMMEDIATE" as const),
    reason: e.reason,
  }));
  if (dryRun) {
    const channels = await planChannelDeliveries(
      ctx.db,
      outcome.emails.map(({ reason: _reason, ...m }) => m),
    );
    return {
      summary: {
        ...outcome.summary,
        wouldEmail: recipients.length,
        wouldPostOrSms: channels.length,
      },
      byJurisdiction: figures,
      recipients,
      channels,
    };
  }
  let enqueued = 0;
  for (const [jurisdictionId, emails] of byCause) {
    const n = await enqueueNotifications(
      ctx.db,
      emails.map(({ reason: _reason, ...m }) => m),
    );
    countFor(figures, jurisdictionId, "enqueued", n);
    enqueued += n;
  }
  if (enqueued > 0) await ctx.dispatch("send-notifications", { trigger: `after:${jobName}` });
  return {
    summary: { ...outcome.summary, planned: outcome.emails.length, enqueued },
    byJurisdiction: figures,
  };
}
