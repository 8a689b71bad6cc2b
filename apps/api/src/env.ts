import { isIP } from "node:net";
import path from "node:path";

import { z } from "zod";

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
});
export type ApiEnv = z.infer<typeof zEnv> & { APP_BASE_URL: string };

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
