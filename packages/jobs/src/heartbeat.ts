import type { Redis } from "ioredis";

import { WORKER_HEARTBEAT_KEY } from "./queues.ts";

export const HEARTBEAT_EVERY_MS = 10_000;
export const HEARTBEAT_TTL_S = 30;

/** Writes the heartbeat now and every 10 s; the key expires 30 s after the last beat, so a dead worker shows. */
export function startHeartbeat(
  redis: Redis,
  queues: string[],
  onError: (e: unknown) => void,
): { stop: () => Promise<void> } {
  const beat = () =>
    redis
      .set(
        WORKER_HEARTBEAT_KEY,
        JSON.stringify({ at: new Date().toISOString(), pid: process.pid, queues }),
        "EX",
        HEARTBEAT_TTL_S,
      )
      .then(() => undefined, onError);
  void beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
  return {
    // the key is left to expire: with several workers, one stopping must not hide the others
    stop: async () => clearInterval(timer),
  };
}
