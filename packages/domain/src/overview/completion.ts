import { Prisma, type Db } from "@duban/db";

import { yearScope, yearSummary } from "../annual/year-scope.ts";
import { shanghaiDay, shanghaiMidnight, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { periodEnd, periodStart } from "../periods.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { percentOf, type LightBands } from "../progress.ts";
import { planUnitRollups } from "../rollups/plan-unit-rollups.ts";
import { supervisionRulesOfPlan } from "../supervision/settings.ts";
import { visibleUnits } from "../visibility.ts";
import { emptyYearRow, yearCompletionByUnit, type YearUnitCompletion } from "./year-completion.ts";

/** One collator for every comparison: localeCompare(…, "zh-CN") looks the locale up on each call. */
const zhCollator = new Intl.Collator("zh-CN");

export type DepartmentCompletion = {
  departmentId: string;
  name: string;
  total: number;
  completed: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  cancelled: number;
  /** open tasks by traffic light with the jurisdiction's bands, and those due soon (临期) */
  red: number;
  yellow: number;
  green: number;
  dueSoon: number;
  completionRate: number;
  reportedProgress: number;
  expectedProgress: number;
  ledger: {
    expected: number;
    submitted: number;
    onTime: number;
    late: number;
    completeness: number;
    timeliness: number;
  } | null;
  /** the unit's completion of the chosen year's items; null without a year filter */
  year: YearUnitCompletion | null;
};

/**
 * 序时进度 (`ep`, 0–100), the schedule state, the traffic light and 临期 of every task of a plan on
 * day `asOf` with the jurisdiction's `bands`, from the SQL functions duban_expected_progress,
 * duban_schedule_state, duban_traffic_light and duban_is_due_soon (migrations
 * 20261130193000_schedule_state_functions and 20261201013000_traffic_lights; twins of
 * expectedProgress(), scheduleState(), trafficLight() and isDueSoon() in progress.ts), so the
 * aggregates are taken in the database instead of over every task in Node.
 */
function scheduledTasks(
  planId: string,
  asOf: IsoDate,
  leadIn: string[] | null,
  bands: LightBands,
  inYear: Prisma.Sql | null,
) {
  const day = Prisma.sql`${asOf}::date`;
  const yellow = Prisma.sql`${bands.yellowLagPoints}::int`;
  return Prisma.sql`
    SELECT t.id, t.title, t."leadDepartmentId", t.status, t.progress, t."dueDate",
           duban_expected_progress(t."startDate", t."dueDate", ${day}) AS ep,
           duban_schedule_state(t.status, t.progress, t."startDate", t."dueDate", ${day}, ${yellow}) AS state,
           duban_traffic_light(t.status, t.progress, t."startDate", t."dueDate", ${day}, ${yellow}, ${bands.redLagPoints}::int, ${bands.dueSoonDays}::int) AS light,
           duban_is_due_soon(t.status, t."dueDate", ${day}, ${bands.dueSoonDays}::int) AS "dueSoon"
      FROM "Task" t
     WHERE t."planId" = ${planId}::uuid ${leadIn ? Prisma.sql`AND t."leadDepartmentId" = ANY(${leadIn}::uuid[])` : Prisma.empty}
       ${inYear ? Prisma.sql`AND ${inYear}` : Prisma.empty}`;
}

type UnitRow = {
  departmentId: string;
  name: string | null;
  total: number;
  completed: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  cancelled: number;
  red: number;
  yellow: number;
  green: number;
  dueSoon: number;
  active: number;
  progressSum: number;
  expectedSum: number;
};
type ProblemRow = {
  taskId: string;
  title: string;
  departmentId: string;
  schedule: "LAGGING" | "OVERDUE";
  light: "RED" | "YELLOW";
  progress: number;
  expectedProgress: number;
  dueDate: IsoDate;
};
type LedgerRow = {
  departmentId: string;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
};

/**
 * The unit rows of `planId` for today from the maintained PlanUnitRollup (planUnitRollups: stale
 * plans recounted first), in the shape the live count gives: units leading at least one task,
 * cut to `leadIn` when given, named when the unit belongs to the plan's jurisdiction. Equal to the
 * live count by construction (duban_plan_unit_rollup_rows is the same SQL with the same bands;
 * overview-rollup.test.ts checks it on a world with every state).
 */
async function rollupUnits(
  db: Db,
  planId: string,
  jurisdictionId: string,
  leadIn: string[] | null,
): Promise<UnitRow[]> {
  const only = leadIn ? new Set(leadIn) : null;
  const rows = (await planUnitRollups(db, [planId])).filter(
    (r) => r.total > 0 && (!only || only.has(r.departmentId)),
  );
  if (!rows.length) return [];
  const names = new Map(
    (
      await db.department.findMany({
        where: { id: { in: rows.map((r) => r.departmentId) }, jurisdictionId },
        select: { id: true, name: true },
      })
    ).map((d) => [d.id, d.name]),
  );
  return rows.map(({ planId: _p, sumProgress, sumExpected, ...r }) => ({
    ...r,
    name: names.get(r.departmentId) ?? null,
    active: r.total - r.cancelled,
    progressSum: sumProgress,
    expectedSum: sumExpected,
  }));
}

/**
 * Per unit of the cycle: reports expected (reportable tasks × lead and supporting units),
 * submitted (a current entry) and on time (judged on the first revision), as cycleCompleteness
 * counts them, aggregated in SQL.
 */
function ledgerStats(
  db: Db,
  planId: string,
  cycle: { id: string; period: string },
  leadIn: string[] | null,
  inYear: Prisma.Sql | null,
) {
  const lastDay = periodEnd(cycle.period);
  const firstInstant = shanghaiMidnight(periodStart(cycle.period))
    .toISOString()
    .replace("T", " ")
    .replace("Z", "");
  const reportable = Prisma.sql`t."planId" = ${planId}::uuid AND t.status <> 'CANCELLED' AND t."startDate" <= ${lastDay}::date
    AND (t."completedAt" IS NULL OR t."completedAt" >= ${firstInstant}::timestamp)
    ${inYear ? Prisma.sql`AND ${inYear}` : Prisma.empty}`;
  return db.$queryRaw<LedgerRow[]>`
    WITH u AS (
      SELECT t.id, t."leadDepartmentId" AS d FROM "Task" t WHERE ${reportable}
      UNION ALL
      SELECT t.id, s."departmentId" FROM "Task" t JOIN "TaskSupport" s ON s."taskId" = t.id WHERE ${reportable}
    ), e AS (
      -- the cycle's entries, once: a current revision means submitted; the first revision says if late
      SELECT e."taskId", e."departmentId", bool_or(e."isCurrent") AS submitted, bool_or(e.late) FILTER (WHERE e.revision = 1) AS late
        FROM "LedgerEntry" e WHERE e."cycleId" = ${cycle.id}::uuid GROUP BY 1, 2
    )
    SELECT u.d::text AS "departmentId", count(*)::int AS expected, count(*) FILTER (WHERE e.submitted)::int AS submitted,
           count(*) FILTER (WHERE e.submitted AND e.late IS NOT TRUE)::int AS "onTime", count(*) FILTER (WHERE e.submitted AND e.late)::int AS late
      FROM u LEFT JOIN e ON e."taskId" = u.id AND e."departmentId" = u.d
     ${leadIn ? Prisma.sql`WHERE u.d = ANY(${leadIn}::uuid[])` : Prisma.empty}
     GROUP BY u.d`;
}

/**
 * Completion per lead department: tasks in total, completed, on schedule, lagging, overdue, and
 * open tasks by traffic light (红/黄/绿) and 临期, all with the jurisdiction's bands
 * (supervisionRulesOf; issue #17 step 8); average reported progress beside 序时进度; ledger completeness and timeliness for the current
 * cycle (the open one, else the latest). Department staff get their own units only.
 * Counting happens in PostgreSQL: a plan's thousands of tasks never travel to Node. For today
 * without a year filter the unit rows and the problem count are read from the maintained
 * PlanUnitRollup (issue #19 "Performance"), the same numbers the live count gives; the problem
 * list (the first `problemLimit` by due date) and the ledger figures are read live. `how.live`
 * counts the tasks even then (the test that holds the two paths equal).
 *
 * With `year` (the year filter, issue #18; annual/year-scope.ts): the ranking, totals, problem
 * tasks and ledger figures count only the year's tasks (the year plan's items, else the tasks
 * whose span meets the year), the cycle is the year's latest, and each unit row carries `year`:
 * its completion of the year's items (yearCompletionByUnit, annualItemOutcome on today or the
 * year's last day) next to the five-year figures. Without a year the answer is as before, with
 * `year: null`.
 */
export async function completionByDepartment(
  { db, actor, now }: DomainContext,
  input: { planId: string; asOf?: IsoDate; problemLimit?: number; year?: number },
  how: { live?: boolean } = {},
) {
  const { planId, asOf = shanghaiDay(now ?? new Date()) } = input;
  const options = { problemLimit: input.problemLimit };
  // the overview lists the most urgent problems; the full list is the task page's LAGGING/OVERDUE filter
  const problemLimit = options.problemLimit ?? 100;
  const [{ plan, visibility }, rules] = await Promise.all([
    loadPlanForActor(db, actor, planId),
    supervisionRulesOfPlan(db, planId),
  ]);
  const bands: LightBands = {
    yellowLagPoints: rules.yellowLagPoints,
    redLagPoints: rules.redLagPoints,
    dueSoonDays: rules.dueSoonDays,
  };
  // staff: their own units' rows, counted over the tasks those units lead (all in their task list)
  const visible = visibleUnits(visibility);
  const scope = await yearScope(db, visibility, planId, input.year, asOf);
  const tasks = scheduledTasks(planId, asOf, visible, bands, scope?.sql ?? null);
  // today's five-year figures are kept per (plan, unit) in PlanUnitRollup (issue #19: no recount
  // from the leaves on a read); another day or a year filter counts the tasks themselves
  const fromRollup = !how.live && !scope && asOf === shanghaiDay(new Date());
  const [units, problems, problemCount, cycle, yearRows] = await Promise.all([
    fromRollup
      ? rollupUnits(db, planId, plan.jurisdictionId, visible)
      : db.$queryRaw<UnitRow[]>`
      SELECT s."leadDepartmentId"::text AS "departmentId", min(d.name) AS name, count(*)::int AS total,
             count(*) FILTER (WHERE s.state = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE s.state = 'ON_SCHEDULE')::int AS "onSchedule",
             count(*) FILTER (WHERE s.state = 'LAGGING')::int AS lagging, count(*) FILTER (WHERE s.state = 'OVERDUE')::int AS overdue,
             count(*) FILTER (WHERE s.state = 'CANCELLED')::int AS cancelled, count(*) FILTER (WHERE s.state <> 'CANCELLED')::int AS active,
             count(*) FILTER (WHERE s.light = 'RED')::int AS red, count(*) FILTER (WHERE s.light = 'YELLOW')::int AS yellow,
             count(*) FILTER (WHERE s.light = 'GREEN')::int AS green, count(*) FILTER (WHERE s."dueSoon")::int AS "dueSoon",
             coalesce(sum(s.progress) FILTER (WHERE s.state <> 'CANCELLED'), 0)::float8 AS "progressSum",
             coalesce(sum(s.ep) FILTER (WHERE s.state <> 'CANCELLED'), 0)::float8 AS "expectedSum"
        FROM (${tasks}) s
        LEFT JOIN "Department" d ON d.id = s."leadDepartmentId" AND d."jurisdictionId" = ${plan.jurisdictionId}::uuid
       GROUP BY s."leadDepartmentId"`,
    // lagging and overdue tasks are open ones (duban_schedule_state): the filter on status lets the
    // (planId, status) index skip the finished tasks before any state is computed
    db.$queryRaw<ProblemRow[]>`
      SELECT s.id::text AS "taskId", s.title, s."leadDepartmentId"::text AS "departmentId", s.state AS schedule, s.light, s.progress, s.ep AS "expectedProgress",
             to_char(s."dueDate", 'YYYY-MM-DD') AS "dueDate"
        FROM (${tasks}) s WHERE s.status NOT IN ('COMPLETED', 'CANCELLED') AND s.state IN ('LAGGING', 'OVERDUE')
       ORDER BY s."dueDate", s.id LIMIT ${problemLimit}`,
    fromRollup
      ? null
      : db.$queryRaw<
          Array<{ n: number }>
        >`SELECT count(*)::int AS n FROM (${tasks}) s WHERE s.status NOT IN ('COMPLETED', 'CANCELLED') AND s.state IN ('LAGGING', 'OVERDUE')`,
    db.reportingCycle.findFirst({
      where: {
        planId,
        state: { in: ["OPEN", "CLOSED"] },
        ...(scope ? { period: { startsWith: String(scope.year) } } : {}),
      },
      orderBy: [{ period: "desc" }],
      select: { id: true, period: true, state: true, dueAt: true },
    }),
    scope ? yearCompletionByUnit(db, planId, scope, visible) : null,
  ]);
  const ledger = cycle
    ? new Map(
        (await ledgerStats(db, planId, cycle, visible, scope?.sql ?? null)).map((s) => [
          s.departmentId,
          s,
        ]),
      )
    : null;
  const yearOf = yearRows ? new Map(yearRows.map((r) => [r.departmentId, r])) : null;
  const departmentsOut: DepartmentCompletion[] = units
    .map(({ progressSum, expectedSum, active, name, ...r }) => {
      const l = ledger?.get(r.departmentId);
      return {
        departmentId: r.departmentId,
        name: name ?? "?",
        total: r.total,
        completed: r.completed,
        onSchedule: r.onSchedule,
        lagging: r.lagging,
        overdue: r.overdue,
        cancelled: r.cancelled,
        red: r.red,
        yellow: r.yellow,
        green: r.green,
        dueSoon: r.dueSoon,
        completionRate: percentOf(r.completed, r.total - r.cancelled),
        reportedProgress: active ? Math.round(progressSum / active) : 0,
        expectedProgress: active ? Math.round(expectedSum / active) : 0,
        ledger: l
          ? {
              expected: l.expected,
              submitted: l.submitted,
              onTime: l.onTime,
              late: l.late,
              completeness: percentOf(l.submitted, l.expected),
              timeliness: percentOf(l.onTime, l.expected),
            }
          : null,
        year: yearOf ? (yearOf.get(r.departmentId) ?? emptyYearRow(r.departmentId)) : null,
      };
    })
    .sort(
      (a, b) =>
        b.completionRate - a.completionRate ||
        a.overdue - b.overdue ||
        a.lagging - b.lagging ||
        zhCollator.compare(a.name, b.name) ||
        a.departmentId.localeCompare(b.departmentId),
    );
  const totals = departmentsOut.reduce(
    (s, r) => ({
      total: s.total + r.total,
      completed: s.completed + r.completed,
      lagging: s.lagging + r.lagging,
      overdue: s.overdue + r.overdue,
      onSchedule: s.onSchedule + r.onSchedule,
      red: s.red + r.red,
      yellow: s.yellow + r.yellow,
      green: s.green + r.green,
      dueSoon: s.dueSoon + r.dueSoon,
    }),
    {
      total: 0,
      completed: 0,
      lagging: 0,
      overdue: 0,
      onSchedule: 0,
      red: 0,
      yellow: 0,
      green: 0,
      dueSoon: 0,
    },
  );
  return {
    asOf,
    /** the jurisdiction's traffic-light bands the counts were taken with */
    bands,
    cycle: cycle
      ? { id: cycle.id, period: cycle.period, state: cycle.state, dueAt: cycle.dueAt }
      : null,
    /** the year filter: which year, on which basis (year plan or span), null for all years */
    year: yearSummary(scope),
    departments: departmentsOut,
    totals,
    problems,
    problemsTotal: problemCount
      ? (problemCount[0]?.n ?? problems.length)
      : units.reduce((n, u) => n + u.lagging + u.overdue, 0),
  };
}
