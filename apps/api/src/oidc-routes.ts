import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import type { Db } from "@duban/db";
import { actorFromSession, DomainError, loginWithExternalId, logout } from "@duban/domain";

import { OIDC_ATTEMPT_MS, type Oidc } from "./oidc.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

/** the sign-in attempt (state, PKCE verifier, nonce, return path), encrypted, only sent to the callback */
export const OIDC_ATTEMPT_COOKIE = "duban_oidc";
/** the provider's ID token of this browser's session, for the sign-out hint */
export const OIDC_ID_TOKEN_COOKIE = "duban_oidc_id";
const CALLBACK_PATH = "/api/auth/oidc";

/**
 * Why a callback was refused, as the login page's `oidcError` query parameter (the page shows
 * a Chinese-first message for each): state (missing, forged or expired attempt), exchange (code,
 * PKCE or ID token rejected), provider (the provider answered with an error), unknown (no account
 * has this identifier), disabled, unavailable (provider or database unreachable).
 */
export type OidcError = "state" | "exchange" | "provider" | "unknown" | "disabled" | "unavailable";

/** a path inside the web app only: an absolute or protocol-relative URL would be an open redirect */
const safeReturnTo = (value: unknown) =>
  typeof value === "string" && /^\/(?![/\\])[^\s]*$/.test(value) && value.length < 500
    ? value
    : "/";

/**
 * GET /api/auth/oidc/start and GET /api/auth/oidc/callback: the authorization code flow with PKCE
 * against the deployment's unified identity provider (issue #20). The callback opens the same
 * kind of session as the password login and redirects to the web app; a refusal redirects to the
 * login page with `?oidcError=<OidcError>`.
 */
export async function oidcRoutes(
  app: FastifyInstance,
  deps: { db: Db; oidc: Oidc; baseUrl: string; secure: boolean },
) {
  const { oidc } = deps;
  const web = (pathAndQuery: string) => new URL(pathAndQuery, deps.baseUrl).toString();
  const refuse = (req: FastifyRequest, reply: FastifyReply, error: OidcError, cause?: unknown) => {
    req.log.warn({ err: cause, oidcError: error }, "oidc sign-in refused");
    reply.clearCookie(OIDC_ATTEMPT_COOKIE, { path: CALLBACK_PATH });
    return reply.redirect(web(`/login?oidcError=${error}`), 303);
  };

  app.get("/api/auth/oidc/start", async (req, reply) => {
    const returnTo = safeReturnTo((req.query as Record<string, unknown>).returnTo);
    let started: Awaited<ReturnType<Oidc["start"]>>;
    try {
      started = await oidc.start(returnTo);
    } catch (error) {
      return refuse(req, reply, "unavailable", error);
    }
    // encrypted (oidc.ts seal): the browser holds the attempt but can neither read nor change it
    reply.setCookie(OIDC_ATTEMPT_COOKIE, oidc.seal(started.attempt), {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET navigation, which carries it
      sameSite: "lax",
      // https deployments (COOKIE_SECURE, an https APP_BASE_URL), or https at a trusted proxy
      secure: deps.secure || req.protocol === "https",
      path: CALLBACK_PATH,
      maxAge: OIDC_ATTEMPT_MS / 1000,
    });
    reply.header("cache-control", "no-store");
    return reply.redirect(started.url.toString(), 303);
  });

  app.get("/api/auth/oidc/callback", async (req, reply) => {
    const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
    const params = new URLSearchParams(query);
    const attempt = oidc.unseal(req.cookies[OIDC_ATTEMPT_COOKIE]);
    // no attempt of this browser, or another state: a forged or replayed callback
    if (!attempt || params.get("state") !== attempt.state) return refuse(req, reply, "state");
    if (params.get("error")) return refuse(req, reply, "provider", params.get("error"));
    let identity: Awaited<ReturnType<Oidc["finish"]>>;
    try {
      identity = await oidc.finish(query, attempt);
    } catch (error) {
      return refuse(req, reply, "exchange", error);
    }
    let session: Awaited<ReturnType<typeof loginWithExternalId>>;
    try {
      session = await loginWithExternalId(
        { db: deps.db, requestId: String(req.id) },
        {
          externalId: identity.externalId,
          issuer: oidc.settings.issuer,
          ip: req.ip,
          userAgent: String(req.headers["user-agent"] ?? ""),
        },
      );
    } catch (error) {
      const reason = error instanceof DomainError ? error.details?.reason : undefined;
      if (reason === "unknown" || reason === "disabled") return refuse(req, reply, reason);
      return refuse(req, reply, "unavailable", error);
    }
    // a previous session in this browser ends: the new token replaces it (as auth.login does)
    const previous = req.cookies[SESSION_COOKIE];
    if (previous) {
      const actor = await actorFromSession({ db: deps.db }, { token: previous });
      if (actor)
        await logout({ db: deps.db, actor, requestId: String(req.id) }, { token: previous });
    }
    const cookie = {
      httpOnly: true,
      sameSite: "lax" as const,
      secure: deps.secure,
      path: "/",
      expires: session.expiresAt,
    };
    reply.setCookie(SESSION_COOKIE, session.token, cookie);
    if (identity.idToken) reply.setCookie(OIDC_ID_TOKEN_COOKIE, identity.idToken, cookie);
    reply.clearCookie(OIDC_ATTEMPT_COOKIE, { path: CALLBACK_PATH });
    reply.header("cache-control", "no-store");
    return reply.redirect(web(attempt.returnTo), 303);
  });
}
