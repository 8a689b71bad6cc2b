import { dueChannelDeliveries, dueNotifications, type JobScope } from "@duban/domain";

import type { ParsedJobPayload } from "../catalog.ts";
import { sendPendingChannelDeliveries } from "../channels/channel-sender.ts";
import type { JobContext, JobResult } from "../context.ts";
import { sendPendingNotifications } from "../sender/outbox-sender.ts";

/**
 * The outbox sender as a job. A dry run lists what is due without claiming it: only the emails
 * caused inside the scope, never account mail, and the robot posts and SMS due in the scope. A real run sends whatever is due, for everyone,
 * exactly as the every-minute schedule does (an office's "run now" only wakes it early), then the
 * SMS and group-robot deliveries (sendPendingChannelDeliveries).
 */
export async function sendNotifications(
  ctx: JobContext,
  data: ParsedJobPayload<"send-notifications">,
  asOf: Date,
  scope: JobScope,
): Promise<JobResult> {
  if (data.dryRun) {
    const query = { now: asOf, limit: 1000, jurisdictionIds: scope.jurisdictionIds };
    const [{ rows, withheld }, channels] = await Promise.all([
      dueNotifications(ctx.db, query),
      dueChannelDeliveries(ctx.db, query),
    ]);
    return {
      summary: {
        due: rows.length,
        ...(withheld ? { accountMailNotListed: withheld } : {}),
        channelsDue: channels.length,
      },
      channels,
      recipients: rows.map((n) => ({
        email: n.recipientEmail,
        kind: n.kind,
        dedupeKey: n.dedupeKey,
        delivery: "IMMEDIATE",
        reason: `${n.subject}（第 ${n.attempts + 1} 次尝试）`,
      })),
    };
  }
  if (!ctx.mailer)
    throw new Error("send-notifications needs a mailer (SMTP_URL); run it in the worker");
  const result = await sendPendingNotifications({
    db: ctx.db,
    mailer: ctx.mailer,
    log: ctx.log,
    baseUrl: ctx.config.baseUrl,
    ...ctx.config.sender,
  });
  // the other channels in the same sweep: their own rows, so neither waits for the other's failures
  const channels = await sendPendingChannelDeliveries({
    db: ctx.db,
    log: ctx.log,
    baseUrl: ctx.config.baseUrl,
    ...ctx.config.channels,
  });
  return { summary: { ...result, channels } };
}
