import { Queue, type ConnectionOptions } from "bullmq";

import { JOB_NAMES, jobCatalog, type JobName } from "./catalog.ts";

/** BullMQ's key prefix for Duban's queues (tests use a per-file prefix). */
export const DEFAULT_QUEUE_PREFIX = "duban-bull";
/** The worker writes {at, pid, queues} here every 10 s with a 30 s TTL; /healthz reads it. */
export const WORKER_HEARTBEAT_KEY = "duban:worker:heartbeat";

export type JobQueues = Record<JobName, Queue>;

/** One queue per job, named after it, so Bull Board shows each job's history on its own. */
export function createQueue(
  name: JobName,
  connection: ConnectionOptions,
  prefix = DEFAULT_QUEUE_PREFIX,
): Queue {
  const def = jobCatalog[name];
  return new Queue(name, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: def.attempts,
      ...(def.backoffMs ? { backoff: { type: "exponential", delay: def.backoffMs } } : {}),
      removeOnComplete: { count: 200, age: 14 * 86_400 },
      removeOnFail: { count: 500 },
    },
  });
}

/** Every catalogued queue: the worker's producers, and what the api host hands to Bull Board. */
export function allQueues(connection: ConnectionOptions, prefix = DEFAULT_QUEUE_PREFIX): JobQueues {
  return Object.fromEntries(
    JOB_NAMES.map((name) => [name, createQueue(name, connection, prefix)]),
  ) as JobQueues;
}

export async function closeQueues(queues: JobQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
