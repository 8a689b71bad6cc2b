import path from "node:path";
import { z } from "zod";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

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
  QUEUE_PREFIX: z.string().regex(/^[\w-]+$/).optional(),
  /** memory for cached plan pages, in MB of JSON text; 0 turns the cache off */
  READ_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
});
export type ApiEnv = z.infer<typeof zEnv> & { APP_BASE_URL: string };

/** Reads the environment once at start; a bad value is one readable line, then exit 2. */
export function loadApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = zEnv.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const name = first.path.join(".");
    const msg = env[name] === undefined ? `缺少环境变量 ${name} (missing environment variable ${name})` : `环境变量 ${name} 无效：${first.message} (invalid ${name}: ${first.message})`;
    console.error(msg);
    process.exit(2);
  }
  return { ...parsed.data, APP_BASE_URL: parsed.data.APP_BASE_URL ?? `http://localhost:${parsed.data.PORT}` };
}
