import type { DbOrTx } from "@duban/db";

import { defaultInboxLink } from "../inbox/inbox-links.ts";
import type { InboxLink } from "../inbox/inbox-write.ts";
import type { OutboxMessage } from "../notifications/outbox.ts";
import { maskMobile } from "./mobile.ts";

/** A user's channels for one kind (NotificationSetting; defaults when they never chose). */
export type ChannelPrefs = { email: boolean; inbox: boolean; sms: boolean };
export const DEFAULT_CHANNEL_PREFS: ChannelPrefs = { email: true, inbox: true, sms: false };

/** The kinds an office may force on (issue #20: escalations). supervision-notice only at RED. */
export const FORCEABLE_KINDS = ["overdue-escalation", "supervision-notice"] as const;

/** Whether `m` is an escalation: overdue-escalation (N days overdue), or a RED 督办通知单. */
export function isEscalation(m: Pick<OutboxMessage, "kind" | "payload">): boolean {
  if (m.kind === "overdue-escalation") return true;
  return (
    m.kind === "supervision-notice" && (m.payload as { level?: unknown } | null)?.level === "RED"
  );
}

/**
 * The jurisdictions among `ids` whose office forces escalations on (Jurisdiction.forceEscalations).
 * Producers of escalations ask it before choosing recipients: in a forcing jurisdiction an
 * escalation reaches people who muted its kind too (recipients.ts `forced`), and then goes on
 * every forced channel (channelsFor). One query; none for no ids.
 */
export async function forcingJurisdictions(tx: DbOrTx, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await tx.jurisdiction.findMany({
    where: { id: { in: unique }, forceEscalations: true },
    select: { id: true },
  });
  return new Set(rows.map((j) => j.id));
}

/** What enqueueNotifications needs to know about the recipients before it writes anything. */
export type ChannelContext = {
  /** `${userId}|${kind}` → the user's channels; absent: DEFAULT_CHANNEL_PREFS */
  prefs: Map<string, ChannelPrefs>;
  /** jurisdictions whose office forced escalations on */
  forcing: Set<string>;
};

/**
 * Loads the recipients' channel choices and which jurisdictions force escalations: two queries
 * whatever the number of messages (none when no message is addressed to an account).
 */
export async function loadChannelContext(
  tx: DbOrTx,
  messages: OutboxMessage[],
): Promise<ChannelContext> {
  const userIds = [
    ...new Set(messages.flatMap((m) => (m.recipientUserId ? [m.recipientUserId] : []))),
  ];
  const kinds = [...new Set(messages.map((m) => m.kind))];
  const escalating = [
    ...new Set(
      messages.filter(isEscalation).flatMap((m) => (m.jurisdictionId ? [m.jurisdictionId] : [])),
    ),
  ];
  const [settings, forcing] = await Promise.all([
    userIds.length
      ? tx.notificationSetting.findMany({
          where: { userId: { in: userIds }, kind: { in: kinds } },
          select: { userId: true, kind: true, email: true, inbox: true, sms: true },
        })
      : [],
    forcingJurisdictions(tx, escalating),
  ]);
  return {
    prefs: new Map(settings.map((s) => [`${s.userId}|${s.kind}`, s])),
    forcing,
  };
}

/**
 * The channels `m` goes on: the user's choice, or, for an escalation in a jurisdiction whose
 * office forces escalations on, every forced channel: email, inbox and SMS (when the user has a
 * mobile), whatever the user chose for the kind, muted included (a muted user is still a recipient
 * of a forced escalation: recipients.ts).
 */
export function channelsFor(
  ctx: ChannelContext,
  m: OutboxMessage,
): ChannelPrefs & { forced: boolean } {
  const own = m.recipientUserId
    ? (ctx.prefs.get(`${m.recipientUserId}|${m.kind}`) ?? DEFAULT_CHANNEL_PREFS)
    : DEFAULT_CHANNEL_PREFS;
  const forced = !!m.jurisdictionId && ctx.forcing.has(m.jurisdictionId) && isEscalation(m);
  if (!forced) return { ...own, forced };
  return { email: true, inbox: true, sms: true, forced };
}

/** The text and link every channel shows: the inbox copy's (title, a line or two, the object). */
export function channelText(m: OutboxMessage): { title: string; body: string; linkPath: string } {
  const link: InboxLink = m.inbox || defaultInboxLink(m);
  return { title: m.subject, body: link.body ?? "", linkPath: linkPathOf(link) };
}

/** The web path an inbox link opens (the task when there is one, else the inbox). */
export function linkPathOf(link: InboxLink): string {
  if (link.taskId) return `/tasks/${link.taskId}`;
  return "/inbox";
}

/**
 * A message's key with its recipient taken out, so that every recipient's copy of the same event
 * for the same audience (a unit, or the office) is one robot post: the producers' keys carry the
 * recipient as their email or `u:<userId>` (notify.ts, the monitoring jobs).
 */
export function robotGroupKey(m: OutboxMessage, audience: string): string {
  let key = m.dedupeKey;
  const email = m.recipientEmail.toLowerCase();
  if (key.toLowerCase().includes(email))
    key = key.replace(new RegExp(escapeRe(email), "i"), audience);
  if (m.recipientUserId) key = key.replace(`u:${m.recipientUserId}`, audience);
  return key;
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type Created = OutboxMessage & { notificationId: string };
type DeliveryRow = {
  notificationId: string;
  channel: "WECOM_ROBOT" | "DINGTALK_ROBOT" | "SMS";
  robotId: string | null;
  recipientUserId: string | null;
  phone: string | null;
  jurisdictionId: string | null;
  kind: string;
  title: string;
  body: string;
  linkPath: string;
  dedupeKey: string;
  nextAttemptAt: string;
};

/**
 * Writes the SMS and robot deliveries of newly created notifications, in the caller's transaction
 * (so they exist exactly when the change does). SMS: one per notification whose recipient chose
 * SMS for the kind (or it is a forced escalation) and has a mobile; it waits for the digest slot
 * like the email when the user chose a digest. Robots: every enabled robot of the recipient's unit,
 * and of the notification's jurisdiction, whose kinds include the kind; one post per (robot,
 * event, audience), however many people of that audience got the email (robotGroupKey), sent at
 * once. At most four queries whatever the number of messages. Returns how many deliveries were new.
 */
export async function enqueueChannelDeliveries(
  tx: DbOrTx,
  created: Created[],
  ctx: ChannelContext,
  now: Date = new Date(),
): Promise<number> {
  const planned = await deliveryRows(tx, created, ctx, now);
  if (planned.length === 0) return 0;
  const rows: DeliveryRow[] = planned.map(({ robotName: _name, forced: _forced, ...row }) => row);
  return tx.$executeRaw`
    INSERT INTO "ChannelDelivery" (id, "notificationId", channel, "robotId", "recipientUserId", phone, "jurisdictionId", kind, title, body, "linkPath", "dedupeKey", "nextAttemptAt", "updatedAt")
    SELECT gen_random_uuid(), r."notificationId", r.channel::"ChannelKind", r."robotId", r."recipientUserId", r.phone, r."jurisdictionId", r.kind, r.title, r.body, r."linkPath", r."dedupeKey", (r."nextAttemptAt" AT TIME ZONE 'UTC'), now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r("notificationId" uuid, channel text, "robotId" uuid, "recipientUserId" uuid, phone text, "jurisdictionId" uuid, kind text, title text, body text, "linkPath" text, "dedupeKey" text, "nextAttemptAt" timestamptz)
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/** A channel delivery a dry run would make: which channel, to which robot or (masked) phone, and why. */
export type PlannedChannelDelivery = {
  channel: DeliveryRow["channel"];
  /** the robot's name, or the recipient's mobile masked */
  to: string;
  kind: string;
  dedupeKey: string;
  /** an escalation the office forces on (the user's own choice did not decide) */
  forced: boolean;
  /** why, for screens to word in their language: the robot posts the kind, the person chose SMS, the office forces it, or (the sender's dry run) it is due */
  why: "robot" | "sms" | "forced" | "due";
  /** for `due`: the attempt it would be */
  attempt?: number;
  /** why, in Chinese (the CLI's JSON, as the emails' reasons) */
  reason: string;
};

/**
 * The SMS and robot deliveries that enqueueing `messages` would make (enqueueChannelDeliveries's
 * rules exactly, one line per delivery key), written nowhere: what a job's dry run shows next to
 * its emails. Mobiles are masked. At most five queries whatever the number of messages.
 */
export async function planChannelDeliveries(
  tx: DbOrTx,
  messages: OutboxMessage[],
  now: Date = new Date(),
): Promise<PlannedChannelDelivery[]> {
  if (messages.length === 0) return [];
  const ctx = await loadChannelContext(tx, messages);
  const rows = await deliveryRows(
    tx,
    messages.map((m) => ({ ...m, notificationId: "" })),
    ctx,
    now,
  );
  const seen = new Set<string>();
  const out: PlannedChannelDelivery[] = [];
  for (const r of rows) {
    if (seen.has(r.dedupeKey)) continue;
    seen.add(r.dedupeKey);
    const sms = r.channel === "SMS";
    out.push({
      channel: r.channel,
      to: sms ? (maskMobile(r.phone) ?? "") : (r.robotName ?? ""),
      kind: r.kind,
      dedupeKey: r.dedupeKey,
      forced: r.forced,
      why: sms ? (r.forced ? "forced" : "sms") : "robot",
      reason: sms
        ? r.forced
          ? "升级督办：办公室强制送达（不论个人设置）"
          : "收件人选择以短信接收此类通知"
        : `群机器人「${r.robotName ?? ""}」接收此类通知`,
    });
  }
  return out;
}

type PlannedRow = DeliveryRow & { robotName: string | null; forced: boolean };

/** The deliveries of `created` by the rules above (duplicates by key included), reading only. */
async function deliveryRows(
  tx: DbOrTx,
  created: Created[],
  ctx: ChannelContext,
  now: Date,
): Promise<PlannedRow[]> {
  if (created.length === 0) return [];
  const rows: PlannedRow[] = [];
  const smsUsers = [
    ...new Set(
      created.flatMap((m) =>
        m.recipientUserId && channelsFor(ctx, m).sms ? [m.recipientUserId] : [],
      ),
    ),
  ];
  const jurisdictionIds = [
    ...new Set(created.flatMap((m) => (m.jurisdictionId ? [m.jurisdictionId] : []))),
  ];
  const kinds = [...new Set(created.map((m) => m.kind))];
  const [mobiles, robots] = await Promise.all([
    smsUsers.length
      ? tx.user.findMany({
          where: { id: { in: smsUsers }, mobile: { not: null }, disabledAt: null },
          select: { id: true, mobile: true },
        })
      : [],
    jurisdictionIds.length
      ? tx.channelRobot.findMany({
          where: {
            jurisdictionId: { in: jurisdictionIds },
            enabled: true,
            deletedAt: null,
            kinds: { hasSome: kinds },
          },
          // a dry run lists the posts robot by robot: a fixed order keeps its lines in place
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: {
            id: true,
            name: true,
            jurisdictionId: true,
            departmentId: true,
            platform: true,
            kinds: true,
          },
        })
      : [],
  ]);
  const mobileOf = new Map(mobiles.map((u) => [u.id, u.mobile!]));
  for (const m of created) {
    const phone = m.recipientUserId ? mobileOf.get(m.recipientUserId) : undefined;
    const channels = channelsFor(ctx, m);
    if (!phone || !channels.sms) continue;
    rows.push({
      ...base(m),
      channel: "SMS",
      robotId: null,
      robotName: null,
      forced: channels.forced,
      recipientUserId: m.recipientUserId ?? null,
      phone,
      dedupeKey: `${m.dedupeKey}|sms`,
      nextAttemptAt: (m.nextAttemptAt ?? now).toISOString(),
    });
  }
  if (robots.length) {
    const unitOf = await unitsOfRecipients(tx, created, jurisdictionIds);
    for (const m of created) {
      if (!m.jurisdictionId) continue;
      const unit = unitOf(m);
      const audience = unit ? `unit:${unit}` : "office";
      for (const r of robots) {
        if (r.jurisdictionId !== m.jurisdictionId || !r.kinds.includes(m.kind)) continue;
        if (r.departmentId && r.departmentId !== unit) continue;
        rows.push({
          ...base(m),
          channel: r.platform === "WECOM" ? "WECOM_ROBOT" : "DINGTALK_ROBOT",
          robotId: r.id,
          robotName: r.name,
          forced: false,
          recipientUserId: null,
          phone: null,
          dedupeKey: `${robotGroupKey(m, audience)}|robot:${r.id}`,
          nextAttemptAt: now.toISOString(),
        });
      }
    }
  }
  return rows;
}

function base(m: Created) {
  return {
    notificationId: m.notificationId,
    jurisdictionId: m.jurisdictionId ?? null,
    kind: m.kind,
    ...channelText(m),
  };
}

/**
 * The unit each message's recipient speaks for, in the message's jurisdiction: the one unit they
 * staff (DEPARTMENT membership) or whose contact addresses include theirs; none for the office
 * and leaders. A unit's robot posts into a group of that unit's people, who may only hear of their
 * own unit's tasks, so a recipient who reads more than one unit gives no unit at all (their
 * messages go to the jurisdiction's robots only):
 * - an office or leader member of the jurisdiction, even one who also staffs a unit or is a unit's
 *   contact address (an office often gives its own address to a unit without an account): what
 *   reaches them is about every unit (another unit's change request, the quarterly summary);
 * - an address or person that speaks for two units (a mailbox two towns share): which unit's
 *   message it is cannot be told from the recipient.
 * Two queries.
 */
async function unitsOfRecipients(
  tx: DbOrTx,
  created: Created[],
  jurisdictionIds: string[],
): Promise<(m: Created) => string | undefined> {
  const userIds = [
    ...new Set(created.flatMap((m) => (m.recipientUserId ? [m.recipientUserId] : []))),
  ];
  const emails = [...new Set(created.map((m) => m.recipientEmail.toLowerCase()))];
  const [roles, contacts] = await Promise.all([
    userIds.length
      ? tx.membership.findMany({
          where: { userId: { in: userIds }, jurisdictionId: { in: jurisdictionIds } },
          select: { userId: true, jurisdictionId: true, role: true, departmentId: true },
        })
      : [],
    tx.department.findMany({
      where: {
        jurisdictionId: { in: jurisdictionIds },
        active: true,
        contactEmails: { hasSome: emails },
      },
      select: { id: true, jurisdictionId: true, contactEmails: true },
    }),
  ]);
  const staffOf = new Map<string, string>();
  const readsAll = new Set<string>();
  for (const r of roles) {
    const key = `${r.userId}|${r.jurisdictionId}`;
    if (r.role === "DEPARTMENT" && r.departmentId) staffOf.set(key, r.departmentId);
    else readsAll.add(key);
  }
  const contactOf = new Map<string, Set<string>>();
  for (const d of contacts)
    for (const e of d.contactEmails) {
      const key = `${e.trim().toLowerCase()}|${d.jurisdictionId}`;
      contactOf.set(key, (contactOf.get(key) ?? new Set()).add(d.id));
    }
  return (m) => {
    const userKey = m.recipientUserId ? `${m.recipientUserId}|${m.jurisdictionId}` : undefined;
    if (userKey && readsAll.has(userKey)) return undefined;
    const units = new Set(contactOf.get(`${m.recipientEmail.toLowerCase()}|${m.jurisdictionId}`));
    const staffed = userKey ? staffOf.get(userKey) : undefined;
    if (staffed) units.add(staffed);
    return units.size === 1 ? [...units][0] : undefined;
  };
}
