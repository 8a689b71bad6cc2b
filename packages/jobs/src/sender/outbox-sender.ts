import type { Db } from "@duban/db";
import {
  claimDigestCompanions,
  claimDueNotifications,
  DEFAULT_CLAIM_LEASE_MS,
  isDigestPayload,
  mapConcurrent,
  markNotificationsFailed,
  markNotificationsSent,
  type ClaimedNotification,
} from "@duban/domain";
import type { Logger } from "@duban/logger";
import { MailSendError, type Mailer } from "@duban/mail";

import { composeEmail, groupIntoUnits, type SendUnit } from "./compose.ts";

export type SenderHooks = {
  /** just before the SMTP conversation starts (tests record it to know what was in flight at a crash) */
  beforeSend?: (ids: string[]) => void;
  /** after the outcome is written to the database */
  afterMark?: (ids: string[], outcome: "sent" | "failed" | "ambiguous") => void;
};

export type SenderOptions = {
  db: Db;
  mailer: Mailer;
  log: Logger;
  baseUrl: string;
  now?: () => Date;
  /** rows claimed per round; small, so a crashed worker holds few rows until their lease ends */
  batchSize?: number;
  /** SMTP conversations in flight at once */
  concurrency?: number;
  leaseMs?: number;
  /** stop after this long and leave the rest to the next sweep, so one job never runs for ever */
  maxDurationMs?: number;
  hooks?: SenderHooks;
};

export type SenderResult = {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  ambiguous: number;
  emails: number;
};

/**
 * Drains the outbox: claim due rows (SKIP LOCKED, so concurrent senders never share a row), send
 * each as an email (a DIGEST recipient's rows as one), then mark SENT or back off.
 *
 * Delivery is at-least-once. Between writing the message's final "." and reading the server's 250
 * lies a window no client can close: if the connection dies there, the server may have accepted
 * the mail without us learning it. Such a failure is logged at warn as `smtp-ambiguous` with the
 * notification ids and retried (a lost reminder is worse than a repeated one); the retry reuses
 * the same Message-ID, so most mail clients fold the duplicate. A worker killed inside that window
 * leaves its row SENDING; another worker takes it over when the lease ends and sends again.
 */
export async function sendPendingNotifications(options: SenderOptions): Promise<SenderResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 20;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const leaseMs = options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const deadline = Date.now() + (options.maxDurationMs ?? 50_000);
  const result: SenderResult = {
    claimed: 0,
    sent: 0,
    retrying: 0,
    failed: 0,
    ambiguous: 0,
    emails: 0,
  };
  while (Date.now() < deadline) {
    const at = now();
    const claimed = await claimDueNotifications(options.db, { now: at, limit: batchSize, leaseMs });
    if (claimed.length === 0) break;
    const digestEmails = [
      ...new Set(claimed.filter((r) => isDigestPayload(r.payload)).map((r) => r.recipientEmail)),
    ];
    const companions = await claimDigestCompanions(options.db, {
      emails: digestEmails,
      now: at,
      lease: new Date(at.getTime() + leaseMs),
    });
    const rows = [...claimed, ...companions];
    result.claimed += rows.length;
    await mapConcurrent(groupIntoUnits(rows), concurrency, (unit) =>
      sendUnit(options, unit, now, result),
    );
  }
  return result;
}

async function sendUnit(
  options: SenderOptions,
  unit: SendUnit,
  now: () => Date,
  result: SenderResult,
): Promise<void> {
  const ids = unit.rows.map((r) => r.id);
  const log = options.log.child({
    notificationIds: ids,
    kind: unit.digest ? "digest" : unit.rows[0]!.kind,
  });
  let email;
  try {
    email = await composeEmail(unit, { baseUrl: options.baseUrl, now: now(), db: options.db });
  } catch (error) {
    // a payload no template can render will not render next time either
    await fail(
      options,
      unit.rows,
      { error: `render failed: ${(error as Error).message}`, permanent: true },
      now,
      result,
    );
    log.error({ err: error }, "notification could not be rendered");
    options.hooks?.afterMark?.(ids, "failed");
    return;
  }
  options.hooks?.beforeSend?.(ids);
  try {
    const sent = await options.mailer.send(email);
    await markNotificationsSent(options.db, unit.rows, { messageId: sent.messageId, now: now() });
    result.sent += unit.rows.length;
    result.emails++;
    log.debug({ messageId: sent.messageId }, "notification sent");
    options.hooks?.afterMark?.(ids, "sent");
  } catch (error) {
    const e =
      error instanceof MailSendError
        ? error
        : new MailSendError((error as Error).message, false, false);
    if (e.ambiguous) {
      result.ambiguous++;
      log.warn(
        { event: "smtp-ambiguous", notificationIds: ids, err: e.message },
        "smtp-ambiguous: connection lost after the message was sent; the server may have accepted it, retrying (possible duplicate)",
      );
    } else {
      log.warn(
        { err: e.message, responseCode: e.responseCode, permanent: e.permanent },
        "notification send failed",
      );
    }
    await fail(options, unit.rows, { error: e.message, permanent: e.permanent }, now, result);
    options.hooks?.afterMark?.(ids, e.ambiguous ? "ambiguous" : "failed");
  }
}

async function fail(
  options: SenderOptions,
  rows: ClaimedNotification[],
  failure: { error: string; permanent: boolean },
  now: () => Date,
  result: SenderResult,
) {
  const marked = await markNotificationsFailed(options.db, rows, { ...failure, now: now() });
  for (const m of marked) {
    if (m.state === "FAILED") result.failed++;
    else result.retrying++;
  }
}
