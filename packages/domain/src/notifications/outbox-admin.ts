import type { z } from "zod";

import type { Prisma } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, notFound } from "../errors.ts";
import { officeJobJurisdictions } from "../monitoring/job-scope.ts";
import type { ZListNotificationsInput, ZRetryNotificationInput } from "../schemas/jobs.ts";
import { UNLISTED_KINDS } from "./delivery.ts";

/**
 * What an office sees of the outbox: rows caused by a jurisdiction it runs jobs for (its own and,
 * for a city's office, the counties below; officeJobJurisdictions), whoever they were addressed to.
 * Not by recipient: a unit's contact address can be set to anyone's, which must not open that
 * person's mail from other jurisdictions. Account mail (password resets, jurisdictionId null)
 * is listed to nobody.
 */
const listable = (jurisdictionIds: string[]): Prisma.NotificationWhereInput => ({
  jurisdictionId: { in: jurisdictionIds },
  kind: { notIn: [...UNLISTED_KINDS] },
});

/**
 * FORBIDDEN unless the actor may read what `jurisdictionId` caused in the outbox: an office it
 * runs jobs for (its own and, for a city, the counties below; the system: all), else its own
 * office. The one rule for the email outbox view and the channel deliveries view.
 */
export async function assertOutboxReader(
  db: DomainContext["db"],
  actor: DomainContext["actor"],
  jurisdictionId: string,
): Promise<void> {
  const mine = await officeJobJurisdictions(db, actor);
  if (mine !== null && !mine.includes(jurisdictionId)) assertOffice(actor, jurisdictionId);
}

/** The office's view of the outbox for one of its jurisdictions, newest first, filterable by state. Payloads never leave the server. */
export async function listNotifications(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListNotificationsInput>,
) {
  await assertOutboxReader(db, actor, input.jurisdictionId);
  const where: Prisma.NotificationWhereInput = {
    AND: [listable([input.jurisdictionId]), input.state ? { state: input.state } : {}],
  };
  const [total, items] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        kind: true,
        recipientEmail: true,
        subject: true,
        state: true,
        attempts: true,
        nextAttemptAt: true,
        sentAt: true,
        lastError: true,
        createdAt: true,
        dedupeKey: true,
      },
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, items };
}

/** FAILED → PENDING with a fresh set of attempts: the office saw the error and wants it sent again. Only rows it may list; any other is "not found". */
export async function retryNotification(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZRetryNotificationInput>,
) {
  const mine = await officeJobJurisdictions(db, actor);
  const n = await db.notification.findFirst({
    where: {
      AND: [
        { id: input.id },
        mine === null ? { kind: { notIn: [...UNLISTED_KINDS] } } : listable(mine),
      ],
    },
    select: { id: true, state: true, jurisdictionId: true, attempts: true, lastError: true },
  });
  if (!n) throw notFound("通知", "notification");
  if (n.state !== "FAILED")
    throw conflict("只有发送失败的通知可以重试", "only a failed notification can be retried");
  return db.$transaction(async (tx) => {
    const moved = await tx.notification.updateMany({
      where: { id: n.id, state: "FAILED" },
      data: { state: "PENDING", attempts: 0, nextAttemptAt: new Date(), claimedUntil: null },
    });
    if (moved.count === 0)
      throw conflict("通知状态已变化，请刷新", "the notification changed meanwhile; reload");
    await recordAudit(tx, actor, {
      action: "notification.retry",
      entityType: "Notification",
      entityId: n.id,
      jurisdictionId: n.jurisdictionId,
      before: { state: "FAILED", attempts: n.attempts, lastError: n.lastError },
      after: { state: "PENDING" },
      requestId,
    });
    return { id: n.id, state: "PENDING" as const };
  });
}
