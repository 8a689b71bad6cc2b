import type { Db } from "@duban/db";
import { assertAnyOffice, lastJobRuns, type Actor } from "@duban/domain";

import { JOB_NAMES, jobCatalog, scheduleLabel } from "./catalog.ts";
import type { JobQueues } from "./queues.ts";
import { nextScheduledRuns } from "./schedulers.ts";

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms),
    ),
  ]);

/**
 * The jobs page: every catalogued job with its schedule, next run (from the scheduler in Redis)
 * and the last run the actor may see (lastJobRuns: a run that also covered other jurisdictions
 * shows only the actor's share). `queues` are the host's long-lived queues; without them next
 * runs are unknown. Offices (and the system) only: FORBIDDEN for anyone else.
 */
export async function jobOverview(
  { db, actor }: { db: Db; actor: Actor },
  { queues }: { queues: JobQueues | undefined },
) {
  assertAnyOffice(actor);
  const [next, last] = await Promise.all([
    queues
      ? within(nextScheduledRuns(queues), 3000).then(
          (n) => ({ ok: true as const, n }),
          (e: Error) => ({ ok: false as const, error: e.message }),
        )
      : Promise.resolve({
          ok: false as const,
          error: "此服务未连接任务队列 (no job queues in this host)",
        }),
    lastJobRuns({ db, actor }, { jobNames: JOB_NAMES }),
  ]);
  return JOB_NAMES.map((name) => ({
    name,
    description: jobCatalog[name].description,
    cron: scheduleLabel(name),
    nextRunAt: next.ok ? next.n[name] : null,
    schedulerError: next.ok ? null : next.error,
    lastRun: last.get(name) ?? null,
  }));
}
