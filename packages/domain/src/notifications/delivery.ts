import type { Db, NotificationState } from "@duban/db";

/**
 * The outbox state machine as the sender drives it:
 *   PENDING --claim--> SENDING --250--> SENT
 *                        |--error--> PENDING (backoff)  or FAILED (permanent, or attempts used up)
 *   SENDING past claimedUntil (the worker died) --claim--> SENDING again.
 * Attempts are counted at claim time, so a message that crashes the worker every time still ends FAILED.
 */
export const MAX_SEND_ATTEMPTS = 8;
/** How long a claim holds; longer than any one send, short enough that a dead worker's rows come back soon. */
export const DEFAULT_CLAIM_LEASE_MS = 120_000;
const BACKOFF_BASE_S = 60;
/** Timestamps go in as UTC text: the columns are `timestamp` without zone and hold UTC, whatever the session TimeZone. */
const ts = (d: Date) => d.toISOString();
const BACKOFF_CAP_S = 6 * 3600;

/** Delay before the next try after `attempts` tries: 1, 2, 4 … minutes, at most 6 hours. */
export function backoffSeconds(attempts: number): number {
  return Math.min(BACKOFF_BASE_S * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_S);
}

export type ClaimedNotification = {
  id: string;
  kind: string;
  recipientEmail: string;
  recipientUserId: string | null;
  dedupeKey: string;
  subject: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** the lease this claim set: a fencing token, so a late worker cannot mark a row someone else took over */
  claimedUntil: Date;
};

/**
 * Takes up to `limit` due rows for this worker. FOR UPDATE SKIP LOCKED makes concurrent claimers
 * take disjoint rows; a SENDING row whose lease ran out (its worker died mid-send) is taken over
 * first. The two kinds are looked up apart, each along the (state, nextAttemptAt) index: as one
 * query with an OR, PostgreSQL read and sorted the whole outbox on every claim (210 ms with
 * 148,000 rows waiting, which held the sender to 50 emails a second).
 */
export async function claimDueNotifications(
  db: Db,
  options: { now: Date; limit: number; leaseMs?: number },
): Promise<ClaimedNotification[]> {
  const lease = new Date(options.now.getTime() + (options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS));
  return db.$queryRaw<ClaimedNotification[]>`
    WITH expired AS (
      SELECT id, 0 AS rank, "nextAttemptAt" FROM "Notification"
       WHERE state = 'SENDING' AND "claimedUntil" < ${ts(options.now)}::timestamp(3)
       ORDER BY "nextAttemptAt" LIMIT ${options.limit}
         FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT id, 1 AS rank, "nextAttemptAt" FROM "Notification"
       WHERE state = 'PENDING' AND "nextAttemptAt" <= ${ts(options.now)}::timestamp(3)
       ORDER BY "nextAttemptAt" LIMIT ${options.limit}
         FOR UPDATE SKIP LOCKED
    )
    UPDATE "Notification" n
       SET state = 'SENDING', "claimedUntil" = ${ts(lease)}::timestamp(3), attempts = n.attempts + 1, "updatedAt" = ${ts(options.now)}::timestamp(3)
     WHERE n.id IN (
       SELECT id FROM (SELECT * FROM expired UNION ALL SELECT * FROM due) candidates
        ORDER BY rank, "nextAttemptAt" LIMIT ${options.limit})
    RETURNING n.id, n.kind, n."recipientEmail", n."recipientUserId", n."dedupeKey", n.subject, n.payload, n.attempts, n."claimedUntil"`;
}

/**
 * The rest of a digest: other held rows of the same recipients that are due, so that one recipient
 * gets one digest even when the batch limit cut their rows apart.
 */
export async function claimDigestCompanions(
  db: Db,
  options: { emails: string[]; now: Date; lease: Date },
): Promise<ClaimedNotification[]> {
  if (options.emails.length === 0) return [];
  return db.$queryRaw<ClaimedNotification[]>`
    UPDATE "Notification" n
       SET state = 'SENDING', "claimedUntil" = ${ts(options.lease)}::timestamp(3), attempts = n.attempts + 1, "updatedAt" = ${ts(options.now)}::timestamp(3)
     WHERE n.id IN (
       SELECT id FROM "Notification"
        WHERE state = 'PENDING' AND "nextAttemptAt" <= ${ts(options.now)}::timestamp(3)
          AND "recipientEmail" = ANY(${options.emails}::text[]) AND payload->>'_delivery' = 'DIGEST'
        FOR UPDATE SKIP LOCKED)
    RETURNING n.id, n.kind, n."recipientEmail", n."recipientUserId", n."dedupeKey", n.subject, n.payload, n.attempts, n."claimedUntil"`;
}

/** Marks rows SENT, but only those still held by this claim (one statement for a whole digest). Returns how many were marked. */
export async function markNotificationsSent(
  db: Db,
  rows: Array<{ id: string; claimedUntil: Date }>,
  result: { messageId: string; now: Date },
): Promise<number> {
  if (rows.length === 0) return 0;
  return db.$executeRaw`
    UPDATE "Notification" n SET state = 'SENT', "sentAt" = ${ts(result.now)}::timestamp(3), "messageId" = ${result.messageId}, "claimedUntil" = NULL, "lastError" = NULL, "updatedAt" = ${ts(result.now)}::timestamp(3)
      FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => ts(r.claimedUntil))}::timestamp(3)[]) AS held(id, lease)
     WHERE n.id = held.id AND n.state = 'SENDING' AND n."claimedUntil" = held.lease`;
}

/** Puts rows back for a later try with exponential backoff, or FAILED when permanent or out of attempts. */
export async function markNotificationsFailed(
  db: Db,
  rows: Array<{ id: string; claimedUntil: Date; attempts: number }>,
  failure: { error: string; permanent: boolean; now: Date },
): Promise<Array<{ id: string; state: NotificationState }>> {
  const out: Array<{ id: string; state: NotificationState }> = [];
  for (const row of rows) {
    const state: NotificationState =
      failure.permanent || row.attempts >= MAX_SEND_ATTEMPTS ? "FAILED" : "PENDING";
    const next = new Date(failure.now.getTime() + backoffSeconds(row.attempts) * 1000);
    const n = await db.$executeRaw`
      UPDATE "Notification" SET state = ${state}::"NotificationState", "lastError" = ${failure.error.slice(0, 2000)}, "nextAttemptAt" = ${ts(next)}::timestamp(3), "claimedUntil" = NULL, "updatedAt" = ${ts(failure.now)}::timestamp(3)
       WHERE id = ${row.id}::uuid AND state = 'SENDING' AND "claimedUntil" = ${ts(row.claimedUntil)}::timestamp(3)`;
    if (n) out.push({ id: row.id, state });
  }
  return out;
}

/**
 * Account mail (password resets carry a secret link; identity-link notices are the holder's) is
 * listed to no one.
 */
export const UNLISTED_KINDS = ["password-reset", "account-linked"] as const;

/**
 * What a send would take now, without claiming anything (the dry run of the sender), limited to
 * the emails caused by `jurisdictionIds` (null: all). Account mail is never listed; `withheld`
 * counts it (and, for a narrowed list, nothing of other jurisdictions is counted either).
 */
export async function dueNotifications(
  db: Db,
  options: { now: Date; limit: number; jurisdictionIds?: string[] | null },
) {
  const due = {
    OR: [
      { state: "PENDING" as const, nextAttemptAt: { lte: options.now } },
      { state: "SENDING" as const, claimedUntil: { lt: options.now } },
    ],
  };
  const scope = options.jurisdictionIds ? { jurisdictionId: { in: options.jurisdictionIds } } : {};
  const [rows, withheld] = await Promise.all([
    db.notification.findMany({
      where: { AND: [due, scope, { kind: { notIn: [...UNLISTED_KINDS] } }] },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      take: options.limit,
      select: {
        id: true,
        kind: true,
        recipientEmail: true,
        dedupeKey: true,
        subject: true,
        attempts: true,
        state: true,
      },
    }),
    options.jurisdictionIds
      ? Promise.resolve(0)
      : db.notification.count({ where: { AND: [due, { kind: { in: [...UNLISTED_KINDS] } }] } }),
  ]);
  return { rows, withheld };
}
