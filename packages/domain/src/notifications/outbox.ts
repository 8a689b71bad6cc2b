import type { DbOrTx, Prisma } from "@duban/db";

export type OutboxMessage = {
  kind: string;
  recipientEmail: string;
  recipientUserId?: string | null;
  /** the same key twice is the same email: the second enqueue is a no-op */
  dedupeKey: string;
  subject: string;
  payload: Record<string, unknown>;
};

/**
 * Puts emails in the Notification outbox. Call it with the transaction of the change that causes
 * them, so the email exists exactly when the change does; the worker delivers it later.
 * Returns how many were new.
 */
export async function enqueueNotifications(tx: DbOrTx, messages: OutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const result = await tx.notification.createMany({
    data: messages.map((m) => ({
      kind: m.kind,
      recipientEmail: m.recipientEmail.toLowerCase(),
      recipientUserId: m.recipientUserId ?? null,
      dedupeKey: m.dedupeKey,
      subject: m.subject,
      payload: m.payload as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  });
  return result.count;
}
