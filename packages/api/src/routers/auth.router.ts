import { ZChangePasswordInput, ZLoginInput, ZRequestPasswordResetInput, ZResetPasswordInput } from "@duban/domain/schemas";
import { changePassword, login, logout, me, requestPasswordReset, resetPassword } from "@duban/domain";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";
import { clearRateLimit, hitRateLimits } from "../rate-limit.ts";

/** Login attempts: 5 per account and 30 per address in 15 minutes. */
const LOGIN_WINDOW = 15 * 60;

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => (ctx.actor ? me(ctx.db, ctx.actor) : null)),
  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    await hitRateLimits(ctx.redis, [
      { key: `login:email:${input.email}`, limit: 5, windowSeconds: LOGIN_WINDOW },
      { key: `login:ip:${ctx.ip}`, limit: 30, windowSeconds: LOGIN_WINDOW },
    ]);
    const session = await login(ctx.db, { ...input, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId });
    await clearRateLimit(ctx.redis, `login:email:${input.email}`);
    // a previous session in this browser ends: the new token replaces it
    if (ctx.sessionToken && ctx.actor) await logout(ctx.db, ctx.sessionToken, ctx.actor, ctx.requestId);
    ctx.setSessionCookie(session.token, session.expiresAt);
    return { ok: true as const };
  }),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken, ctx.actor, ctx.requestId);
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),
  requestPasswordReset: publicProcedure.input(ZRequestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await hitRateLimits(ctx.redis, [
      { key: `reset:email:${input.email}`, limit: 3, windowSeconds: 3600 },
      { key: `reset:ip:${ctx.ip}`, limit: 20, windowSeconds: 3600 },
    ]);
    await requestPasswordReset(ctx.db, { email: input.email, baseUrl: ctx.baseUrl, requestId: ctx.requestId });
    return { ok: true as const };
  }),
  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await hitRateLimits(ctx.redis, [{ key: `reset-use:ip:${ctx.ip}`, limit: 20, windowSeconds: 3600 }]);
    await resetPassword(ctx.db, { ...input, requestId: ctx.requestId });
    return { ok: true as const };
  }),
  changePassword: authedProcedure.input(ZChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx.db, ctx.actor, input, ctx.requestId);
    return { ok: true as const };
  }),
});
