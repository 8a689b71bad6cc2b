import { Prisma, type Db } from "@duban/db";

import type { IsoDate } from "../calendar.ts";
import { refreshPlanUnitRollups } from "../rollups/plan-unit-rollups.ts";

/** The counters every cockpit row carries, summed over PlanUnitRollup rows. */
export type CompletionCounts = {
  total: number;
  completed: number;
  cancelled: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  red: number;
  yellow: number;
  green: number;
  dueSoon: number;
  sumProgress: number;
  sumExpected: number;
};

export type PlanCompletionRow = CompletionCounts & {
  planId: string;
  title: string;
  jurisdictionId: string;
  periodStart: number;
  periodEnd: number;
  /** the plan's data version (PlanDataVersion), for memos keyed by it */
  version: string;
};

const sums = `coalesce(sum(r.total), 0)::int AS total, coalesce(sum(r.completed), 0)::int AS completed,
  coalesce(sum(r.cancelled), 0)::int AS cancelled, coalesce(sum(r."onSchedule"), 0)::int AS "onSchedule",
  coalesce(sum(r.lagging), 0)::int AS lagging, coalesce(sum(r.overdue), 0)::int AS overdue,
  coalesce(sum(r.red), 0)::int AS red, coalesce(sum(r.yellow), 0)::int AS yellow, coalesce(sum(r.green), 0)::int AS green,
  coalesce(sum(r."dueSoon"), 0)::int AS "dueSoon", coalesce(sum(r."sumProgress"), 0)::float8 AS "sumProgress",
  coalesce(sum(r."sumExpected"), 0)::float8 AS "sumExpected"`;

/**
 * The per-(plan, unit) counters to read: the maintained table for today (stale plans recounted
 * first, as planUnitRollups does), the live function for any other day.
 */
async function rollupSource(db: Db, planIds: string[], asOf: IsoDate, today: IsoDate) {
  if (asOf !== today)
    return Prisma.sql`(SELECT * FROM duban_plan_unit_rollup_rows(${planIds}::uuid[], ${asOf}::date))`;
  const stale = await db.$queryRaw<{ planId: string }[]>`
    SELECT DISTINCT "planId"::text AS "planId" FROM "PlanUnitRollup"
     WHERE "planId" = ANY(${planIds}::uuid[]) AND "asOf" < ${today}::date`;
  for (const { planId } of stale) await refreshPlanUnitRollups(db, planId, today);
  return Prisma.sql`"PlanUnitRollup"`;
}

/**
 * Per plan of `jurisdictionIds` with status ACTIVE: title, period and the counters summed over its
 * units, in one GROUP BY over PlanUnitRollup (migration 20261201110000_plan_unit_rollups; issue
 * #19 "Performance": roll-ups are never recounted from the tasks on a read). Returns the rows and
 * a SQL source for the per-unit and problem queries that reuse the same day.
 */
export async function planCompletionRows(
  db: Db,
  jurisdictionIds: string[],
  asOf: IsoDate,
  today: IsoDate,
) {
  const plans = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM "Plan"
     WHERE status = 'ACTIVE' AND "jurisdictionId" = ANY(${jurisdictionIds}::uuid[])`;
  const planIds = plans.map((p) => p.id);
  if (!planIds.length) return { planIds, rows: [] as PlanCompletionRow[], source: null };
  const source = await rollupSource(db, planIds, asOf, today);
  const rows = await db.$queryRaw<PlanCompletionRow[]>`
    SELECT p.id::text AS "planId", p.title, p."jurisdictionId"::text AS "jurisdictionId",
           p."periodStart", p."periodEnd", coalesce(v.version, 0)::text AS version, ${Prisma.raw(sums)}
      FROM "Plan" p
      LEFT JOIN ${source} r ON r."planId" = p.id
      LEFT JOIN "PlanDataVersion" v ON v."planId" = p.id
     WHERE p.id = ANY(${planIds}::uuid[])
     GROUP BY p.id, v.version`;
  return { planIds, rows, source };
}

export type UnitCompletionRow = CompletionCounts & {
  departmentId: string;
  name: string;
  jurisdictionId: string;
  plans: number;
};

/**
 * The `limit` units with the most lagging and overdue tasks across `planIds` (ties: lower
 * completion first), summed over their plans in SQL, and how many units lead any task at all.
 */
export async function topUnits(
  db: Db,
  planIds: string[],
  source: Prisma.Sql,
  limit: number,
): Promise<{ units: UnitCompletionRow[]; unitCount: number }> {
  const [units, count] = await Promise.all([
    db.$queryRaw<UnitCompletionRow[]>`
      SELECT r."departmentId"::text AS "departmentId", min(d.name) AS name,
             min(d."jurisdictionId"::text) AS "jurisdictionId", count(DISTINCT r."planId")::int AS plans,
             ${Prisma.raw(sums)}
        FROM ${source} r JOIN "Department" d ON d.id = r."departmentId"
       WHERE r."planId" = ANY(${planIds}::uuid[])
       GROUP BY r."departmentId"
       HAVING sum(r.total) > 0
       ORDER BY sum(r.lagging + r.overdue) DESC,
                sum(r.completed)::float8 / nullif(sum(r.total - r.cancelled), 0) ASC NULLS LAST,
                min(d.name), r."departmentId"
       LIMIT ${limit}`,
    db.$queryRaw<Array<{ n: number }>>`
      SELECT count(DISTINCT r."departmentId")::int AS n FROM ${source} r
       WHERE r."planId" = ANY(${planIds}::uuid[]) AND r.total > 0`,
  ]);
  return { units, unitCount: count[0]?.n ?? 0 };
}

export type LaggingItem = {
  taskId: string;
  code: string | null;
  title: string;
  planId: string;
  planTitle: string;
  jurisdictionId: string;
  jurisdictionName: string;
  departmentId: string;
  departmentName: string;
  schedule: "LAGGING" | "OVERDUE";
  progress: number;
  expectedProgress: number;
  /** points behind 序时进度 */
  lag: number;
  dueDate: IsoDate;
  /** days past the due date (0 when not overdue) */
  daysOverdue: number;
};

/**
 * The `limit` worst lagging or overdue tasks of `planIds` on `asOf`: overdue ones first (longest
 * overdue first, i.e. earliest due date, then most points behind), then lagging ones by points
 * behind 序时进度, with each task's plan, jurisdiction and lead unit for drill-down. The overdue
 * part reads the open tasks past their due date in due-date order and stops at `limit` (the
 * `dueDate` index), so it never classifies every open task; the lagging part runs only when fewer
 * than `limit` are overdue, over the (plan, unit) pairs whose counters show lagging tasks. Both are
 * classified by the SQL rule (duban_schedule_state with each jurisdiction's bands).
 */
export async function worstLaggingItems(
  db: Db,
  planIds: string[],
  source: Prisma.Sql,
  asOf: IsoDate,
  limit: number,
): Promise<LaggingItem[]> {
  const day = Prisma.sql`${asOf}::date`;
  const columns = Prisma.sql`
    t.id::text AS "taskId", n.code, t.title, t."planId"::text AS "planId", p.title AS "planTitle",
    p."jurisdictionId"::text AS "jurisdictionId", j.name AS "jurisdictionName",
    t."leadDepartmentId"::text AS "departmentId", d.name AS "departmentName",
    duban_schedule_state(t.status, t.progress, t."startDate", t."dueDate", ${day}, coalesce(ss."yellowLagPoints", 10)) AS schedule,
    t.progress, duban_expected_progress(t."startDate", t."dueDate", ${day}) AS "expectedProgress",
    (duban_expected_progress(t."startDate", t."dueDate", ${day}) - t.progress)::int AS lag,
    to_char(t."dueDate", 'YYYY-MM-DD') AS "dueDate", greatest(${day} - t."dueDate", 0)::int AS "daysOverdue"`;
  const joins = Prisma.sql`
    JOIN "Plan" p ON p.id = t."planId"
    JOIN "Jurisdiction" j ON j.id = p."jurisdictionId"
    JOIN "Department" d ON d.id = t."leadDepartmentId"
    LEFT JOIN "SupervisionSettings" ss ON ss."jurisdictionId" = p."jurisdictionId"
    LEFT JOIN "PlanNode" n ON n.id = t."sourceNodeId"`;
  const overdue = await db.$queryRaw<LaggingItem[]>`
    SELECT * FROM (
      SELECT ${columns} FROM "Task" t ${joins}
       WHERE t."planId" = ANY(${planIds}::uuid[]) AND t.status NOT IN ('COMPLETED', 'CANCELLED')
         AND t."dueDate" < ${day}
    ) x WHERE x.schedule = 'OVERDUE'
     ORDER BY x."dueDate", x.lag DESC, x."taskId" LIMIT ${limit}`;
  if (overdue.length >= limit) return overdue;
  const lagging = await db.$queryRaw<LaggingItem[]>`
    WITH hot AS (
      SELECT r."planId", r."departmentId" FROM ${source} r
       WHERE r."planId" = ANY(${planIds}::uuid[]) AND r.lagging > 0
    )
    SELECT * FROM (
      SELECT ${columns} FROM hot
        JOIN "Task" t ON t."planId" = hot."planId" AND t."leadDepartmentId" = hot."departmentId"
        ${joins}
       WHERE t.status NOT IN ('COMPLETED', 'CANCELLED') AND t."dueDate" >= ${day}
    ) x WHERE x.schedule = 'LAGGING'
     ORDER BY x.lag DESC, x."dueDate", x."taskId" LIMIT ${limit - overdue.length}`;
  return [...overdue, ...lagging];
}
