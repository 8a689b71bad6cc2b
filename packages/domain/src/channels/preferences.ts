import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { mayManageAccount } from "../accounts/managed-accounts.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { notificationKindLabels } from "../i18n/labels.ts";
import { NOTIFICATION_KINDS } from "../notifications/kinds.ts";
import type {
  ZSetMemberMobileInput,
  ZSetMyChannelPreferenceInput,
  ZSetMyMobileInput,
} from "../schemas/channels.ts";
import { DEFAULT_CHANNEL_PREFS, FORCEABLE_KINDS } from "./fan-out.ts";
import { confirmMyMobile } from "./mobile-code.ts";
import { maskMobile } from "./mobile.ts";

function userOf(actor: Actor) {
  if (actor.kind !== "user")
    throw forbidden("系统账户没有个人通知设置", "the system has no notification settings");
  return actor;
}

/**
 * The user's channels per tunable kind (`{ kind, label: {zh,en}, mode, email, inbox, sms,
 * forceable }`), their own mobile (in full: it is theirs) and which of their jurisdictions force
 * escalations on. Defaults: email and inbox on, SMS off, at once.
 */
export async function myChannelPreferences({ db, actor }: DomainContext) {
  const user = userOf(actor);
  const [rows, me, forcing] = await Promise.all([
    db.notificationSetting.findMany({ where: { userId: user.userId } }),
    db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { mobile: true } }),
    db.jurisdiction.findMany({
      where: { id: { in: user.memberships.map((m) => m.jurisdictionId) }, forceEscalations: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return {
    mobile: me.mobile,
    forcedIn: forcing,
    kinds: NOTIFICATION_KINDS.map((kind) => {
      const r = byKind.get(kind);
      return {
        kind,
        label: notificationKindLabels[kind],
        mode: r?.mode ?? ("IMMEDIATE" as const),
        email: r?.email ?? DEFAULT_CHANNEL_PREFS.email,
        inbox: r?.inbox ?? DEFAULT_CHANNEL_PREFS.inbox,
        sms: r?.sms ?? DEFAULT_CHANNEL_PREFS.sms,
        forceable: (FORCEABLE_KINDS as readonly string[]).includes(kind),
      };
    }),
  };
}

/** Sets one kind's channels and mode for the signed-in user; audited. */
export async function setMyChannelPreference(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetMyChannelPreferenceInput>,
) {
  const user = userOf(actor);
  return db.$transaction(async (tx) => {
    const key = { userId_kind: { userId: user.userId, kind: input.kind } };
    const before = await tx.notificationSetting.findUnique({ where: key });
    const data = { mode: input.mode, email: input.email, inbox: input.inbox, sms: input.sms };
    await tx.notificationSetting.upsert({
      where: key,
      create: { userId: user.userId, kind: input.kind, ...data },
      update: data,
    });
    await recordAudit(tx, actor, {
      action: "notification.channels",
      entityType: "NotificationSetting",
      entityId: `${user.userId}:${input.kind}`,
      before: before
        ? { mode: before.mode, email: before.email, inbox: before.inbox, sms: before.sms }
        : { mode: "IMMEDIATE", ...DEFAULT_CHANNEL_PREFS },
      after: data,
      requestId,
    });
    return { kind: input.kind, ...data };
  });
}

/**
 * The user's own mobile: `mobile: null` removes it (audited, numbers masked); a number is set only
 * with the code sent to it (`code`, see requestMobileCode and confirmMyMobile in mobile-code.ts).
 * Returns `{ mobile }`. Errors: INVALID (field `code`) for a number without a code, and as
 * confirmMyMobile.
 */
export async function setMyMobile(ctx: DomainContext, input: z.infer<typeof ZSetMyMobileInput>) {
  const user = userOf(ctx.actor);
  const { db, actor, requestId } = ctx;
  if (input.mobile !== null) {
    if (!input.code)
      throw invalid(
        "请先获取短信验证码，并填写收到的 6 位数字",
        "ask for an SMS code first and enter the 6 digits you receive",
        "code",
      );
    return confirmMyMobile(ctx, { mobile: input.mobile, code: input.code });
  }
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: user.userId },
      select: { mobile: true },
    });
    await tx.user.update({ where: { id: user.userId }, data: { mobile: null } });
    await recordAudit(tx, actor, {
      action: "user.mobile",
      entityType: "User",
      entityId: user.userId,
      before: { mobile: maskMobile(before.mobile) },
      after: { mobile: null },
      requestId,
    });
    return { mobile: null };
  });
}

/**
 * The office sets the mobile of a member of its jurisdiction whose every role is in jurisdictions
 * this office runs (the account rule, mayManageAccount); any other user is NOT_FOUND. Audited in the jurisdiction with the number masked.
 * The office user's own number is not set here (INVALID): it needs the SMS code as anyone's.
 */
export async function setMemberMobile(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetMemberMobileInput>,
) {
  assertOffice(actor, input.jurisdictionId);
  // one's own number goes through the SMS code like everyone's (我的通知设置)
  if (actor.kind === "user" && actor.userId === input.userId && input.mobile !== null)
    throw invalid(
      "本人手机号请在“我的通知设置”中通过短信验证码设置",
      "set your own number in My notification settings, with an SMS code",
      "mobile",
    );
  return db.$transaction(async (tx) => {
    const member = await tx.user.findFirst({
      where: { id: input.userId, memberships: { some: { jurisdictionId: input.jurisdictionId } } },
      select: { id: true, mobile: true, memberships: { select: { jurisdictionId: true } } },
    });
    // the account rule of setUserDisabled: someone who also holds a role in a jurisdiction this
    // office does not run is not this office's to redirect
    if (
      !member ||
      !mayManageAccount(
        actor,
        member.memberships.map((m) => m.jurisdictionId),
      )
    )
      throw notFound("用户", "user");
    await tx.user.update({ where: { id: member.id }, data: { mobile: input.mobile } });
    await recordAudit(tx, actor, {
      action: "user.mobile",
      entityType: "User",
      entityId: member.id,
      jurisdictionId: input.jurisdictionId,
      before: { mobile: maskMobile(member.mobile) },
      after: { mobile: maskMobile(input.mobile) },
      requestId,
    });
    return { userId: member.id, mobile: maskMobile(input.mobile) };
  });
}
