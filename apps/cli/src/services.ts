import { existsSync, readFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import {
  isProcessAlive,
  LocalServiceError,
  startEmbeddedPostgres,
  startRedisServer,
} from "@duban/local-services";

import { dataDir, runtimeFile } from "./paths.ts";

export type Services = {
  databaseUrl: string;
  redisUrl: string;
  embedded: { postgres: boolean; redis: boolean };
  /** pids of the embedded servers this command started */
  pids: { postgres?: number; redis?: number };
  stop: () => Promise<void>;
};

/**
 * What a running `pnpm start` publishes in <data>/runtime.json (mode 0600): its own pid, the
 * services' URLs, and the pids and restart counts of what it supervises, for operators and tests.
 */
export type Runtime = {
  pid: number;
  databaseUrl: string;
  redisUrl: string;
  pids?: Partial<Record<"api" | "worker" | "mail" | "postgres" | "redis", number>>;
  restarts?: Partial<Record<"api" | "worker" | "mail", number>>;
};

const DATABASE = "duban";

/** The services of a running `pnpm start`, if one is running. */
export function runningServices(): Runtime | null {
  if (!existsSync(runtimeFile())) return null;
  try {
    const runtime = JSON.parse(readFileSync(runtimeFile(), "utf8")) as Runtime;
    return isProcessAlive(runtime.pid) ? runtime : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a reader never sees half of it. */
export async function writeRuntime(runtime: Runtime) {
  const temp = `${runtimeFile()}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(runtime, null, 2), { mode: 0o600 });
  await rename(temp, runtimeFile());
}
export async function clearRuntime() {
  await rm(runtimeFile(), { force: true });
}

/**
 * PostgreSQL and Redis for a command: DATABASE_URL / REDIS_URL when set; else those of a running
 * `pnpm start`; else private ones on free ports with their data under .data/ (kept across runs).
 * `needRedis: false` skips Redis for commands that only touch the database. `ownProcessGroup`
 * keeps a terminal's Ctrl-C from reaching the embedded servers (the caller stops them in order).
 * stop() stops PostgreSQL, then Redis.
 */
export async function acquireServices(
  options: { needRedis?: boolean; log?: (line: string) => void; ownProcessGroup?: boolean } = {},
): Promise<Services> {
  const needRedis = options.needRedis ?? true;
  const running = runningServices();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops) await stop().catch(() => undefined);
  };
  let databaseUrl = process.env.DATABASE_URL ?? running?.databaseUrl;
  let redisUrl = process.env.REDIS_URL ?? running?.redisUrl;
  const embedded = { postgres: false, redis: false };
  const pids: Services["pids"] = {};
  try {
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(path.join(dataDir(), "pg"), options.log, {
        ownProcessGroup: options.ownProcessGroup,
      });
      stops.push(pg.stop);
      databaseUrl = pg.url(DATABASE);
      embedded.postgres = true;
      pids.postgres = pg.pid;
    }
    if (!redisUrl && needRedis) {
      const redis = await startRedisServer(path.join(dataDir(), "redis"), {
        ownProcessGroup: options.ownProcessGroup,
      });
      stops.push(redis.stop);
      redisUrl = redis.url;
      embedded.redis = true;
      pids.redis = redis.pid;
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { databaseUrl, redisUrl: redisUrl ?? "", embedded, pids, stop: stopAll };
}

export { LocalServiceError };
