import { JOB_NAMES, jobCatalog, SCHEDULE_TZ, schedulerId, type JobName } from "./catalog.ts";
import type { JobQueues } from "./queues.ts";

export type ScheduleOverrides = Partial<Record<JobName, { pattern: string } | { everyMs: number }>>;

/**
 * Registers every scheduled job with upsertJobScheduler under a stable id: calling it on each
 * start (or from two workers) leaves exactly one scheduler per job, updated in place.
 */
export async function registerSchedulers(
  queues: JobQueues,
  overrides: ScheduleOverrides = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of JOB_NAMES) {
    const schedule = overrides[name] ?? jobCatalog[name].schedule;
    if (!schedule) continue;
    const repeat =
      "pattern" in schedule
        ? { pattern: schedule.pattern, tz: SCHEDULE_TZ }
        : { every: schedule.everyMs };
    await queues[name].upsertJobScheduler(schedulerId(name), repeat, {
      name,
      data: { trigger: "schedule", dryRun: false },
    });
    ids.push(schedulerId(name));
  }
  return ids;
}

/** Each job's next scheduled run as the scheduler in Redis sees it (null: not scheduled). */
export async function nextScheduledRuns(queues: JobQueues): Promise<Record<JobName, Date | null>> {
  const entries = await Promise.all(
    JOB_NAMES.map(async (name) => {
      const s = await queues[name].getJobScheduler(schedulerId(name));
      return [name, s?.next ? new Date(s.next) : null] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<JobName, Date | null>;
}
