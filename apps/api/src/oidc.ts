import { createHmac, timingSafeEqual } from "node:crypto";

import * as client from "openid-client";

/**
 * One deployment's unified identity provider (统一身份认证, issue #20), from the environment
 * (env.ts: DUBAN_OIDC_*). The provider's metadata is discovered on first use and kept; a failed
 * discovery is tried again on the next sign-in.
 */
export type OidcSettings = {
  /** the issuer URL; `${issuer}/.well-known/openid-configuration` is read */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** where the provider sends the browser back: this api's /api/auth/oidc/callback */
  redirectUrl: string;
  /** where the provider sends the browser after its sign-out */
  postLogoutRedirectUrl: string;
  /** the claim that carries the person's identifier, matched against User.externalId */
  idClaim: string;
  scopes: string;
  /** shown on the login page: "使用{name}登录" */
  name: string;
  nameEn: string;
  /** http:// issuers (tests, a provider on a private network); https is required otherwise */
  allowHttp: boolean;
};

export type Oidc = ReturnType<typeof createOidc>;

/** state, PKCE verifier and nonce of one sign-in attempt, held by the browser in a signed cookie */
export type OidcAttempt = { state: string; verifier: string; nonce: string; returnTo: string };

/** how long a sign-in at the provider may take */
export const OIDC_ATTEMPT_MS = 10 * 60_000;

export function createOidc(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  // the cookie is signed with a key only this deployment knows: derived from the client secret,
  // so every api process of a deployment accepts the others' cookies without one more setting
  const key = createHmac("sha256", settings.clientSecret).update("duban-oidc-attempt").digest();
  const sign = (body: string) => createHmac("sha256", key).update(body).digest("base64url");

  return {
    settings,
    configuration,

    /** A new attempt and the provider's authorization URL for it (code flow, PKCE S256, nonce). */
    async start(returnTo: string): Promise<{ url: URL; attempt: OidcAttempt }> {
      const config = await configuration();
      const attempt: OidcAttempt = {
        state: client.randomState(),
        verifier: client.randomPKCECodeVerifier(),
        nonce: client.randomNonce(),
        returnTo,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
        code_challenge_method: "S256",
        state: attempt.state,
        nonce: attempt.nonce,
      });
      return { url, attempt };
    },

    /** The attempt as a cookie value: base64url JSON with its expiry, a dot, an HMAC-SHA256. */
    seal(attempt: OidcAttempt, now = Date.now()): string {
      const body = Buffer.from(JSON.stringify({ ...attempt, exp: now + OIDC_ATTEMPT_MS })).toString(
        "base64url",
      );
      return `${body}.${sign(body)}`;
    },

    /** The attempt a cookie value holds, or null when it is missing, forged or expired. */
    unseal(value: string | undefined, now = Date.now()): OidcAttempt | null {
      const [body, mac] = (value ?? "").split(".");
      if (!body || !mac) return null;
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const parsed = JSON.parse(
          Buffer.from(body, "base64url").toString("utf8"),
        ) as OidcAttempt & {
          exp: number;
        };
        if (typeof parsed.exp !== "number" || parsed.exp < now) return null;
        return parsed;
      } catch {
        return null;
      }
    },

    /**
     * Exchanges the code of a callback (`query`: its search string) with the PKCE verifier,
     * validates the ID token (signature, issuer, audience, expiry, nonce) and the state, and
     * returns the identifier claim (from the ID token, else from userinfo) and the raw ID token.
     * Throws on any mismatch (openid-client's errors) or when the claim is absent.
     */
    async finish(query: string, attempt: OidcAttempt) {
      const config = await configuration();
      const currentUrl = new URL(settings.redirectUrl);
      currentUrl.search = query;
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      let value: unknown = claims[settings.idClaim];
      if ((value === undefined || value === null || value === "") && tokens.access_token) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        value = info[settings.idClaim];
      }
      if (typeof value !== "string" && typeof value !== "number")
        throw new Error(`the provider did not send the claim ${settings.idClaim}`);
      return { externalId: String(value), idToken: tokens.id_token ?? null };
    },

    /**
     * The provider's sign-out URL (RP-initiated logout) with the ID token as hint, or null when the
     * session did not come from the provider (no ID token) or it has no end_session_endpoint.
     */
    async endSessionUrl(idToken: string | undefined): Promise<string | null> {
      if (!idToken) return null;
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client
        .buildEndSessionUrl(config, {
          post_logout_redirect_uri: settings.postLogoutRedirectUrl,
          id_token_hint: idToken,
        })
        .toString();
    },
  };
}
