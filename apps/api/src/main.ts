import { Redis } from "ioredis";

import { ReadCache } from "@duban/api";
import { createDb } from "@duban/db";
import { allQueues, closeQueues, createJobRunner, DEFAULT_QUEUE_PREFIX } from "@duban/jobs";
import { createLogger } from "@duban/logger";

import { loadApiEnv, oidcSettingsFromEnv } from "./env.ts";
import { createOidc } from "./oidc.ts";
import { StartRefused } from "./secret-key-start.ts";
import { buildServer } from "./server.ts";

const env = loadApiEnv();
const oidcSettings = oidcSettingsFromEnv(env);
if (oidcSettings && "error" in oidcSettings) {
  console.error(oidcSettings.error);
  process.exit(2);
}
const log = createLogger("api");
// connections stay open 5 minutes idle: a meeting's leaders opening the cockpit together after a
// lull would otherwise each wait for a new PostgreSQL backend (bench/README.md, issue #19)
const db = createDb({
  connectionString: env.DATABASE_URL,
  max: 20,
  applicationName: "duban-api",
  idleTimeoutMs: 5 * 60_000,
});
// offline queue off: a request during a Redis outage fails fast instead of hanging
const redis = new Redis(env.REDIS_URL, {
  maxRetriesPerRequest: 2,
  enableOfflineQueue: false,
  lazyConnect: false,
});
redis.on("error", (err) => log.warn({ err: err.message }, "redis connection error"));
// without the offline queue, commands before the first connect would fail: wait for it (bounded)
await Promise.race([
  new Promise((resolve) => redis.once("ready", resolve)),
  new Promise((resolve) => setTimeout(resolve, 10_000)),
]);

const connection = { url: env.REDIS_URL };
const queues = allQueues(connection, env.QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX);
const runJobNow = createJobRunner({
  db,
  connection,
  prefix: env.QUEUE_PREFIX,
  log,
  baseUrl: env.APP_BASE_URL,
});
// JSON text of pages with Chinese in it is stored two bytes per character
const readCache =
  env.READ_CACHE_MB > 0
    ? new ReadCache({ maxChars: (env.READ_CACHE_MB * 1024 * 1024) / 2, ttlMs: 15 * 60_000 })
    : undefined;
const app = await buildServer({
  secretKey: { env: process.env, production: process.env.NODE_ENV === "production" },
  db,
  redis,
  readCache,
  log,
  baseUrl: env.APP_BASE_URL,
  oidc: oidcSettings ? createOidc(oidcSettings) : undefined,
  smsGateway: Boolean(env.DUBAN_SMS_URL),
  webDist: env.WEB_DIST,
  evidenceDir: env.EVIDENCE_DIR,
  cookieSecure: env.COOKIE_SECURE === "1",
  runJobNow,
  queues,
  trustProxy: env.TRUST_PROXY,
  metrics: {
    token: env.METRICS_TOKEN,
    listen: env.METRICS_PORT ? { port: env.METRICS_PORT, host: env.METRICS_HOST } : undefined,
  },
}).catch(async (error: unknown) => {
  if (!(error instanceof StartRefused)) throw error;
  // one readable line, Chinese first, in the log and on stderr; no stack trace
  log.fatal({ refused: "DUBAN_SECRET_KEY" }, error.message);
  console.error(error.message);
  await db.$disconnect();
  redis.disconnect();
  process.exit(2);
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info({ signal }, "shutting down: finishing in-flight requests");
  // close() stops accepting connections and waits for in-flight requests to finish
  await app.close();
  await runJobNow.close();
  await closeQueues(queues);
  await db.$disconnect();
  redis.disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  await app.listen({ port: env.PORT, host: env.HOST });
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(
    code === "EADDRINUSE"
      ? `端口 ${env.PORT} 已被占用，请设置 PORT 使用其他端口 (port ${env.PORT} is in use; set PORT)`
      : `api 启动失败 (api failed to start): ${(error as Error).message}`,
  );
  process.exit(2);
}
