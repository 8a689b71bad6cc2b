import { isIP } from "node:net";
import path from "node:path";

import { z } from "zod";

import type { OidcSettings } from "./oidc.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** An unset or blank variable is absent (compose passes `${X:-}` as an empty string). */
const blankIsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts besides addresses and CIDRs */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyEntry = (entry: string) => {
  const [address, bits, ...rest] = entry.split("/");
  if (RANGE_NAMES.has(entry)) return true;
  const family = isIP(address ?? "");
  if (!family || rest.length) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
};

/**
 * TRUST_PROXY: whose X-Forwarded-For the api believes (Fastify's trustProxy). Unset: nobody's, so
 * the address of the connection is the client's. A comma-separated list of proxy addresses,
 * CIDRs or the names loopback/linklocal/uniquelocal. `true` (everyone) is refused, since any
 * client could then pick its own address; so is a hop count, which Fastify 5 no longer honours
 * (it cannot check the nearest peer, so it trusts nobody).
 */
export const zTrustProxy = blankIsUnset(
  z.string().transform((value, ctx): string[] => {
    const entries = value
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
    const bad = entries.find((e) => !isProxyEntry(e));
    if (bad !== undefined || !entries.length) {
      ctx.addIssue({
        code: "custom",
        message: `"${bad ?? value}" is not a proxy address or CIDR; list the proxies, e.g. 10.0.0.5,172.28.0.0/24`,
      });
      return z.NEVER;
    }
    return entries;
  }),
);

const zEnv = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, { error: "must be a postgresql:// URL" }),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { error: "must be a redis:// URL" }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  APP_BASE_URL: z.url().optional(),
  WEB_DIST: z.string().default(path.join(repoRoot, "apps/web/dist")),
  EVIDENCE_DIR: z.string().default(path.join(repoRoot, ".data/evidence")),
  COOKIE_SECURE: z.enum(["0", "1"]).optional(),
  MAIL_CATCHER_URL: z.url().optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/)
    .optional(),
  /** memory for cached plan pages, in MB of JSON text; 0 turns the cache off */
  READ_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  TRUST_PROXY: zTrustProxy,
  /** /metrics on its own listener (METRICS_HOST:METRICS_PORT) instead of the public port */
  METRICS_PORT: blankIsUnset(z.coerce.number().int().min(1).max(65535)),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** a bearer token every scrape of /metrics must send; without it and without METRICS_PORT, /metrics is off */
  METRICS_TOKEN: blankIsUnset(z.string().min(16, { error: "at least 16 characters" })),
  /**
   * the SMS gateway the worker sends through (issue #20): the api only asks whether there is one,
   * so it does not promise a verification code that can never arrive; set it for both processes
   */
  DUBAN_SMS_URL: blankIsUnset(z.url()),
  /** 统一身份认证 (issue #20): set the issuer to turn OIDC sign-in on; README "Sign in with unified identity" */
  DUBAN_OIDC_ISSUER: blankIsUnset(z.url()),
  DUBAN_OIDC_CLIENT_ID: blankIsUnset(z.string().min(1)),
  DUBAN_OIDC_CLIENT_SECRET: blankIsUnset(z.string().min(1)),
  DUBAN_OIDC_REDIRECT_URL: blankIsUnset(z.url()),
  DUBAN_OIDC_POST_LOGOUT_REDIRECT_URL: blankIsUnset(z.url()),
  DUBAN_OIDC_ID_CLAIM: blankIsUnset(z.string().regex(/^[\w.:-]{1,100}$/)),
  DUBAN_OIDC_SCOPES: blankIsUnset(
    z.string().regex(/(^|\s)openid(\s|$)/, { error: "must include openid" }),
  ),
  DUBAN_OIDC_NAME: blankIsUnset(z.string().min(1).max(40)),
  DUBAN_OIDC_NAME_EN: blankIsUnset(z.string().min(1).max(60)),
  DUBAN_OIDC_ALLOW_HTTP: z.enum(["0", "1"]).optional(),
});
export type ApiEnv = z.infer<typeof zEnv> & { APP_BASE_URL: string };

/**
 * The OIDC settings the environment gives, or null when DUBAN_OIDC_ISSUER is unset (passwords
 * only). With an issuer, the client id and secret are required; the rest have defaults.
 * Returns an error line instead when the environment is incomplete.
 */
export function oidcSettingsFromEnv(env: ApiEnv): OidcSettings | null | { error: string } {
  if (!env.DUBAN_OIDC_ISSUER) return null;
  for (const name of ["DUBAN_OIDC_CLIENT_ID", "DUBAN_OIDC_CLIENT_SECRET"] as const)
    if (!env[name])
      return {
        error: `设置了 DUBAN_OIDC_ISSUER 时必须设置 ${name} (${name} is required with DUBAN_OIDC_ISSUER)`,
      };
  const base = env.APP_BASE_URL.replace(/\/$/, "");
  const allowHttp = env.DUBAN_OIDC_ALLOW_HTTP === "1";
  if (!allowHttp && !env.DUBAN_OIDC_ISSUER.startsWith("https://"))
    return {
      error:
        "DUBAN_OIDC_ISSUER 必须是 https 地址，或设置 DUBAN_OIDC_ALLOW_HTTP=1 (the issuer must be https, or set DUBAN_OIDC_ALLOW_HTTP=1)",
    };
  return {
    issuer: env.DUBAN_OIDC_ISSUER,
    clientId: env.DUBAN_OIDC_CLIENT_ID!,
    clientSecret: env.DUBAN_OIDC_CLIENT_SECRET!,
    redirectUrl: env.DUBAN_OIDC_REDIRECT_URL ?? `${base}/api/auth/oidc/callback`,
    postLogoutRedirectUrl: env.DUBAN_OIDC_POST_LOGOUT_REDIRECT_URL ?? `${base}/login`,
    idClaim: env.DUBAN_OIDC_ID_CLAIM ?? "sub",
    scopes: env.DUBAN_OIDC_SCOPES ?? "openid profile",
    name: env.DUBAN_OIDC_NAME ?? "统一身份认证",
    nameEn: env.DUBAN_OIDC_NAME_EN ?? "unified identity",
    allowHttp,
  };
}

/** Reads the environment once at start; a bad value is one readable line, then exit 2. */
export function loadApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = zEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const name = first.path.join(".");
    const msg =
      env[name] === undefined
        ? `缺少环境变量 ${name} (missing environment variable ${name})`
        : `环境变量 ${name} 无效：${first.message} (invalid ${name}: ${first.message})`;
    console.error(msg);
    process.exit(2);
  }
  return {
    ...parsed.data,
    APP_BASE_URL: parsed.data.APP_BASE_URL ?? `http://localhost:${parsed.data.PORT}`,
  };
}
