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
 * number masked, in the same transaction. Returns `{ mobile (masked), expiresAt, resendAt }`.
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
    if (today.length >= MOBILE_CODE_RULES.dailyLimit)
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
        title: `督办手机号验证码：${code}，${MOBILE_CODE_RULES.validMinutes} 分钟内有效，请勿告诉他人`,
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
    };
  });
}

/** The code in force for (user, mobile): the newest unused, unexpired, not spent one. */
async function codeInForce(tx: DbOrTx, userId: string, mobile: string, now: Date) {
  return tx.mobileCode.findFirst({
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

/**
 * Makes `mobile` the user's number when `code` is the code in force for it (requestMobileCode),
 * and spends the code; audited (`user.mobile`, numbers masked) in the same transaction. A wrong
 * code counts against the code (its count is kept even though the call fails), and the fifth
 * spends it. Returns `{ mobile }`. Errors: INVALID (field `code`) when there is no code in force
 * for that number (none asked, expired, used or spent) or the code is wrong, with the tries left.
 */
export async function confirmMyMobile(
  ctx: DomainContext,
  input: z.infer<typeof ZConfirmMyMobileInput>,
) {
  const user = userOf(ctx);
  const now = ctx.now ?? new Date();
  const outcome = await ctx.db.$transaction(async (tx) => {
    const [me] = await tx.$queryRaw<Array<{ mobile: string | null }>>`
      SELECT mobile FROM "User" WHERE id = ${user.userId}::uuid FOR UPDATE`;
    const held = await codeInForce(tx, user.userId, input.mobile, now);
    if (!held) return { kind: "none" as const };
    const expected = Buffer.from(held.codeHash, "hex");
    const given = Buffer.from(hashCode(held.id, input.code), "hex");
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attempts = held.attempts + 1;
      await tx.mobileCode.update({ where: { id: held.id }, data: { attempts } });
      return { kind: "wrong" as const, left: MOBILE_CODE_RULES.maxAttempts - attempts };
    }
    await tx.mobileCode.update({ where: { id: held.id }, data: { usedAt: now } });
    await tx.user.update({ where: { id: user.userId }, data: { mobile: input.mobile } });
    await recordAudit(tx, ctx.actor, {
      action: "user.mobile",
      entityType: "User",
      entityId: user.userId,
      before: { mobile: maskMobile(me?.mobile ?? null) },
      after: { mobile: maskMobile(input.mobile), verified: true },
      requestId: ctx.requestId,
    });
    return { kind: "set" as const };
  });
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
