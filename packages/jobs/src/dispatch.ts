import type { JobName, JobPayload } from "./catalog.ts";
import type { JobQueues } from "./queues.ts";

/**
 * Follow-up jobs through the queues. Sender kicks collapse into one waiting job (deduplication);
 * a plan's quarterly summary is queued once per plan and period (its job id).
 */
export function queueDispatch(queues: JobQueues) {
  return async <N extends JobName>(name: N, data: JobPayload<N>): Promise<void> => {
    if (name === "send-notifications") {
      await queues[name].add(name, data, { deduplication: { id: "send-notifications-kick" } });
      return;
    }
    const d = data as JobPayload<"quarterly-summary">;
    if (name === "quarterly-summary" && d.planId && d.period) {
      await queues[name].add(name, data, { jobId: `quarterly-summary_${d.planId}_${d.period}` });
      return;
    }
    await queues[name].add(name, data);
  };
}
