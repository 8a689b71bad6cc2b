import { createHash, randomInt, randomUUID, timingSafeEqual } from "node:crypto";

import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { recordAudit } from "../audit.ts";
import { addDays, shanghaiDay, shanghaiMidnight } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { DomainError, forbidden, invalid } from "../errors.ts";
import type { ZConfirmMyMobileInput, ZRequestMobileCodeInput } from "../schemas/channels.ts";
import { maskMobile } from "./mobile.ts";

/** The kind of the SMS that carries a code (never a notification kind: no setting applies). */
export const MOBILE_CODE_KIND = "mobile-code";

/**
 * The rules for 手机号验证码, as SMS platforms commonly set them: a code holds 10 minutes, a new one
 * can be asked after 60 s, at most 5 a day per user (Asia/Shanghai), 5 wrong tries spend a code.
 */
export const MOBILE_CODE_RULES = {
  validMinutes: 10,
  resendSeconds: 60,
  dailyLimit: 5,
  /** codes one number may receive a day, from all accounts together (no SMS bombing of a stranger) */
  dailyPerNumber: 10,
  maxAttempts: 5,
} as const;

const hashCode = (id: string, code: string) =>
  createHash("sha256").update(`${id}:${code}`).digest("hex");

function userOf(ctx: DomainContext) {
  if (ctx.actor.kind !== "user")
    throw forbidden("系统账户没有手机号", "the system has no mobile number");
  return ctx.actor;
}

const tooMany = (zh: string, en: string, retryAt: Date) =>
  new DomainError("RATE_LIMITED", zh, en, "mobile", { retryAt: retryAt.toISOString() });

/**
 * Sends a 6-digit code by SMS to `mobile` (normalised by the schema), which the user wants as
 * their own; the number is set only by confirmMyMobile with that code (issue #20: reminders must
 * not reach a mistyped or someone else's number). The SMS is a channel delivery of kind
 * `mobile-code` to that very number (no user on it, so not the user's current number and not
 * their daily reminder cap), sent by the worker's channel sender like any SMS; its title holds the
 * code and its body is the code alone (`{body}` in a registered template). Audited with the
 * number masked, in the same transaction. Returns `{ mobile (masked), expiresAt, resendAt,
 * resendInSeconds, validMinutes }`.
 * Errors: INVALID when it is already the user's number; RATE_LIMITED (details.retryAt) within
 * 60 s of the last code or past 5 codes today (MOBILE_CODE_RULES).
 */
export async function requestMobileCode(
  ctx: DomainContext,
  input: z.infer<typeof ZRequestMobileCodeInput>,
) {
  const user = userOf(ctx);
  const now = ctx.now ?? new Date();
  return ctx.db.$transaction(async (tx) => {
    // one request at a time per user: the limits below count what the others wrote
    const [me] = await tx.$queryRaw<Array<{ mobile: string | null }>>`
      SELECT mobile FROM "User" WHERE id = ${user.userId}::uuid FOR UPDATE`;
    if (me?.mobile === input.mobile)
      throw invalid("这已是您的手机号", "this is already your mobile number", "mobile");
    const dayStart = shanghaiMidnight(shanghaiDay(now));
    const today = await tx.mobileCode.findMany({
      where: { userId: user.userId, createdAt: { gte: dayStart } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { createdAt: true },
    });
    const resendAt = today[0]
      ? new Date(today[0].createdAt.getTime() + MOBILE_CODE_RULES.resendSeconds * 1000)
      : now;
    if (resendAt > now)
      throw tooMany(
        `验证码已发送，请 ${Math.ceil((resendAt.getTime() - now.getTime()) / 1000)} 秒后再试`,
        `a code was just sent; try again in ${Math.ceil((resendAt.getTime() - now.getTime()) / 1000)} s`,
        resendAt,
      );
    const toNumber = await tx.mobileCode.count({
      where: { mobile: input.mobile, createdAt: { gte: dayStart } },
    });
    if (
      today.length >= MOBILE_CODE_RULES.dailyLimit ||
      toNumber >= MOBILE_CODE_RULES.dailyPerNumber
    )
      throw tooMany(
        `今天已发送 ${MOBILE_CODE_RULES.dailyLimit} 次验证码，请明天再试`,
        `${MOBILE_CODE_RULES.dailyLimit} codes were sent today; try again tomorrow`,
        shanghaiMidnight(addDays(shanghaiDay(now), 1)),
      );
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const expiresAt = new Date(now.getTime() + MOBILE_CODE_RULES.validMinutes * 60_000);
    const row = { id: randomUUID() };
    await tx.mobileCode.create({
      data: {
        id: row.id,
        userId: user.userId,
        mobile: input.mobile,
        codeHash: hashCode(row.id, code),
        expiresAt,
        createdAt: now,
      },
    });
    await tx.channelDelivery.create({
      data: {
        channel: "SMS",
        phone: input.mobile,
        kind: MOBILE_CODE_KIND,
        title: `督办手机号验证码：${code}，${MOBILE_CODE_RULES.validMinutes} 分钟内有效，请勿告诉他人；如非本人操作，请忽略`,
        body: code,
        linkPath: "/notifications/settings",
        dedupeKey: `mobile-code:${row.id}|sms`,
        nextAttemptAt: now,
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "user.mobile-code",
      entityType: "User",
      entityId: user.userId,
      before: null,
      after: { mobile: maskMobile(input.mobile), expiresAt: expiresAt.toISOString() },
      requestId: ctx.requestId,
    });
    return {
      mobile: maskMobile(input.mobile)!,
      expiresAt,
      resendAt: new Date(now.getTime() + MOBILE_CODE_RULES.resendSeconds * 1000),
      // relative, for a countdown that does not trust the browser's clock
      resendInSeconds: MOBILE_CODE_RULES.resendSeconds,
      validMinutes: MOBILE_CODE_RULES.validMinutes,
    };
  });
}

/** The codes in force for (user, mobile): unused, unexpired, not spent; a late SMS still counts. */
function codesInForce(tx: DbOrTx, userId: string, mobile: string, now: Date) {
  return tx.mobileCode.findMany({
    where: {
      userId,
      mobile,
      usedAt: null,
      expiresAt: { gt: now },
      attempts: { lt: MOBILE_CODE_RULES.maxAttempts },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

const matches = (held: { id: string; codeHash: string }, code: string) => {
  const expected = Buffer.from(held.codeHash, "hex");
  const given = Buffer.from(hashCode(held.id, code), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
};

/**
 * Makes `mobile` the user's number when `code` is one of the codes in force for it
 * (requestMobileCode; an earlier code whose SMS came late counts too), and uses them all; audited
 * (`user.mobile`, numbers masked) in the same transaction. A wrong code counts against every code
 * in force (the count is kept even though the call fails); the fifth spends them (audited as
 * `user.mobile-code-spent`). The same code sent again right after it set the number answers as
 * before (a retried save). Returns `{ mobile }`. Errors: INVALID (field `code`) when no code is in
 * force for that number (none asked, expired, used or spent) or the code is wrong, with the tries
 * left; FORBIDDEN for a disabled account.
 */
export async function confirmMyMobile(
  ctx: DomainContext,
  input: z.infer<typeof ZConfirmMyMobileInput>,
) {
  const user = userOf(ctx);
  const now = ctx.now ?? new Date();
  const outcome = await ctx.db.$transaction(async (tx) => {
    const [me] = await tx.$queryRaw<Array<{ mobile: string | null; disabledAt: Date | null }>>`
      SELECT mobile, "disabledAt" FROM "User" WHERE id = ${user.userId}::uuid FOR UPDATE`;
    if (!me || me.disabledAt) return { kind: "disabled" as const };
    const held = await codesInForce(tx, user.userId, input.mobile, now);
    // any code sent to this number and still in force: the SMS of an earlier request may come late
    const hit = held.find((h) => matches(h, input.code));
    if (!hit) {
      // a resent save after success (a network retry): the number is already set by this code
      if (me.mobile === input.mobile) {
        const used = await tx.mobileCode.findFirst({
          where: { userId: user.userId, mobile: input.mobile, usedAt: { not: null } },
          orderBy: [{ usedAt: "desc" }, { id: "desc" }],
        });
        if (
          used &&
          matches(used, input.code) &&
          used.usedAt! > new Date(now.getTime() - 10 * 60_000)
        )
          return { kind: "set" as const };
      }
      if (!held.length) return { kind: "none" as const };
      // a wrong code counts against every code in force: 5 tries in all, however many were sent
      await tx.mobileCode.updateMany({
        where: { id: { in: held.map((h) => h.id) } },
        data: { attempts: { increment: 1 } },
      });
      const left = MOBILE_CODE_RULES.maxAttempts - Math.max(...held.map((h) => h.attempts + 1));
      if (left <= 0)
        await recordAudit(tx, ctx.actor, {
          action: "user.mobile-code-spent",
          entityType: "User",
          entityId: user.userId,
          before: null,
          after: { mobile: maskMobile(input.mobile), attempts: MOBILE_CODE_RULES.maxAttempts },
          requestId: ctx.requestId,
        });
      return { kind: "wrong" as const, left: Math.max(0, left) };
    }
    await tx.mobileCode.updateMany({
      where: { id: { in: held.map((h) => h.id) } },
      data: { usedAt: now },
    });
    await tx.user.update({ where: { id: user.userId }, data: { mobile: input.mobile } });
    await recordAudit(tx, ctx.actor, {
      action: "user.mobile",
      entityType: "User",
      entityId: user.userId,
      before: { mobile: maskMobile(me.mobile) },
      after: { mobile: maskMobile(input.mobile), verified: true },
      requestId: ctx.requestId,
    });
    return { kind: "set" as const };
  });
  if (outcome.kind === "disabled") throw forbidden("账号已停用", "the account is disabled");
  if (outcome.kind === "none")
    throw invalid(
      "验证码已失效或未发送，请重新获取",
      "no valid code for this number: ask for a new one",
      "code",
    );
  if (outcome.kind === "wrong")
    throw invalid(
      outcome.left > 0
        ? `验证码不正确，还可尝试 ${outcome.left} 次`
        : "验证码不正确，此验证码已作废，请重新获取",
      outcome.left > 0
        ? `wrong code; ${outcome.left} tries left`
        : "wrong code; this code is spent, ask for a new one",
      "code",
    );
  return { mobile: input.mobile };
}

/**
 * Whether the SMS of delivery `dedupeKey` (`mobile-code:<MobileCode id>|sms`) is still worth
 * sending at `now`: its code unused, unexpired and not spent, its user not disabled. The channel
 * sender asks before each attempt, so a gateway outage never delivers a dead code later.
 */
export async function mobileCodeStillWanted(db: DbOrTx, dedupeKey: string, now: Date) {
  const id = /^mobile-code:([0-9a-f-]{36})\|sms$/.exec(dedupeKey)?.[1];
  if (!id) return false;
  const row = await db.mobileCode.findUnique({
    where: { id },
    select: {
      usedAt: true,
      expiresAt: true,
      attempts: true,
      user: { select: { disabledAt: true } },
    },
  });
  return (
    !!row &&
    !row.usedAt &&
    row.expiresAt > now &&
    row.attempts < MOBILE_CODE_RULES.maxAttempts &&
    !row.user.disabledAt
  );
}
