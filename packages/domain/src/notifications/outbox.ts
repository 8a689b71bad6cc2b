import type { DbOrTx, Prisma } from "@duban/db";

export type OutboxMessage = {
  kind: string;
  recipientEmail: string;
  recipientUserId?: string | null;
  /** the same key twice is the same email: the second enqueue is a no-op */
  dedupeKey: string;
  subject: string;
  payload: Record<string, unknown>;
  /** when the sender may take it; default now (digest rows wait for the digest slot) */
  nextAttemptAt?: Date;
};

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 8 columns a row. */
export const OUTBOX_INSERT_BATCH = 1000;

/**
 * Puts emails in the Notification outbox. Call it with the transaction of the change that causes
 * them, so the email exists exactly when the change does; the worker delivers it later.
 * Large sets go in batches of OUTBOX_INSERT_BATCH rows. Returns how many were new.
 */
export async function enqueueNotifications(tx: DbOrTx, messages: OutboxMessage[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < messages.length; i += OUTBOX_INSERT_BATCH) {
    const result = await tx.notification.createMany({
      data: messages.slice(i, i + OUTBOX_INSERT_BATCH).map((m) => ({
        kind: m.kind,
        recipientEmail: m.recipientEmail.toLowerCase(),
        recipientUserId: m.recipientUserId ?? null,
        dedupeKey: m.dedupeKey,
        subject: m.subject,
        payload: m.payload as Prisma.InputJsonValue,
        ...(m.nextAttemptAt ? { nextAttemptAt: m.nextAttemptAt } : {}),
      })),
      skipDuplicates: true,
    });
    created += result.count;
  }
  return created;
}
