import type { Queue } from "bullmq";
import type { Redis } from "ioredis";

import type { Db } from "@duban/db";
import { schedulerId, WORKER_HEARTBEAT_KEY, type JobName } from "@duban/jobs";

import { checkQueues, type QueueHealth } from "./queue-health.ts";
import type { SecretsHealth } from "./secret-key-start.ts";

export type HealthReport = {
  status: "ok" | "degraded";
  database: { ok: boolean; error?: string };
  redis: { ok: boolean; error?: string };
  worker: { ok: boolean; lastBeatAt?: string; error?: string };
  /** paused or stuck queues by name (queue-health.ts); `checked: 0` in a host without queues */
  queues: QueueHealth;
  /** DUBAN_SECRET_KEY against the stored robot secrets, as checked at start (secret-key-start.ts) */
  secrets?: SecretsHealth;
};

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms),
    ),
  ]);

/** Database, Redis, the worker's heartbeat and the queues; each check is bounded so /healthz always answers. */
export async function checkHealth(
  db: Db,
  redis: Redis,
  queues: Queue[] = [],
  secrets?: SecretsHealth,
): Promise<HealthReport> {
  const [database, redisCheck, queueCheck] = await Promise.all([
    withTimeout(db.$queryRaw`SELECT 1`, 2000).then(
      () => ({ ok: true }),
      (e: Error) => ({ ok: false, error: e.message }),
    ),
    withTimeout(redis.get(WORKER_HEARTBEAT_KEY), 2000).then(
      (beat) => ({ ok: true, beat }),
      (e: Error) => ({ ok: false, error: e.message, beat: null }),
    ),
    withTimeout(
      checkQueues(queues, { schedulerId: (name) => schedulerId(name as JobName) }),
      2000,
    ).catch((e: Error): QueueHealth => ({
      ok: false,
      checked: queues.length,
      problems: [],
      error: e.message,
    })),
  ]);
  let worker: HealthReport["worker"] = {
    ok: false,
    error: redisCheck.ok ? "no heartbeat in the last 30 s" : "redis unavailable",
  };
  if (redisCheck.beat) {
    const at = (JSON.parse(redisCheck.beat) as { at: string }).at;
    worker = { ok: Date.now() - new Date(at).getTime() < 30_000, lastBeatAt: at };
  }
  const redisOut = redisCheck.ok
    ? { ok: true }
    : { ok: false, error: (redisCheck as { error: string }).error };
  return {
    status:
      database.ok && redisOut.ok && worker.ok && queueCheck.ok && (secrets?.ok ?? true)
        ? "ok"
        : "degraded",
    database,
    redis: redisOut,
    worker,
    queues: queueCheck,
    ...(secrets ? { secrets } : {}),
  };
}
