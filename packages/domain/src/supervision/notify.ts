import type { DbOrTx, Role } from "@duban/db";

import { forcingJurisdictions, isEscalation } from "../channels/fan-out.ts";
import { standingsOf } from "../inbox/inbox-visibility.ts";
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
 * setting holds it for the daily digest; an escalation, a RED notice, that the jurisdiction's
 * office forces on goes to those who muted it too, at once), and an inbox message (站内消息) to
 * every user account in the audience, muted or not (the inbox is where action items live), under
 * one key per user (`<dedupeKey>:u:<userId>`), so a user is told once whatever their settings.
 * Nobody hears of what their own list views do not show (standingsOf: the linked task, else the
 * jurisdiction): a named user or role holder who cannot see the task gets neither; a unit's
 * role-less mailbox account gets the email as a bare address and no inbox; disabled accounts get
 * nothing; the acting user (`exceptUserId`) is never told about their own step.
 * Returns the counts written (new emails, new inbox messages). Issue #17 steps 1–5 and 9.
 */
export async function notifyLoop<K extends LoopKind>(
  tx: DbOrTx,
  message: LoopMessage<K>,
): Promise<{ emails: number; inbox: number }> {
  const { to, kind, jurisdictionId } = message;
  // an escalation (a RED notice) the office forces on reaches people who muted its kind too
  const forced =
    isEscalation({ kind, payload: message.payload } as Pick<OutboxMessage, "kind" | "payload">) &&
    (await forcingJurisdictions(tx, [jurisdictionId])).has(jurisdictionId);
  const options = { forced: () => forced };
  const recipients = new Map<string, Recipient>();
  /** emails of recipients that must see the object themselves (named users: no mailbox exception) */
  const mustSee = new Set<string>();
  const add = (list: Recipient[] | undefined, named = false) => {
    for (const r of list ?? []) {
      if (r.userId && r.userId === message.exceptUserId) continue;
      if (!recipients.has(r.email)) recipients.set(r.email, r);
      if (named) mustSee.add(r.email);
    }
  };
  if (to.departmentIds?.length) {
    const byUnit = await departmentRecipients(tx, to.departmentIds, kind, options);
    for (const id of to.departmentIds) add(byUnit.get(id));
  }
  if (to.roles?.length)
    add(
      (await jurisdictionRecipients(tx, [jurisdictionId], to.roles, kind, options)).get(
        jurisdictionId,
      ),
    );
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
        if (mode !== "MUTED")
          return [{ email: u.email.toLowerCase(), userId: u.id, name: u.name, mode }];
        return forced
          ? [
              {
                email: u.email.toLowerCase(),
                userId: u.id,
                name: u.name,
                mode: "IMMEDIATE" as const,
                forced,
              },
            ]
          : [];
      }),
      true,
    );
  }
  // everyone with an account who may hear of it, and how they stand to the task (or jurisdiction)
  const candidates = [
    ...new Set([
      ...(await audienceUserIds(tx, jurisdictionId, to)),
      ...[...recipients.values()].flatMap((r) => (r.userId ? [r.userId] : [])),
    ]),
  ].filter((id) => id !== message.exceptUserId);
  const standings = await standingsOf(
    tx,
    candidates.map((userId) => ({ userId, taskId: message.link.taskId, jurisdictionId })),
  );
  const standing = new Map(candidates.map((id, i) => [id, standings[i]!]));
  const mayEmail = (r: Recipient) => {
    if (!r.userId) return true;
    const s = standing.get(r.userId);
    return s === "sees" || (s === "mailbox" && !mustSee.has(r.email));
  };
  const base = {
    kind,
    payload: message.payload,
    jurisdictionId,
    subject: message.subject,
    // the inbox copies are written below, one per user
    inbox: false as const,
  };
  type Unaddressed = DistributiveOmit<OutboxMessage, "recipientEmail" | "recipientUserId">;
  const emails = await enqueueNotifications(
    tx,
    [...recipients.values()].filter(mayEmail).map((r) =>
      messageFor(
        r,
        // kind and payload come from one LoopMessage<K>, so they match; TypeScript cannot see
        // that through the generic, hence the one assertion
        { ...base, dedupeKey: `${message.dedupeKey}:${r.email}` } as Unaddressed,
        message.now,
      ),
    ),
  );
  const inbox = await enqueueInbox(
    tx,
    candidates
      .filter((id) => standing.get(id) === "sees")
      .map((userId) => ({
        userId,
        jurisdictionId,
        kind,
        title: message.subject,
        dedupeKey: `${message.dedupeKey}:u:${userId}`,
        ...message.link,
      })),
  );
  return { emails, inbox };
}

/**
 * Every user account in the audience, muted or not: unit staff, accounts on a unit's contact list,
 * role holders, named users (disabled ones and visibility are sorted out by standingsOf).
 */
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
      where: { OR: or },
      select: { userId: true },
    });
    for (const m of memberships) ids.add(m.userId);
  }
  if (to.departmentIds?.length) {
    const units = await tx.department.findMany({
      where: { id: { in: to.departmentIds }, active: true },
      select: { contactEmails: true },
    });
    const emails = [
      ...new Set(units.flatMap((u) => u.contactEmails.map((e) => e.trim().toLowerCase()))),
    ].filter(Boolean);
    if (emails.length) {
      const contacts = await tx.user.findMany({
        where: { email: { in: emails, mode: "insensitive" } },
        select: { id: true },
      });
      for (const u of contacts) ids.add(u.id);
    }
  }
  return [...ids];
}
