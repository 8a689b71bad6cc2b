import type { Db, DbOrTx } from "@duban/db";

import { shanghaiDay, shanghaiMidnight } from "../calendar.ts";
import {
  backoffSeconds,
  DEFAULT_CLAIM_LEASE_MS,
  MAX_SEND_ATTEMPTS,
} from "../notifications/delivery.ts";
import type { PlannedChannelDelivery } from "./fan-out.ts";
import { MOBILE_CODE_KIND } from "./mobile-code.ts";
import { maskMobile } from "./mobile.ts";

/**
 * The channel deliveries' state machine, driven by the channel sender (packages/jobs), the same
 * as the email outbox's (delivery.ts):
 *   PENDING --claim--> SENDING --ok--> SENT
 *                        |--error--> PENDING (backoff, or the platform's retryAfterMs)
 *                        |           or FAILED (permanent, misconfigured, attempts used up)
 *                        |--daily cap / robot gone or disabled--> SKIPPED (with the reason)
 *   SENDING past claimedUntil (the worker died) --claim--> SENDING again.
 * Attempts are counted at claim time; every mark is fenced on the claim's claimedUntil.
 * An SMS takes a slot of its recipient's daily cap before it is sent (reserveSmsSlot: smsCountedAt,
 * checked and set under a per user-day lock); a failure gives the slot back. A robot message cut
 * into parts keeps how many the platform accepted (partsSent), and its retry resumes after them.
 */
export type ClaimedChannelDelivery = {
  id: string;
  notificationId: string | null;
  channel: "WECOM_ROBOT" | "DINGTALK_ROBOT" | "SMS";
  robotId: string | null;
  recipientUserId: string | null;
  phone: string | null;
  jurisdictionId: string | null;
  kind: string;
  title: string;
  body: string;
  linkPath: string;
  dedupeKey: string;
  attempts: number;
  claimedUntil: Date;
  /** parts of a split robot message accepted on earlier attempts: send from the next one */
  partsSent: number;
};

const ts = (d: Date) => d.toISOString();

/**
 * Takes up to `limit` due deliveries (expired leases first, then the longest waiting), with
 * FOR UPDATE SKIP LOCKED so concurrent senders take disjoint rows.
 */
export async function claimDueChannelDeliveries(
  db: Db,
  options: { now: Date; limit: number; leaseMs?: number },
): Promise<ClaimedChannelDelivery[]> {
  const lease = new Date(options.now.getTime() + (options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS));
  return db.$queryRaw<ClaimedChannelDelivery[]>`
    WITH expired AS (
      SELECT id, 0 AS rank, "nextAttemptAt" FROM "ChannelDelivery"
       WHERE state = 'SENDING' AND "claimedUntil" < ${ts(options.now)}::timestamp(3)
       ORDER BY "nextAttemptAt" LIMIT ${options.limit}
         FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT id, 1 AS rank, "nextAttemptAt" FROM "ChannelDelivery"
       WHERE state = 'PENDING' AND "nextAttemptAt" <= ${ts(options.now)}::timestamp(3)
       ORDER BY "nextAttemptAt" LIMIT ${options.limit}
         FOR UPDATE SKIP LOCKED
    )
    UPDATE "ChannelDelivery" d
       SET state = 'SENDING', "claimedUntil" = ${ts(lease)}::timestamp(3), attempts = d.attempts + 1, "updatedAt" = ${ts(options.now)}::timestamp(3)
     WHERE d.id IN (
       SELECT id FROM (SELECT * FROM expired UNION ALL SELECT * FROM due) candidates
        ORDER BY rank, "nextAttemptAt" LIMIT ${options.limit})
    RETURNING d.id, d."notificationId", d.channel::text AS channel, d."robotId", d."recipientUserId", d.phone, d."jurisdictionId", d.kind, d.title, d.body, d."linkPath", d."dedupeKey", d.attempts, d."claimedUntil", d."partsSent"`;
}

type Held = Pick<ClaimedChannelDelivery, "id" | "claimedUntil">;

/**
 * SENT (with every part of a split message: `parts`), only while this claim still holds the row.
 * Returns whether it was marked.
 */
export async function markChannelDeliverySent(
  db: Db,
  row: Held,
  result: { providerMessageId?: string | null; parts?: number; now: Date },
): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "ChannelDelivery" SET state = 'SENT', "title" = CASE WHEN kind = ${MOBILE_CODE_KIND} THEN '手机号验证码（已处理，不再保存）' ELSE "title" END, "body" = CASE WHEN kind = ${MOBILE_CODE_KIND} THEN '' ELSE "body" END, "sentAt" = ${ts(result.now)}::timestamp(3), "providerMessageId" = ${result.providerMessageId ?? null}, "partsSent" = greatest("partsSent", ${result.parts ?? 0}::int), "claimedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${ts(result.now)}::timestamp(3)
     WHERE id = ${row.id}::uuid AND state = 'SENDING' AND "claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)`;
  return n > 0;
}

/**
 * A split robot message's progress while it is being sent: the platform has now accepted
 * `partsSent` of its parts. Kept (never lowered) only while this claim holds the row, so a worker
 * that dies mid-message leaves the next one to resume after them. Returns whether it was kept.
 */
export async function recordChannelPartsSent(
  db: Db,
  row: Held,
  partsSent: number,
): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "ChannelDelivery" SET "partsSent" = greatest("partsSent", ${partsSent}::int)
     WHERE id = ${row.id}::uuid AND state = 'SENDING' AND "claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)`;
  return n > 0;
}

/**
 * After a failed send: FAILED when permanent or out of attempts, else PENDING again after the
 * platform's `retryAfterMs` when it gave one, else the outbox's exponential backoff. `partsSent`
 * (the parts of a split message the platform accepted, counted from the message's first) is kept
 * so the retry resumes after them; an SMS gives its daily slot back. Returns the new state, or
 * null when another worker holds the row meanwhile.
 */
export async function markChannelDeliveryFailed(
  db: Db,
  row: Held & { attempts: number },
  failure: {
    error: string;
    permanent: boolean;
    retryAfterMs?: number;
    partsSent?: number;
    now: Date;
  },
): Promise<"PENDING" | "FAILED" | null> {
  const state = failure.permanent || row.attempts >= MAX_SEND_ATTEMPTS ? "FAILED" : "PENDING";
  const delayMs = Math.max(failure.retryAfterMs ?? 0, backoffSeconds(row.attempts) * 1000);
  const next = new Date(failure.now.getTime() + delayMs);
  const n = await db.$executeRaw`
    UPDATE "ChannelDelivery" SET state = ${state}::"ChannelDeliveryState", "title" = CASE WHEN kind = ${MOBILE_CODE_KIND} AND ${state} = 'FAILED' THEN '手机号验证码（已处理，不再保存）' ELSE "title" END, "body" = CASE WHEN kind = ${MOBILE_CODE_KIND} AND ${state} = 'FAILED' THEN '' ELSE "body" END, "lastError" = ${failure.error.slice(0, 2000)}, "nextAttemptAt" = ${ts(next)}::timestamp(3), "partsSent" = greatest("partsSent", ${failure.partsSent ?? 0}::int), "smsCountedAt" = NULL, "claimedUntil" = NULL, "updatedAt" = ${ts(failure.now)}::timestamp(3)
     WHERE id = ${row.id}::uuid AND state = 'SENDING' AND "claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)`;
  return n > 0 ? state : null;
}

/** SKIPPED with the reason (daily cap reached, robot disabled or removed): never sent, never retried. */
export async function markChannelDeliverySkipped(
  db: Db,
  row: Held,
  reason: string,
  now: Date,
): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "ChannelDelivery" SET state = 'SKIPPED', "lastError" = ${reason}, "title" = CASE WHEN kind = ${MOBILE_CODE_KIND} THEN '手机号验证码（已处理，不再保存）' ELSE "title" END, "body" = CASE WHEN kind = ${MOBILE_CODE_KIND} THEN '' ELSE "body" END, "smsCountedAt" = NULL, "claimedUntil" = NULL, "updatedAt" = ${ts(now)}::timestamp(3)
     WHERE id = ${row.id}::uuid AND state = 'SENDING' AND "claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)`;
  return n > 0;
}

/** Back to PENDING until `until` without using up an attempt (a robot's own rate limit was reached). */
export async function deferChannelDelivery(
  db: Db,
  row: Held,
  until: Date,
  now: Date,
): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "ChannelDelivery" SET state = 'PENDING', attempts = greatest(attempts - 1, 0), "smsCountedAt" = NULL, "nextAttemptAt" = ${ts(until)}::timestamp(3), "claimedUntil" = NULL, "updatedAt" = ${ts(now)}::timestamp(3)
     WHERE id = ${row.id}::uuid AND state = 'SENDING' AND "claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)`;
  return n > 0;
}

/**
 * Slots of the user's daily SMS cap taken since midnight in Shanghai: SMS sent, and SMS being
 * sent by a claim that reserved its slot (reserveSmsSlot).
 */
export async function smsSentToday(db: DbOrTx, userId: string, now: Date): Promise<number> {
  return db.channelDelivery.count({
    where: {
      channel: "SMS",
      recipientUserId: userId,
      state: { in: ["SENDING", "SENT"] },
      smsCountedAt: { gte: shanghaiMidnight(shanghaiDay(now)) },
    },
  });
}

/**
 * Takes one slot of the recipient's daily SMS cap for this claimed delivery, or says the cap is
 * reached. Check and take are one step: under a transaction-scoped advisory lock per user and
 * Shanghai day, the count of today's slots (SENT, or SENDING with a slot) and the conditional
 * update run one after the other, each seeing what the previous holder of the lock committed; so
 * concurrent workers never send more than `cap` SMS to a user in a day. A row that already holds
 * today's slot (taken over after its worker died) keeps it. "lost": another claim holds the row.
 */
export async function reserveSmsSlot(
  db: Db,
  row: Held,
  options: { userId: string; cap: number; now: Date },
): Promise<"reserved" | "capped" | "lost"> {
  const day = shanghaiDay(options.now);
  const midnight = ts(shanghaiMidnight(day));
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sms-cap:${options.userId}:${day}`}))`;
    const n = await tx.$executeRaw`
      UPDATE "ChannelDelivery" d SET "smsCountedAt" = ${ts(options.now)}::timestamp(3)
       WHERE d.id = ${row.id}::uuid AND d.state = 'SENDING' AND d."claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)
         AND (d."smsCountedAt" >= ${midnight}::timestamp(3)
              OR (SELECT count(*) FROM "ChannelDelivery" c
                   WHERE c.channel = 'SMS' AND c."recipientUserId" = ${options.userId}::uuid AND c.id <> d.id
                     AND c.state IN ('SENDING', 'SENT') AND c."smsCountedAt" >= ${midnight}::timestamp(3)) < ${options.cap}::int)`;
    if (n > 0) return "reserved";
    const held = await tx.channelDelivery.count({
      where: { id: row.id, state: "SENDING", claimedUntil: row.claimedUntil },
    });
    return held > 0 ? "capped" : "lost";
  });
}

/** Posts this robot made in the minute before `now` (the platforms allow 20 a minute). */
export async function robotPostsLastMinute(db: Db, robotId: string, now: Date): Promise<number> {
  return db.channelDelivery.count({
    where: { robotId, state: "SENT", sentAt: { gt: new Date(now.getTime() - 60_000) } },
  });
}

/**
 * The robot posts and SMS the channel sender would take at `now` (due PENDING rows and expired
 * leases), caused inside `jurisdictionIds` (null: every one), as dry-run lines: robot name or
 * masked mobile, and the attempt. Reads only; what send-notifications' dry run lists next to the
 * due emails.
 */
export async function dueChannelDeliveries(
  db: Db,
  options: { now: Date; limit: number; jurisdictionIds?: string[] | null },
): Promise<PlannedChannelDelivery[]> {
  const rows = await db.channelDelivery.findMany({
    where: {
      AND: [
        {
          OR: [
            { state: "PENDING", nextAttemptAt: { lte: options.now } },
            { state: "SENDING", claimedUntil: { lt: options.now } },
          ],
        },
        options.jurisdictionIds ? { jurisdictionId: { in: options.jurisdictionIds } } : {},
      ],
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: options.limit,
    select: {
      channel: true,
      kind: true,
      title: true,
      dedupeKey: true,
      phone: true,
      attempts: true,
      robot: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    channel: r.channel,
    to: r.channel === "SMS" ? (maskMobile(r.phone) ?? "") : (r.robot?.name ?? ""),
    kind: r.kind,
    dedupeKey: r.dedupeKey,
    forced: false,
    why: "due" as const,
    attempt: r.attempts + 1,
    // a code's SMS holds the code in its title: never in a listing
    reason: `${r.kind === MOBILE_CODE_KIND ? "手机号验证码" : r.title}（第 ${r.attempts + 1} 次尝试）`,
  }));
}
