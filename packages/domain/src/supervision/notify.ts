import type { DbOrTx, Role } from "@duban/db";

import { enqueueInbox, type InboxLink } from "../inbox/inbox-write.ts";
import { messageFor } from "../notifications/digest.ts";
import type { NotificationKind } from "../notifications/kinds.ts";
import {
  enqueueNotifications,
  type DistributiveOmit,
  type OutboxMessage,
} from "../notifications/outbox.ts";
import type { NotificationPayloads } from "../notifications/payloads.ts";
import {
  departmentRecipients,
  jurisdictionRecipients,
  type Recipient,
} from "../notifications/recipients.ts";

/** The kinds the supervision loop sends one at a time, as it happens (not the job digests). */
export type LoopKind = Exclude<
  NotificationKind,
  "due-soon" | "overdue" | "overdue-escalation" | "cycle-reminder" | "quarterly-summary"
>;

/** Who hears about a step: the staff (and contact mailboxes) of units, holders of roles in the jurisdiction, named users. */
export type LoopAudience = {
  departmentIds?: string[];
  roles?: Role[];
  userIds?: string[];
};

export type LoopMessage<K extends LoopKind> = {
  kind: K;
  payload: NotificationPayloads[K];
  jurisdictionId: string;
  /** the email subject and the inbox title (Chinese: mail and inbox are zh) */
  subject: string;
  /** unique per step (e.g. `change-request:<id>:filed`); each recipient's key is derived from it */
  dedupeKey: string;
  link: InboxLink;
  to: LoopAudience;
  /** the acting user: never told about their own step */
  exceptUserId?: string | null;
  now?: Date;
};

/**
 * Tells the people concerned about one step of the supervision loop, in the caller's transaction:
 * an email through the outbox to each recipient whose setting for `kind` is not muted (a digest
 * setting holds it for the daily digest), and an inbox message (站内消息) to every user account in
 * the audience, muted or not: the inbox is where action items live. Returns the counts written.
 */
export async function notifyLoop<K extends LoopKind>(
  tx: DbOrTx,
  message: LoopMessage<K>,
): Promise<{ emails: number; inbox: number }> {
  const { to, kind, jurisdictionId } = message;
  const recipients = new Map<string, Recipient>();
  const add = (list: Recipient[] | undefined) => {
    for (const r of list ?? [])
      if (r.userId !== message.exceptUserId && !recipients.has(r.email)) recipients.set(r.email, r);
  };
  if (to.departmentIds?.length) {
    const byUnit = await departmentRecipients(tx, to.departmentIds, kind);
    for (const id of to.departmentIds) add(byUnit.get(id));
  }
  if (to.roles?.length)
    add((await jurisdictionRecipients(tx, [jurisdictionId], to.roles, kind)).get(jurisdictionId));
  if (to.userIds?.length) {
    const users = await tx.user.findMany({
      where: { id: { in: to.userIds }, disabledAt: null },
      select: {
        id: true,
        email: true,
        name: true,
        notificationSettings: { where: { kind }, select: { mode: true } },
      },
    });
    add(
      users.flatMap((u) => {
        const mode = u.notificationSettings[0]?.mode ?? "IMMEDIATE";
        return mode === "MUTED"
          ? []
          : [{ email: u.email.toLowerCase(), userId: u.id, name: u.name, mode }];
      }),
    );
  }
  const base = {
    kind,
    payload: message.payload,
    jurisdictionId,
    subject: message.subject,
    inbox: message.link,
  };
  type Unaddressed = DistributiveOmit<OutboxMessage, "recipientEmail" | "recipientUserId">;
  const emails = await enqueueNotifications(
    tx,
    [...recipients.values()].map((r) =>
      messageFor(
        r,
        // kind and payload come from one LoopMessage<K>, so they match; TypeScript cannot see
        // that through the generic, hence the one assertion
        { ...base, dedupeKey: `${message.dedupeKey}:${r.email}` } as Unaddressed,
        message.now,
      ),
    ),
  );
  // the inbox also reaches accounts that get no email for this kind (muted)
  const emailed = new Set([...recipients.values()].map((r) => r.userId).filter(Boolean));
  const members = await audienceUserIds(tx, jurisdictionId, to);
  const inboxOnly = members.filter((id) => id !== message.exceptUserId && !emailed.has(id));
  const inbox = await enqueueInbox(
    tx,
    inboxOnly.map((userId) => ({
      userId,
      jurisdictionId,
      kind,
      title: message.subject,
      dedupeKey: `${message.dedupeKey}:u:${userId}`,
      ...message.link,
    })),
  );
  return { emails, inbox: inbox + emailed.size };
}

/** Every active user account in the audience: unit staff, role holders, named users. */
async function audienceUserIds(
  tx: DbOrTx,
  jurisdictionId: string,
  to: LoopAudience,
): Promise<string[]> {
  const or = [
    ...(to.departmentIds?.length
      ? [{ role: "DEPARTMENT" as const, departmentId: { in: to.departmentIds } }]
      : []),
    ...(to.roles?.length ? [{ jurisdictionId, role: { in: to.roles } }] : []),
  ];
  const ids = new Set(to.userIds ?? []);
  if (or.length) {
    const memberships = await tx.membership.findMany({
      where: { OR: or, user: { disabledAt: null } },
      select: { userId: true },
    });
    for (const m of memberships) ids.add(m.userId);
  }
  if (to.userIds?.length) {
    const disabled = await tx.user.findMany({
      where: { id: { in: to.userIds }, disabledAt: { not: null } },
      select: { id: true },
    });
    for (const u of disabled) ids.delete(u.id);
  }
  return [...ids];
}
