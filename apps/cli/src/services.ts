import { existsSync, readFileSync } from "node:fs";
import { writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { startEmbeddedPostgres, startRedisServer, LocalServiceError } from "@duban/local-services";
import { dataDir, runtimeFile } from "./paths.ts";

export type Services = { databaseUrl: string; redisUrl: string; embedded: { postgres: boolean; redis: boolean }; stop: () => Promise<void> };
type Runtime = { pid: number; databaseUrl: string; redisUrl: string };

const DATABASE = "duban";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The services of a running `pnpm start`, if one is running. */
export function runningServices(): Runtime | null {
  if (!existsSync(runtimeFile())) return null;
  try {
    const runtime = JSON.parse(readFileSync(runtimeFile(), "utf8")) as Runtime;
    return alive(runtime.pid) ? runtime : null;
  } catch {
    return null;
  }
}

export async function writeRuntime(runtime: Runtime) {
  await writeFile(runtimeFile(), JSON.stringify(runtime, null, 2), { mode: 0o600 });
}
export async function clearRuntime() {
  await rm(runtimeFile(), { force: true });
}

/**
 * PostgreSQL and Redis for a command: DATABASE_URL / REDIS_URL when set; else those of a running
 * `pnpm start`; else private ones on free ports with their data under .data/ (kept across runs).
 * `needRedis: false` skips Redis for commands that only touch the database.
 */
export async function acquireServices(options: { needRedis?: boolean; log?: (line: string) => void } = {}): Promise<Services> {
  const needRedis = options.needRedis ?? true;
  const running = runningServices();
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = process.env.DATABASE_URL ?? running?.databaseUrl;
  let redisUrl = process.env.REDIS_URL ?? running?.redisUrl;
  const embedded = { postgres: false, redis: false };
  try {
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(path.join(dataDir(), "pg"), options.log);
      stops.push(pg.stop);
      databaseUrl = pg.url(DATABASE);
      embedded.postgres = true;
    }
    if (!redisUrl && needRedis) {
      const redis = await startRedisServer(path.join(dataDir(), "redis"));
      stops.push(redis.stop);
      redisUrl = redis.url;
      embedded.redis = true;
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  return {
    databaseUrl,
    redisUrl: redisUrl ?? "",
    embedded,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

export { LocalServiceError };
