import { chmod, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { startEmbeddedPostgres, startRedisServer } from "@duban/local-services";

export type TestServices = {
  postgresUrl: (database: string) => string;
  redisUrl: string;
  stop: () => Promise<void>;
};

/**
 * Real PostgreSQL and Redis for a test run: the servers named by DATABASE_URL / REDIS_URL when
 * set (CI and developer machines run them), otherwise private ones started on free ports.
 */
export async function startTestServices(): Promise<TestServices> {
  const stops: Array<() => Promise<void>> = [];
  let postgresUrl: (database: string) => string;
  const envDb = process.env.DATABASE_URL;
  if (envDb) {
    postgresUrl = (database) => {
      const url = new URL(envDb);
      url.pathname = `/${database}`;
      return url.toString();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "duban-test-pg-"));
    // as root the server runs as the postgres user, which must be able to enter mkdtemp's 0700 folder
    await chmod(dir, 0o755);
    const pg = await startEmbeddedPostgres(path.join(dir, "data"));
    postgresUrl = pg.url;
    stops.push(pg.stop);
  }
  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await startRedisServer(await mkdtemp(path.join(tmpdir(), "duban-test-redis-")), {
      persistent: false,
    });
    redisUrl = redis.url;
    stops.push(redis.stop);
  }
  return {
    postgresUrl,
    redisUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
