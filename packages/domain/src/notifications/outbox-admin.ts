import type { Db, DbOrTx, NotificationState, Prisma } from "@duban/db";
import type { Actor } from "../actor.ts";
import { assertOffice, isOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { conflict, notFound } from "../errors.ts";

/** Outbox rows addressed to people of a jurisdiction: its members' accounts and its units' contact addresses. */
async function jurisdictionRecipientWhere(db: DbOrTx, jurisdictionId: string): Promise<Prisma.NotificationWhereInput> {
  const departments = await db.department.findMany({ where: { jurisdictionId }, select: { contactEmails: true } });
  const emails = [...new Set(departments.flatMap((d) => d.contactEmails.map((e) => e.toLowerCase())))];
  return { OR: [{ recipientUser: { memberships: { some: { jurisdictionId } } } }, ...(emails.length ? [{ recipientEmail: { in: emails } }] : [])] };
}

/** The office's view of the outbox: what went to its people, newest first, filterable by state. */
export async function listNotifications(db: Db, actor: Actor, input: { jurisdictionId: string; state?: NotificationState; page: number; pageSize: number }) {
  assertOffice(actor, input.jurisdictionId);
  const where: Prisma.NotificationWhereInput = { AND: [await jurisdictionRecipientWhere(db, input.jurisdictionId), input.state ? { state: input.state } : {}] };
  const [total, items] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, kind: true, recipientEmail: true, subject: true, state: true, attempts: true, nextAttemptAt: true, sentAt: true, lastError: true, createdAt: true, dedupeKey: true },
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, items };
}

/** Jurisdictions whose people a notification was addressed to. */
async function notificationJurisdictions(db: DbOrTx, n: { recipientUserId: string | null; recipientEmail: string }): Promise<string[]> {
  const [memberships, departments] = await Promise.all([
    n.recipientUserId ? db.membership.findMany({ where: { userId: n.recipientUserId }, select: { jurisdictionId: true } }) : Promise.resolve([]),
    db.department.findMany({ where: { contactEmails: { has: n.recipientEmail } }, select: { jurisdictionId: true } }),
  ]);
  return [...new Set([...memberships, ...departments].map((r) => r.jurisdictionId))];
}

/** FAILED → PENDING with a fresh set of attempts: the office saw the error and wants it sent again. */
export async function retryNotification(db: Db, actor: Actor, input: { id: string }, requestId?: string) {
  const n = await db.notification.findUnique({ where: { id: input.id }, select: { id: true, state: true, recipientUserId: true, recipientEmail: true, attempts: true, lastError: true } });
  if (!n) throw notFound("通知", "notification");
  const jurisdictions = await notificationJurisdictions(db, n);
  const mine = jurisdictions.find((j) => isOffice(actor, j));
  if (!mine) {
    if (jurisdictions[0]) assertOffice(actor, jurisdictions[0]);
    throw notFound("通知", "notification");
  }
  if (n.state !== "FAILED") throw conflict("只有发送失败的通知可以重试", "only a failed notification can be retried");
  return db.$transaction(async (tx) => {
    const moved = await tx.notification.updateMany({ where: { id: n.id, state: "FAILED" }, data: { state: "PENDING", attempts: 0, nextAttemptAt: new Date(), claimedUntil: null } });
    if (moved.count === 0) throw conflict("通知状态已变化，请刷新", "the notification changed meanwhile; reload");
    await recordAudit(tx, actor, { action: "notification.retry", entityType: "Notification", entityId: n.id, jurisdictionId: mine, before: { state: "FAILED", attempts: n.attempts, lastError: n.lastError }, after: { state: "PENDING" }, requestId });
    return { id: n.id, state: "PENDING" as const };
  });
}
