import type { DbOrTx } from "@duban/db";

import { channelsFor, enqueueChannelDeliveries, loadChannelContext } from "../channels/fan-out.ts";
import { defaultInboxLink } from "../inbox/inbox-links.ts";
import { enqueueInbox, type InboxLink } from "../inbox/inbox-write.ts";
import { DIGEST_MARKER } from "./digest.ts";
import type { KindWithPayload, OutboxKind } from "./payloads.ts";

/** `Omit` for each member of a union on its own (plain `Omit` merges the members and loses the kind-payload link). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** One email for the outbox; `kind` decides the payload's shape (NotificationPayloads). */
export type OutboxMessage<K extends OutboxKind = OutboxKind> = KindWithPayload<K> & {
  recipientEmail: string;
  recipientUserId?: string | null;
  /** the jurisdiction that caused the email (its office's outbox view lists it); none for account mail */
  jurisdictionId?: string | null;
  /** the same key twice is the same email: the second enqueue is a no-op */
  dedupeKey: string;
  subject: string;
  /** when the sender may take it; default now (digest rows wait for the digest slot) */
  nextAttemptAt?: Date;
  /** held for the recipient's daily digest: stored as the payload's DIGEST_MARKER, which the sender reads */
  delivery?: "DIGEST";
  /**
   * what the recipient's inbox copy links to (站内消息; written for every row with a
   * recipientUserId, default: read from the payload, defaultInboxLink); `false`: no inbox copy
   * (the caller writes its own, as notifyLoop does)
   */
  inbox?: InboxLink | false;
};

/** Account mail (a reset link, a link to the identity provider) is for the mailbox alone. */
const NOT_IN_INBOX = new Set<OutboxKind>(["password-reset", "account-linked"]);

/** Why a notification row holds no email: its recipient turned email off for the kind. */
export const EMAIL_OFF =
  "收件人已关闭此类通知的邮件 (the recipient turned email off for this kind)";

/** Rows per INSERT statement (sent as one JSON parameter). */
export const OUTBOX_INSERT_BATCH = 2000;

/**
 * Puts emails in the Notification outbox. Call it with the transaction of the change that causes
 * them, so the email exists exactly when the change does; the worker delivers it later.
 * Every email addressed to a user account also lands in that user's inbox (站内消息) at once, under
 * the same dedupe key, whatever the email's delivery (a digest email still waits for its slot);
 * enqueueInbox keeps it from accounts that may not see what it is about, and from disabled and
 * role-less (mailbox) accounts. Account mail (password-reset) has no inbox copy.
 *
 * Channels (issue #20): a user who turned email off for the kind still gets a Notification row,
 * written CANCELLED (so the other channels have their logical notification, and the office sees
 * why no email went); one who turned the inbox off gets no inbox copy. A new row also fans out to
 * its SMS and group-robot deliveries (enqueueChannelDeliveries). An escalation forced on by the
 * jurisdiction's office ignores the user's email, inbox and SMS choices (and their mute: the
 * producers keep muted users as its recipients, recipients.ts).
 * Large sets go in batches of OUTBOX_INSERT_BATCH rows. Returns how many notifications were new.
 */
export async function enqueueNotifications(tx: DbOrTx, messages: OutboxMessage[]): Promise<number> {
  let created = 0;
  const channels = await loadChannelContext(tx, messages);
  const now = new Date();
  for (let i = 0; i < messages.length; i += OUTBOX_INSERT_BATCH) {
    const batch = messages.slice(i, i + OUTBOX_INSERT_BATCH);
    const rows = batch.map((m) => ({
      kind: m.kind,
      recipientEmail: m.recipientEmail.toLowerCase(),
      recipientUserId: m.recipientUserId ?? null,
      jurisdictionId: m.jurisdictionId ?? null,
      dedupeKey: m.dedupeKey,
      subject: m.subject,
      payload: m.delivery === "DIGEST" ? { ...m.payload, [DIGEST_MARKER]: "DIGEST" } : m.payload,
      nextAttemptAt: (m.nextAttemptAt ?? null)?.toISOString() ?? null,
      state: channelsFor(channels, m).email ? "PENDING" : "CANCELLED",
      lastError: channelsFor(channels, m).email ? null : EMAIL_OFF,
    }));
    // One JSON parameter per batch instead of Prisma's createMany (eight bind parameters a row):
    // about ten times faster for the overdue scan's tens of thousands of digests.
    const inserted = await tx.$queryRaw<Array<{ id: string; dedupeKey: string }>>`
      INSERT INTO "Notification" (id, kind, "recipientEmail", "recipientUserId", "jurisdictionId", "dedupeKey", subject, payload, "nextAttemptAt", state, "lastError", "updatedAt")
      SELECT gen_random_uuid(), r.kind, r."recipientEmail", r."recipientUserId", r."jurisdictionId", r."dedupeKey", r.subject, r.payload, coalesce(r."nextAttemptAt", now()), r.state::"NotificationState", r."lastError", now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r(kind text, "recipientEmail" text, "recipientUserId" uuid, "jurisdictionId" uuid, "dedupeKey" text, subject text, payload jsonb, "nextAttemptAt" timestamptz, state text, "lastError" text)
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id, "dedupeKey"`;
    created += inserted.length;
    const idOf = new Map(inserted.map((r) => [r.dedupeKey, r.id]));
    await enqueueChannelDeliveries(
      tx,
      batch.flatMap((m) => {
        const notificationId = idOf.get(m.dedupeKey);
        return notificationId ? [{ ...m, notificationId }] : [];
      }),
      channels,
      now,
    );
  }
  await enqueueInbox(
    tx,
    messages.flatMap((m) =>
      m.recipientUserId &&
      m.inbox !== false &&
      !NOT_IN_INBOX.has(m.kind) &&
      channelsFor(channels, m).inbox
        ? [
            {
              userId: m.recipientUserId,
              jurisdictionId: m.jurisdictionId ?? null,
              kind: m.kind,
              title: m.subject,
              dedupeKey: m.dedupeKey,
              ...(m.inbox ?? defaultInboxLink(m)),
            },
          ]
        : [],
    ),
  );
  return created;
}
