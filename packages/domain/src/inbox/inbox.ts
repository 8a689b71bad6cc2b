import type { z } from "zod";

import type { Actor } from "../actor.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";
import { notificationKindLabels, type AnyNotificationKind } from "../i18n/labels.ts";
import type { ZListInboxInput, ZMarkInboxReadInput } from "../schemas/supervision.ts";
import { standingsOf } from "./inbox-visibility.ts";
import { pendingAssignmentsFor } from "./pending-assignments.ts";

/**
 * 站内消息 (the inbox), issue #17 step 9: every notification emailed to a user account also lands
 * in that user's inbox (enqueueNotifications, notifyLoop); users without an email setting still
 * get them. Each user reads and marks only their own messages: no role, not even the office, can
 * see another user's inbox (someone else's ids are "not found").
 *
 * Marking read is NOT audited: `readAt` is a receipt on the user's own copy, like a mail client's
 * "seen" flag. It changes no supervised object, no right and nothing another user sees, and the
 * formal acts that do matter in the loop (签收, a reply to a notice, a decision) are steps of their
 * own, each audited. An audit event per opened message would bury those in the hash-chained log.
 */

function ownerOf(actor: Actor): string {
  if (actor.kind !== "user")
    throw forbidden("系统账户没有站内消息", "the system account has no inbox");
  return actor.userId;
}

const kindLabel = (kind: string) =>
  notificationKindLabels[kind as AnyNotificationKind] ?? { zh: kind, en: kind };

/**
 * The actor's own messages, newest first, `pageSize` a page (`unreadOnly`: the unread ones):
 * `{ items: [{ id, kind, kindLabel: {zh, en}, title, body, entityType, entityId, taskId,
 * jurisdictionId, createdAt, readAt }], total (matching the filter), unread (all unread), page,
 * pageSize, pendingAssignments }` — `pendingAssignments`: the 待分解 items the actor's office must
 * decompose (pending-assignments.ts, issue #19), listed until done whatever was read. A message about something the user no longer sees (the task was reassigned away
 * from their unit, they moved to another unit: standingsOf says "blind") keeps its place, kind and
 * time but not its title, text or link. FORBIDDEN for the system actor.
 */
export async function listInbox(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZListInboxInput>,
) {
  const userId = ownerOf(actor);
  const where = { userId, ...(input.unreadOnly ? { readAt: null } : {}) };
  const [rows, total, unread, pendingAssignments] = await Promise.all([
    db.inboxMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: {
        id: true,
        kind: true,
        title: true,
        body: true,
        entityType: true,
        entityId: true,
        taskId: true,
        jurisdictionId: true,
        createdAt: true,
        readAt: true,
      },
    }),
    db.inboxMessage.count({ where }),
    input.unreadOnly ? null : db.inboxMessage.count({ where: { userId, readAt: null } }),
    pendingAssignmentsFor(db, actor, now ?? new Date()),
  ]);
  // a message stays the user's, but what it says follows what they may see now: after a
  // reassignment (or a move to another unit) the task's title and text are no longer shown
  const standings = await standingsOf(
    db,
    rows.map((r) => ({ userId, taskId: r.taskId, jurisdictionId: r.jurisdictionId })),
  );
  return {
    items: rows.map((r, i) =>
      standings[i] === "blind"
        ? {
            ...r,
            title: "该消息涉及的事项已不在您的查看范围内",
            body: "",
            entityType: null,
            entityId: null,
            taskId: null,
            kindLabel: kindLabel(r.kind),
          }
        : { ...r, kindLabel: kindLabel(r.kind) },
    ),
    total,
    unread: unread ?? total,
    page: input.page,
    pageSize: input.pageSize,
    pendingAssignments,
  };
}

/** How many of the actor's messages are unread (the header's bell): `{ unread }`. */
export async function inboxUnreadCount({ db, actor }: DomainContext) {
  const userId = ownerOf(actor);
  return { unread: await db.inboxMessage.count({ where: { userId, readAt: null } }) };
}

/**
 * Marks some of the actor's messages read (at `now`; a message read before keeps its time).
 * Every id must be one of the actor's own: otherwise NOT_FOUND and nothing is marked, so a
 * foreign id changes nothing and tells nothing. Returns `{ marked, unread }`. Not audited (see
 * the module's comment).
 */
export async function markInboxRead(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZMarkInboxReadInput>,
) {
  const userId = ownerOf(actor);
  const ids = [...new Set(input.messageIds)];
  return db.$transaction(async (tx) => {
    const own = await tx.inboxMessage.count({ where: { id: { in: ids }, userId } });
    if (own !== ids.length) throw notFound("消息", "message");
    const { count } = await tx.inboxMessage.updateMany({
      where: { id: { in: ids }, userId, readAt: null },
      data: { readAt: now ?? new Date() },
    });
    const unread = await tx.inboxMessage.count({ where: { userId, readAt: null } });
    return { marked: count, unread };
  });
}

/**
 * Marks every unread message of the actor read: `{ marked, unread }` (unread: what arrived
 * meanwhile, normally 0). Not audited.
 */
export async function markAllInboxRead({ db, actor, now }: DomainContext) {
  const userId = ownerOf(actor);
  const { count } = await db.inboxMessage.updateMany({
    where: { userId, readAt: null },
    data: { readAt: now ?? new Date() },
  });
  const unread = await db.inboxMessage.count({ where: { userId, readAt: null } });
  return { marked: count, unread };
}
