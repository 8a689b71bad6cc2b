import { planQuarterlySummary, previousPeriod, periodOfDay, shanghaiDay, type MonitoringOutcome } from "@duban/domain";
import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";
import { deliver } from "./deliver.ts";

/**
 * One plan and period when both are given; otherwise every active plan whose cycle for the period
 * (default: the quarter before asOf) is closed.
 */
export async function quarterlySummary(ctx: JobContext, data: ParsedJobPayload<"quarterly-summary">, asOf: Date): Promise<JobResult> {
  const period = data.period ?? previousPeriod(periodOfDay(shanghaiDay(asOf)));
  const planIds = data.planId
    ? [data.planId]
    : (await ctx.db.reportingCycle.findMany({ where: { period, state: "CLOSED", plan: { status: "ACTIVE" } }, select: { planId: true } })).map((c) => c.planId);
  const merged: MonitoringOutcome = { summary: { period, plans: [] as unknown[] }, emails: [] };
  for (const planId of planIds) {
    const outcome = await planQuarterlySummary(ctx.db, { planId, period, asOf });
    (merged.summary.plans as unknown[]).push(outcome.summary);
    merged.emails.push(...outcome.emails);
  }
  return deliver(ctx, "quarterly-summary", merged, data.dryRun);
}
