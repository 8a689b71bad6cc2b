import { defaultEvaluationDate, evaluationData, periodEnd, periodOfDay, planQuarterlySummary, previousPeriod, recordEvaluation, shanghaiDay, systemActor, type EvaluationKind, type MonitoringOutcome } from "@duban/domain";
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
  const evaluations: Array<{ planId: string; kind: EvaluationKind; asOf: string }> = [];
  for (const planId of planIds) {
    const outcome = await planQuarterlySummary(ctx.db, { planId, period, asOf });
    (merged.summary.plans as unknown[]).push(outcome.summary);
    merged.emails.push(...outcome.emails);
    const kind = await evaluationDue(ctx, planId, period);
    if (kind) {
      evaluations.push({ planId, kind, asOf: periodEnd(period) });
      if (!data.dryRun) {
        const actor = systemActor("quarterly-summary");
        await recordEvaluation(ctx.db, actor, await evaluationData(ctx.db, actor, { planId, kind, asOf: periodEnd(period) }));
      }
    }
  }
  merged.summary.evaluations = evaluations;
  return deliver(ctx, "quarterly-summary", merged, data.dryRun);
}

/** The mid-term evaluation is due with the quarter holding its date, the final one with the last quarter. */
async function evaluationDue(ctx: JobContext, planId: string, period: string): Promise<EvaluationKind | null> {
  const plan = await ctx.db.plan.findUnique({ where: { id: planId }, select: { periodStart: true, periodEnd: true } });
  if (!plan) return null;
  for (const kind of ["MIDTERM", "FINAL"] as const) {
    if (periodOfDay(defaultEvaluationDate(kind, plan)) === period) return kind;
  }
  return null;
}
