import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

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

/**
 * state, PKCE verifier and nonce of one sign-in attempt, held by the browser in an encrypted cookie
 * (AES-256-GCM): the browser can neither read nor change it
 */
export type OidcAttempt = { state: string; verifier: string; nonce: string; returnTo: string };

const ATTEMPT_VERSION = "v2";
const ATTEMPT_AAD = Buffer.from("duban_oidc attempt v2", "utf8");

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
  // the cookie is encrypted with a key only this deployment knows: derived (HKDF-SHA256) from the
  // client secret, so every api process of a deployment opens the others' cookies without one
  // more setting, and the key is never the client secret itself
  const key = Buffer.from(
    hkdfSync("sha256", settings.clientSecret, "duban-oidc-attempt", "aes-256-gcm v2", 32),
  );

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

    /**
     * The attempt as a cookie value: `v2.<iv>.<ciphertext>.<tag>` (base64url), AES-256-GCM over
     * the attempt and its expiry, with the cookie's name and version as additional data.
     */
    seal(attempt: OidcAttempt, now = Date.now()): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(ATTEMPT_AAD);
      const plain = JSON.stringify({ ...attempt, exp: now + OIDC_ATTEMPT_MS });
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [iv, data, cipher.getAuthTag()].reduce(
        (value, part) => `${value}.${part.toString("base64url")}`,
        ATTEMPT_VERSION,
      );
    },

    /** The attempt a cookie value holds, or null when it is missing, altered, forged or expired. */
    unseal(value: string | undefined, now = Date.now()): OidcAttempt | null {
      const [version, ivText, dataText, tagText, ...rest] = (value ?? "").split(".");
      if (version !== ATTEMPT_VERSION || !ivText || !dataText || !tagText || rest.length)
        return null;
      try {
        const iv = Buffer.from(ivText, "base64url");
        const tag = Buffer.from(tagText, "base64url");
        if (iv.length !== 12 || tag.length !== 16) return null;
        const decipher = createDecipheriv("aes-256-gcm", key, iv);
        decipher.setAAD(ATTEMPT_AAD);
        decipher.setAuthTag(tag);
        const plain = Buffer.concat([
          decipher.update(Buffer.from(dataText, "base64url")),
          decipher.final(),
        ]).toString("utf8");
        const parsed = JSON.parse(plain) as OidcAttempt & { exp: number };
        if (typeof parsed.exp !== "number" || parsed.exp < now) return null;
        const { state, verifier, nonce, returnTo } = parsed;
        if (![state, verifier, nonce, returnTo].every((v) => typeof v === "string")) return null;
        return { state, verifier, nonce, returnTo };
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
      let verified: unknown = claims.email_verified;
      if ((value === undefined || value === null || value === "") && tokens.access_token) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        value = info[settings.idClaim];
        verified = info.email_verified;
      }
      if (typeof value !== "string" && typeof value !== "number")
        throw new Error(`the provider did not send the claim ${settings.idClaim}`);
      // an address the person typed into the provider themselves identifies nobody: as the
      // identifier, an email counts only when the provider says it verified it (OIDC Core 5.1)
      if (settings.idClaim === "email" && verified !== true)
        throw new Error("the provider did not mark the email address verified (email_verified)");
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
