import { systemActor } from "../actor.ts";
import { shanghaiDay } from "../calendar.ts";
import { buildCascadeSummary } from "../cascade/cascade-summary.ts";
import { notFound } from "../errors.ts";
import {
  indicatorStatusLabels,
  periodLabel,
  scheduleLabels,
  trafficLightLabels,
} from "../i18n/labels.ts";
import { indicatorStatusOn } from "../indicators/indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "../indicators/target-sets.ts";
import { cycleCompleteness } from "../ledger/cycles.ts";
import { jurisdictionRecipients } from "../notifications/recipients.ts";
import { completionByDepartment } from "../overview/completion.ts";
import { periodEnd } from "../periods.ts";
import { percentOf } from "../progress.ts";
import { activePlanWhere, type JobScope } from "./job-scope.ts";
import { planned, type MonitoringContext, type MonitoringOutcome } from "./types.ts";

/** Lagging/overdue tasks listed in the email and workbook; the totals count them all. */
export const SUMMARY_PROBLEM_LIMIT = 500;

/**
 * The quarter's picture for one plan, as plain JSON (it travels in the outbox payload, so every
 * recipient gets the same snapshot): completion per department, lagging and overdue tasks, ledger
 * completeness of the quarter's cycle, indicators against their expected value
 * (indicatorStatusOn: the year's 年度目标 where set, the trajectory otherwise), and the cascade
 * (issue #19: buildCascadeSummary): the per-county table of what this plan assigned below, and
 * 上级下达事项, what the plan's jurisdiction owes the office above. Its recipients are the plan's
 * office and leaders, who read all of it (the one visibility rule), so it is built for them alone.
 */
export async function buildQuarterlySummary(
  { db }: MonitoringContext,
  input: { planId: string; period: string; asOf: Date },
) {
  const plan = await db.plan.findUnique({
    where: { id: input.planId },
    select: {
      id: true,
      title: true,
      jurisdictionId: true,
      jurisdiction: { select: { name: true } },
    },
  });
  if (!plan) throw notFound("规划", "plan");
  const end = periodEnd(input.period);
  const today = shanghaiDay(input.asOf);
  const asOfDay = today < end ? today : end;
  const completion = await completionByDepartment(
    { db, actor: systemActor("quarterly-summary") },
    { planId: plan.id, asOf: asOfDay, problemLimit: 500 },
  );
  const cycle = await db.reportingCycle.findUnique({
    where: { planId_period: { planId: plan.id, period: input.period } },
    include: {
      stats: {
        include: { department: { select: { name: true } } },
        orderBy: [{ department: { name: "asc" } }, { departmentId: "asc" }],
      },
    },
  });
  // the cycle's own record when it closed; while still open, its completeness so far
  const stats = cycle
    ? cycle.stats.length
      ? cycle.stats.map((s) => ({
          departmentId: s.departmentId,
          expected: s.expected,
          submitted: s.submitted,
          onTime: s.onTime,
          late: s.late,
        }))
      : await cycleCompleteness(db, cycle)
    : [];
  const names = new Map(completion.departments.map((d) => [d.departmentId, d.name]));
  const missingNames = stats.filter((s) => !names.has(s.departmentId)).map((s) => s.departmentId);
  if (missingNames.length)
    for (const d of await db.department.findMany({
      where: { id: { in: missingNames } },
      select: { id: true, name: true },
    }))
      names.set(d.id, d.name);
  const indicators = await db.indicator.findMany({
    where: { planId: plan.id },
    orderBy: { number: "asc" },
    include: {
      observations: {
        where: { period: input.period, districtId: null, supersededAt: null },
        take: 1,
      },
    },
  });
  const targets = await loadAnnualTargets(
    db,
    indicators.map((i) => i.id),
  );
  const cascade = await buildCascadeSummary(db, {
    planId: plan.id,
    period: input.period,
    asOf: asOfDay,
  });
  return {
    planId: plan.id,
    planTitle: plan.title,
    jurisdictionId: plan.jurisdictionId,
    jurisdictionName: plan.jurisdiction.name,
    period: input.period,
    periodLabel: periodLabel(input.period),
    asOf: asOfDay,
    totals: completion.totals,
    /** the jurisdiction's traffic-light bands the counts were taken with (issue #17 step 8) */
    bands: completion.bands,
    departments: completion.departments.map((d) => ({
      name: d.name,
      total: d.total,
      completed: d.completed,
      onSchedule: d.onSchedule,
      lagging: d.lagging,
      overdue: d.overdue,
      red: d.red,
      yellow: d.yellow,
      dueSoon: d.dueSoon,
      completionRate: d.completionRate,
      reportedProgress: d.reportedProgress,
      expectedProgress: d.expectedProgress,
    })),
    problemCount: completion.problems.length,
    problems: completion.problems.slice(0, SUMMARY_PROBLEM_LIMIT).map((p) => ({
      title: p.title,
      departmentName: names.get(p.departmentId) ?? "",
      schedule: scheduleLabels[p.schedule].zh,
      light: trafficLightLabels[p.light].zh,
      progress: p.progress,
      expectedProgress: p.expectedProgress,
      dueDate: p.dueDate,
    })),
    ledger: stats
      .map((s) => ({
        departmentName: names.get(s.departmentId) ?? "",
        expected: s.expected,
        submitted: s.submitted,
        onTime: s.onTime,
        late: s.late,
        completeness: percentOf(s.submitted, s.expected),
        timeliness: percentOf(s.onTime, s.expected),
      }))
      .sort((a, b) => a.completeness - b.completeness),
    indicators: indicators.map((i) => {
      const actual = i.observations[0]?.value ?? null;
      const { expected, status } = indicatorStatusOn(i, targetsFor(targets.get(i.id)), end, actual);
      return {
        number: i.number,
        name: i.name,
        unit: i.unit ?? "",
        baseline: i.baselineValue,
        target: i.targetValue,
        targetYear: i.targetYear,
        // rounded as the email and workbook print it
        expected: expected === null ? null : Math.round(expected * 1000) / 1000,
        actual,
        standing: indicatorStatusLabels[status].zh,
      };
    }),
    cascade,
  };
}

export type QuarterlySummary = Awaited<ReturnType<typeof buildQuarterlySummary>>;

/** The summary email to the office and the leaders of the plan's jurisdiction; one per plan, period and person. */
export async function collectQuarterlySummaries(
  ctx: MonitoringContext,
  input: { planId: string; period: string; asOf: Date },
): Promise<MonitoringOutcome> {
  const { db } = ctx;
  const summary = await buildQuarterlySummary(ctx, input);
  const people =
    (
      await jurisdictionRecipients(
        db,
        [summary.jurisdictionId],
        ["OFFICE", "LEADER"],
        "quarterly-summary",
      )
    ).get(summary.jurisdictionId) ?? [];
  const emails = people.map((r) =>
    planned(
      r,
      {
        kind: "quarterly-summary",
        jurisdictionId: summary.jurisdictionId,
        dedupeKey: `quarterly-summary:${summary.planId}:${summary.period}:${r.email}`,
        subject: `【督办通报】${summary.planTitle} ${summary.periodLabel}实施情况`,
        payload: summary,
      },
      `${summary.jurisdictionName} 办公室/领导：${summary.periodLabel}季度通报`,
    ),
  );
  return {
    summary: {
      planId: summary.planId,
      period: summary.period,
      tasks: summary.totals.total,
      problems: summary.problemCount,
      recipients: emails.length,
    },
    emails,
    byJurisdiction: { [summary.jurisdictionId]: { summaries: 1 } },
  };
}

/**
 * The plans in `scope` whose summary for `period` may be sent: those whose cycle for the period
 * is closed. The summary's key is one per plan, period and person, so it must only ever carry the
 * final figures: a summary written while the window is still open (a run by hand mid-quarter)
 * would use up the key, and the real one after the close would never go out. Dry runs may preview
 * any plan.
 */
export async function summaryReadyPlanIds(
  { db }: MonitoringContext,
  { scope, period }: { scope: JobScope; period: string },
): Promise<string[]> {
  const cycles = await db.reportingCycle.findMany({
    where: { period, state: "CLOSED", plan: activePlanWhere(scope) },
    select: { planId: true },
    orderBy: { planId: "asc" },
  });
  return cycles.map((c) => c.planId);
}
