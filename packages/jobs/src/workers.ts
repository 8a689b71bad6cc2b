import { Worker, type ConnectionOptions } from "bullmq";

import type { Db } from "@duban/db";
import type { Logger } from "@duban/logger";
import type { Mailer } from "@duban/mail";

import { JOB_NAMES, type JobName } from "./catalog.ts";
import type { JobContext, JobsConfig } from "./context.ts";
import { queueDispatch } from "./dispatch.ts";
import { allQueues, closeQueues, DEFAULT_QUEUE_PREFIX, type JobQueues } from "./queues.ts";
import { runJob } from "./run-job.ts";

export type StartWorkersOptions = {
  db: Db;
  connection: ConnectionOptions;
  prefix?: string;
  log: Logger;
  config: JobsConfig;
  mailer: Mailer;
  /** which queues this process works (default: all) */
  only?: readonly JobName[];
};

export type RunningWorkers = {
  queues: JobQueues;
  workers: Worker[];
  ctx: JobContext;
  close: () => Promise<void>;
};

/**
 * A BullMQ worker per catalogued queue, one job at a time each: the daily jobs are single passes
 * over the database and the sender parallelises inside. `close()` stops taking jobs, waits for the
 * running ones to finish, then closes the connections.
 */
export function startWorkers(options: StartWorkersOptions): RunningWorkers {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = allQueues(options.connection, prefix);
  const ctx: JobContext = {
    db: options.db,
    log: options.log,
    config: options.config,
    mailer: options.mailer,
    dispatch: queueDispatch(queues),
  };
  const names = options.only ?? JOB_NAMES;
  const workers = names.map((name) => {
    const worker = new Worker(
      name,
      async (job) => {
        const data = { trigger: job.repeatJobKey ? "schedule" : "queue", ...(job.data as object) };
        const result = await runJob(ctx, name, data);
        // kept in Redis with the job, so only the figures
        return { runId: result.runId, summary: result.summary };
      },
      { connection: options.connection, prefix, concurrency: 1 },
    );
    worker.on("failed", (job, err) =>
      options.log.error(
        { queue: name, jobId: job?.id, attemptsMade: job?.attemptsMade, err },
        "job failed",
      ),
    );
    worker.on("error", (err) =>
      options.log.warn({ queue: name, err: err.message }, "worker error"),
    );
    return worker;
  });
  return {
    queues,
    workers,
    ctx,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues(queues);
    },
  };
}
