import {
  collectQuarterlySummaries,
  defaultEvaluationDate,
  evaluationData,
  periodEnd,
  periodOfDay,
  previousPeriod,
  recordEvaluation,
  shanghaiDay,
  summaryReadyPlanIds,
  systemActor,
  type EvaluationKind,
  type JobScope,
  type MonitoringOutcome,
} from "@duban/domain";

import type { ParsedJobPayload } from "../catalog.ts";
import type { JobContext, JobResult } from "../context.ts";
import { deliver } from "./deliver.ts";

/**
 * The summaries of `period` (default: the quarter before asOf) for the plans in the scope (one
 * plan when it names one). A real run sends, and records evaluations, only for plans whose cycle
 * for the period is closed (summaryReadyPlanIds); the others are listed as skipped. A dry run
 * previews them all.
 */
export async function quarterlySummary(
  ctx: JobContext,
  data: ParsedJobPayload<"quarterly-summary">,
  asOf: Date,
  scope: JobScope,
): Promise<JobResult> {
  const period = data.period ?? previousPeriod(periodOfDay(shanghaiDay(asOf)));
  const ready = await summaryReadyPlanIds(ctx, { scope, period });
  const planIds = scope.planId ? [scope.planId] : ready;
  const skipped = data.dryRun ? [] : planIds.filter((id) => !ready.includes(id));
  const merged: MonitoringOutcome & {
    byJurisdiction: NonNullable<MonitoringOutcome["byJurisdiction"]>;
  } = { summary: { period, plans: [] as unknown[] }, emails: [], byJurisdiction: {} };
  const evaluations: Array<{ planId: string; kind: EvaluationKind; asOf: string }> = [];
  for (const planId of planIds) {
    if (skipped.includes(planId)) continue;
    const outcome = await collectQuarterlySummaries(ctx, { planId, period, asOf });
    (merged.summary.plans as unknown[]).push(outcome.summary);
    merged.emails.push(...outcome.emails);
    Object.assign(merged.byJurisdiction, outcome.byJurisdiction);
    const kind = await evaluationDue(ctx, planId, period);
    if (kind) {
      evaluations.push({ planId, kind, asOf: periodEnd(period) });
      if (!data.dryRun) {
        const system = { db: ctx.db, actor: systemActor("quarterly-summary") };
        await recordEvaluation(
          system,
          await evaluationData(system, { planId, kind, asOf: periodEnd(period) }),
        );
      }
    }
  }
  merged.summary.evaluations = evaluations;
  if (skipped.length)
    merged.summary.skipped = skipped.map((planId) => ({
      planId,
      reason: `${period} 的填报周期尚未关闭，通报只在关闭后发送 (the ${period} cycle is not closed yet; its summary goes out after the close)`,
    }));
  return deliver(ctx, "quarterly-summary", merged, data.dryRun);
}

/** The mid-term evaluation is due with the quarter holding its date, the final one with the last quarter. */
async function evaluationDue(
  ctx: JobContext,
  planId: string,
  period: string,
): Promise<EvaluationKind | null> {
  const plan = await ctx.db.plan.findUnique({
    where: { id: planId },
    select: { periodStart: true, periodEnd: true },
  });
  if (!plan) return null;
  for (const kind of ["MIDTERM", "FINAL"] as const) {
    if (periodOfDay(defaultEvaluationDate(kind, plan)) === period) return kind;
  }
  return null;
}
