import { runQuarterlyCycle, type JobScope } from "@duban/domain";

import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";
import { deliver } from "./deliver.ts";

/** Opens, reminds, closes inside the scope; each cycle it closed gets its quarterly summary as a follow-up job (for that plan). */
export async function quarterlyCycle(
  ctx: JobContext,
  data: ParsedJobPayload<"quarterly-cycle">,
  asOf: Date,
  scope: JobScope,
): Promise<JobResult> {
  const outcome = await runQuarterlyCycle(ctx, {
    asOf,
    reminderDays: data.reminderDays ?? ctx.config.reminderDays,
    dryRun: data.dryRun,
    scope,
  });
  const result = await deliver(ctx, "quarterly-cycle", outcome, data.dryRun);
  if (!data.dryRun) {
    for (const c of outcome.closed)
      await ctx.dispatch("quarterly-summary", {
        planId: c.planId,
        period: c.period,
        asOf: asOf.toISOString(),
        trigger: "after:quarterly-cycle",
      });
  }
  return result;
}
