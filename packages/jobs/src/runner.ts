import type { ConnectionOptions } from "bullmq";

import type { Db } from "@duban/db";
import { actorLabel, invalid, jobScopeFor, type Actor } from "@duban/domain";
import { createLogger, type Logger } from "@duban/logger";

import { JOB_NAMES, type JobName } from "./catalog.ts";
import type { JobContext } from "./context.ts";
import { queueDispatch } from "./dispatch.ts";
import { allQueues, closeQueues, DEFAULT_QUEUE_PREFIX, type JobQueues } from "./queues.ts";
import { prepareRun, runJob, type JobRunResult } from "./run-job.ts";

export type RunNowInput = { asOf?: string; dryRun: boolean; period?: string; planId?: string };

/**
 * What "run now" answers: the run itself (its figures, and a dry run's recipients), or, for a real
 * send-notifications run, the job queued for the worker. `queued` tells the two apart.
 */
export type RunNowResult =
  | (JobRunResult & { queued: false })
  | { queued: true; jobName: "send-notifications"; jobId: string | null };

export type RunNow = ((name: string, input: RunNowInput, actor: Actor) => Promise<RunNowResult>) & {
  close: () => Promise<void>;
};

const isJobName = (name: string): name is JobName =>
  (JOB_NAMES as readonly string[]).includes(name);

/**
 * "Run now" for a host without SMTP (the api, the CLI). The deciding jobs run inline here, with
 * the same runJob as the worker, so the answer (and a dry run's list of who would be emailed and
 * why) comes back at once; the emails they write are sent by the worker, woken through the queue.
 * A real send-notifications run is queued for the worker, which holds the SMTP settings.
 *
 * The run covers what the actor may act on (jobScopeFor): the system (the CLI, the operator)
 * every jurisdiction; an office its own and, for a city, the counties below; a plan named must lie
 * inside. Anyone else is refused before any work. `now` is the clock (tests move it).
 */
export function createJobRunner(options: {
  db: Db;
  connection: ConnectionOptions;
  prefix?: string;
  log?: Logger;
  baseUrl?: string;
  now?: () => Date;
}): RunNow {
  let queues: JobQueues | null = null;
  const getQueues = () =>
    (queues ??= allQueues(options.connection, options.prefix ?? DEFAULT_QUEUE_PREFIX));
  const log = options.log ?? createLogger("jobs-runner");
  const ctx: JobContext = {
    db: options.db,
    log,
    config: { baseUrl: options.baseUrl ?? "" },
    dispatch: (name, data) => queueDispatch(getQueues())(name, data),
    now: options.now,
  };
  const runNow = async (name: string, input: RunNowInput, actor: Actor): Promise<RunNowResult> => {
    if (!isJobName(name)) throw invalid(`未知的定时任务：${name}`, `unknown job: ${name}`, "name");
    const scope = await jobScopeFor({ db: options.db, actor }, { planId: input.planId });
    const data = {
      asOf: input.asOf,
      dryRun: input.dryRun,
      period: input.period,
      planId: input.planId,
      trigger: `manual:${actorLabel(actor)}`,
    };
    if (name === "send-notifications" && !input.dryRun) {
      await prepareRun(ctx, name, data, scope);
      const job = await getQueues()[name].add(name, data);
      return { queued: true, jobName: name, jobId: job.id ?? null };
    }
    const run = await runJob(ctx, name, data, { jurisdictionIds: scope.jurisdictionIds });
    return { ...run, queued: false };
  };
  return Object.assign(runNow, {
    close: async () => {
      if (queues) await closeQueues(queues);
    },
  });
}
