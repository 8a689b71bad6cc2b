import { collectOverdueAlerts, type JobScope } from "@duban/domain";

import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";
import { deliver } from "./deliver.ts";

export async function overdueScan(
  ctx: JobContext,
  data: ParsedJobPayload<"overdue-scan">,
  asOf: Date,
  scope: JobScope,
): Promise<JobResult> {
  const escalationDays = data.escalationDays ?? ctx.config.escalationDays;
  return deliver(
    ctx,
    "overdue-scan",
    await collectOverdueAlerts(ctx, { asOf, escalationDays, scope }),
    data.dryRun,
  );
}
