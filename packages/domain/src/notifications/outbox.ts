import type { DbOrTx } from "@duban/db";

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

/** Account mail (a reset link) is never copied into the inbox: it is for the mailbox alone. */
const NOT_IN_INBOX = new Set<OutboxKind>(["password-reset"]);

/** Rows per INSERT statement (sent as one JSON parameter). */
export const OUTBOX_INSERT_BATCH = 2000;

/**
 * Puts emails in the Notification outbox. Call it with the transaction of the change that causes
 * them, so the email exists exactly when the change does; the worker delivers it later.
 * Every email addressed to a user account also lands in that user's inbox (站内消息) at once, under
 * the same dedupe key, whatever the email's delivery (a digest email still waits for its slot);
 * enqueueInbox keeps it from accounts that may not see what it is about, and from disabled and
 * role-less (mailbox) accounts. Account mail (password-reset) has no inbox copy.
 * Large sets go in batches of OUTBOX_INSERT_BATCH rows. Returns how many emails were new.
 */
export async function enqueueNotifications(tx: DbOrTx, messages: OutboxMessage[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < messages.length; i += OUTBOX_INSERT_BATCH) {
    const rows = messages.slice(i, i + OUTBOX_INSERT_BATCH).map((m) => ({
      kind: m.kind,
      recipientEmail: m.recipientEmail.toLowerCase(),
      recipientUserId: m.recipientUserId ?? null,
      jurisdictionId: m.jurisdictionId ?? null,
      dedupeKey: m.dedupeKey,
      subject: m.subject,
      payload: m.delivery === "DIGEST" ? { ...m.payload, [DIGEST_MARKER]: "DIGEST" } : m.payload,
      nextAttemptAt: (m.nextAttemptAt ?? null)?.toISOString() ?? null,
    }));
    // One JSON parameter per batch instead of Prisma's createMany (eight bind parameters a row):
    // about ten times faster for the overdue scan's tens of thousands of digests.
    created += await tx.$executeRaw`
      INSERT INTO "Notification" (id, kind, "recipientEmail", "recipientUserId", "jurisdictionId", "dedupeKey", subject, payload, "nextAttemptAt", "updatedAt")
      SELECT gen_random_uuid(), r.kind, r."recipientEmail", r."recipientUserId", r."jurisdictionId", r."dedupeKey", r.subject, r.payload, coalesce(r."nextAttemptAt", now()), now()
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r(kind text, "recipientEmail" text, "recipientUserId" uuid, "jurisdictionId" uuid, "dedupeKey" text, subject text, payload jsonb, "nextAttemptAt" timestamptz)
      ON CONFLICT ("dedupeKey") DO NOTHING`;
  }
  await enqueueInbox(
    tx,
    messages.flatMap((m) =>
      m.recipientUserId && m.inbox !== false && !NOT_IN_INBOX.has(m.kind)
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
