import type { Queue } from "bullmq";

/** A job waiting this long with nothing active, or a scheduler this late, means the queue is not being worked. */
export const QUEUE_STUCK_AFTER_MS = 10 * 60_000;

export type QueueProblem = {
  queue: string;
  problem: "paused" | "stuck" | "scheduler-overdue";
  detail: string;
};
export type QueueHealth = {
  ok: boolean;
  checked: number;
  problems: QueueProblem[];
  error?: string;
};

const minutes = (ms: number) => Math.round(ms / 60_000);

/**
 * Whether every queue is being worked: not paused (Bull Board's pause stops email for everyone
 * while the worker's heartbeat still beats), no job waiting longer than `stuckAfterMs` with none
 * active, and no scheduler whose next run is that far overdue with none active (its delayed job
 * was never taken). Each queue costs four small Redis reads.
 */
export async function checkQueues(
  queues: Queue[],
  options: { now?: number; stuckAfterMs?: number; schedulerId?: (queue: string) => string } = {},
): Promise<QueueHealth> {
  const now = options.now ?? Date.now();
  const limit = options.stuckAfterMs ?? QUEUE_STUCK_AFTER_MS;
  const perQueue = await Promise.all(
    queues.map(async (q): Promise<QueueProblem[]> => {
      const [paused, active, [oldest], scheduler] = await Promise.all([
        q.isPaused(),
        q.getActiveCount(),
        q.getJobs(["wait"], 0, 0, true),
        options.schedulerId
          ? q.getJobScheduler(options.schedulerId(q.name))
          : Promise.resolve(undefined),
      ]);
      const problems: QueueProblem[] = [];
      if (paused)
        problems.push({
          queue: q.name,
          problem: "paused",
          detail: `队列 ${q.name} 已暂停，任务不会执行 (queue ${q.name} is paused)`,
        });
      if (!paused && oldest && active === 0 && now - oldest.timestamp > limit) {
        problems.push({
          queue: q.name,
          problem: "stuck",
          detail: `队列 ${q.name} 有任务等待超过 ${minutes(now - oldest.timestamp)} 分钟且无任务在执行 (a job has waited ${minutes(now - oldest.timestamp)} min with none active)`,
        });
      }
      // a long job in hand holds the next occurrence back: that is work, not a stuck queue
      if (!paused && scheduler?.next && active === 0 && now - scheduler.next > limit) {
        problems.push({
          queue: q.name,
          problem: "scheduler-overdue",
          detail: `队列 ${q.name} 的定时任务已逾期 ${minutes(now - scheduler.next)} 分钟未执行 (its scheduled run is ${minutes(now - scheduler.next)} min overdue)`,
        });
      }
      return problems;
    }),
  );
  const problems = perQueue.flat();
  return { ok: problems.length === 0, checked: queues.length, problems };
}
