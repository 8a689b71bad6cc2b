import {
  changePassword,
  DomainError,
  login,
  logout,
  me,
  requestPasswordReset,
  resetPassword,
} from "@duban/domain";
import {
  ZChangePasswordInput,
  ZLoginInput,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
} from "@duban/domain/schemas";

import { admitLogin } from "../login-limits.ts";
import { hitRateLimits } from "../rate-limit.ts";
import { authedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  /** how one may sign in here: always a password form, and the unified identity provider when configured */
  providers: publicProcedure.query(({ ctx }) => ({
    password: true as const,
    oidc: ctx.oidc ? { name: ctx.oidc.name, nameEn: ctx.oidc.nameEn } : null,
  })),
  me: publicProcedure.query(({ ctx }) => (ctx.actor ? me({ ...ctx, actor: ctx.actor }) : null)),
  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    // see login-limits.ts: per address, per account and address, per account from unfamiliar addresses
    const attempt = await admitLogin(ctx.redis, {
      account: input.email,
      address: ctx.ip,
      log: ctx.log,
    });
    let session: Awaited<ReturnType<typeof login>>;
    try {
      session = await login(ctx, {
        ...input,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        oidc: ctx.oidc ? { name: ctx.oidc.name, nameEn: ctx.oidc.nameEn } : undefined,
      });
    } catch (error) {
      // only a refused password counts; a database outage or a bug does not
      if (error instanceof DomainError && error.code === "UNAUTHENTICATED") attempt.failed();
      else await attempt.abandoned();
      throw error;
    }
    await attempt.succeeded();
    // a previous session in this browser ends: the new token replaces it
    if (ctx.sessionToken && ctx.actor)
      await logout({ ...ctx, actor: ctx.actor }, { token: ctx.sessionToken });
    ctx.setSessionCookie(session.token, session.expiresAt);
    return { ok: true as const };
  }),
  /** ends the session; `redirectTo`: the provider's sign-out page (RP-initiated logout), if any */
  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx, { token: ctx.sessionToken });
    // read before the cookies are cleared: the URL carries this browser's ID token as a hint
    const redirectTo = ctx.oidc ? await ctx.oidc.endSessionUrl() : null;
    ctx.clearSessionCookie();
    return { ok: true as const, redirectTo };
  }),
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordResetInput)
    .mutation(async ({ ctx, input }) => {
      await hitRateLimits(ctx.redis, [
        { name: "reset-email", id: input.email, limit: 3, windowSeconds: 3600 },
        { name: "reset-address", id: ctx.ip, limit: 20, windowSeconds: 3600 },
      ]);
      await requestPasswordReset(ctx, { email: input.email, baseUrl: ctx.baseUrl });
      return { ok: true as const };
    }),
  resetPassword: publicProcedure.input(ZResetPasswordInput).mutation(async ({ ctx, input }) => {
    await hitRateLimits(ctx.redis, [
      { name: "reset-use-address", id: ctx.ip, limit: 20, windowSeconds: 3600 },
    ]);
    await resetPassword(ctx, input);
    return { ok: true as const };
  }),
  changePassword: authedProcedure.input(ZChangePasswordInput).mutation(async ({ ctx, input }) => {
    await changePassword(ctx, input);
    return { ok: true as const };
  }),
});
