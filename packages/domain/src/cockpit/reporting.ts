import type { Db } from "@duban/db";

import { shanghaiMidnight } from "../calendar.ts";
import { periodEnd, periodStart } from "../periods.ts";

export type ReportingRow = {
  jurisdictionId: string;
  /** plans of the jurisdiction with a reporting cycle for the quarter (open or closed) */
  cycles: number;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
};

/**
 * The quarter whose reporting the cockpit shows when none is asked: the latest one whose reporting
 * deadline has passed for any of `planIds` (ZCockpitInput: "the latest due"; its closed cycles'
 * figures are recorded, so it is cheap), else the latest one opened (OPEN or CLOSED); null when
 * none has been opened.
 */
export async function latestReportingPeriod(db: Db, planIds: string[]): Promise<string | null> {
  if (!planIds.length) return null;
  const [row] = await db.$queryRaw<Array<{ period: string | null }>>`
    SELECT coalesce(max(period) FILTER (WHERE "dueAt" <= now()), max(period)) AS period
      FROM "ReportingCycle"
     WHERE "planId" = ANY(${planIds}::uuid[]) AND state IN ('OPEN', 'CLOSED')`;
  return row?.period ?? null;
}

/**
 * 台账报送完整率 per jurisdiction for quarter `period`, over the cycles of `planIds`: reports
 * expected (reportable tasks × lead and supporting units) and submitted / on time / late, counted
 * as the overview's ledgerStats and cycleCompleteness count them. A closed cycle contributes the
 * figures recorded at its close (CycleDepartmentStat); an open one is counted live. All of it is
 * one GROUP BY in PostgreSQL: no report row reaches Node.
 */
export async function reportingByJurisdiction(
  db: Db,
  planIds: string[],
  period: string,
): Promise<ReportingRow[]> {
  if (!planIds.length) return [];
  const lastDay = periodEnd(period);
  const firstInstant = shanghaiMidnight(periodStart(period))
    .toISOString()
    .replace("T", " ")
    .replace("Z", "");
  return db.$queryRaw<ReportingRow[]>`
    WITH c AS (
      SELECT rc.id, rc."planId", p."jurisdictionId",
             rc.state = 'CLOSED' AND EXISTS (SELECT 1 FROM "CycleDepartmentStat" s WHERE s."cycleId" = rc.id) AS recorded
        FROM "ReportingCycle" rc JOIN "Plan" p ON p.id = rc."planId"
       WHERE rc."planId" = ANY(${planIds}::uuid[]) AND rc.period = ${period} AND rc.state IN ('OPEN', 'CLOSED')
    ), reportable AS (
      SELECT c.id AS "cycleId", c."jurisdictionId", t.id AS "taskId", t."leadDepartmentId"
        FROM c JOIN "Task" t ON t."planId" = c."planId"
       WHERE NOT c.recorded AND t.status <> 'CANCELLED' AND t."startDate" <= ${lastDay}::date
         AND (t."completedAt" IS NULL OR t."completedAt" >= ${firstInstant}::timestamp)
    ), u AS (
      SELECT r."cycleId", r."jurisdictionId", r."taskId", r."leadDepartmentId" AS d FROM reportable r
      UNION ALL
      SELECT r."cycleId", r."jurisdictionId", r."taskId", s."departmentId" FROM reportable r
        JOIN "TaskSupport" s ON s."taskId" = r."taskId"
    ), e AS (
      SELECT e."cycleId", e."taskId", e."departmentId", bool_or(e."isCurrent") AS submitted,
             bool_or(e.late) FILTER (WHERE e.revision = 1) AS late
        FROM "LedgerEntry" e WHERE e."cycleId" IN (SELECT id FROM c WHERE NOT recorded)
       GROUP BY 1, 2, 3
    ), live AS (
      SELECT u."jurisdictionId", count(*)::int AS expected, count(*) FILTER (WHERE e.submitted)::int AS submitted,
             count(*) FILTER (WHERE e.submitted AND e.late IS NOT TRUE)::int AS "onTime",
             count(*) FILTER (WHERE e.submitted AND e.late)::int AS late
        FROM u LEFT JOIN e ON e."cycleId" = u."cycleId" AND e."taskId" = u."taskId" AND e."departmentId" = u.d
       GROUP BY u."jurisdictionId"
    ), recorded AS (
      SELECT c."jurisdictionId", sum(s.expected)::int AS expected, sum(s.submitted)::int AS submitted,
             sum(s."onTime")::int AS "onTime", sum(s.late)::int AS late
        FROM c JOIN "CycleDepartmentStat" s ON s."cycleId" = c.id WHERE c.recorded
       GROUP BY c."jurisdictionId"
    ), cycles AS (
      SELECT c."jurisdictionId", count(*)::int AS n FROM c GROUP BY c."jurisdictionId"
    )
    SELECT cy."jurisdictionId"::text AS "jurisdictionId", cy.n AS cycles,
           (coalesce(l.expected, 0) + coalesce(r.expected, 0))::int AS expected,
           (coalesce(l.submitted, 0) + coalesce(r.submitted, 0))::int AS submitted,
           (coalesce(l."onTime", 0) + coalesce(r."onTime", 0))::int AS "onTime",
           (coalesce(l.late, 0) + coalesce(r.late, 0))::int AS late
      FROM cycles cy
      LEFT JOIN live l ON l."jurisdictionId" = cy."jurisdictionId"
      LEFT JOIN recorded r ON r."jurisdictionId" = cy."jurisdictionId"`;
}
