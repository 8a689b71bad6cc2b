import type { DbOrTx } from "@duban/db";

import { shanghaiMidnight } from "../calendar.ts";
import { periodEnd, periodStart } from "../periods.ts";

export type LiveCycleStat = {
  cycleId: string;
  departmentId: string;
  expected: number;
  submitted: number;
  onTime: number;
};

/**
 * The completeness of open cycles per unit, as closeCycle would record it — the SQL twin of
 * cycleCompleteness() (ledger/cycles.ts), in one statement for any number of cycles (the scores of
 * a county read every plan's open cycle; cycleCompleteness took three queries and half a second
 * per cycle in the benchmark). Same rule: tasks that owe a report (reportableTaskWhere: not
 * cancelled, started by the quarter's end, not completed before it began), one report expected
 * from the lead unit and from each supporting unit; submitted = a current report exists; on time
 * = its first revision was not late. apps/api/test/assessment.test.ts holds the two to the same answer.
 */
export async function liveCycleStats(
  db: DbOrTx,
  cycles: ReadonlyArray<{ id: string; planId: string; period: string }>,
): Promise<LiveCycleStat[]> {
  if (cycles.length === 0) return [];
  const ids = cycles.map((c) => c.id);
  const plans = cycles.map((c) => c.planId);
  const ends = cycles.map((c) => periodEnd(c.period));
  const starts = cycles.map((c) => shanghaiMidnight(periodStart(c.period)).toISOString());
  return db.$queryRaw<LiveCycleStat[]>`
    WITH c AS (
      SELECT * FROM unnest(${ids}::uuid[], ${plans}::uuid[], ${ends}::date[], ${starts}::timestamptz[])
        AS c(id, "planId", "end", "start")
    ), owed AS (
      SELECT c.id AS "cycleId", t.id AS "taskId", t."leadDepartmentId" AS "departmentId"
        FROM c JOIN "Task" t ON t."planId" = c."planId"
       WHERE t.status <> 'CANCELLED' AND t."startDate" <= c."end"
         AND (t."completedAt" IS NULL OR t."completedAt" >= c."start")
      UNION ALL
      SELECT c.id, t.id, s."departmentId"
        FROM c JOIN "Task" t ON t."planId" = c."planId" JOIN "TaskSupport" s ON s."taskId" = t.id
       WHERE t.status <> 'CANCELLED' AND t."startDate" <= c."end"
         AND (t."completedAt" IS NULL OR t."completedAt" >= c."start")
    )
    SELECT o."cycleId"::text AS "cycleId", o."departmentId"::text AS "departmentId",
           count(*)::int AS expected, count(cur.id)::int AS submitted,
           count(cur.id) FILTER (WHERE NOT coalesce(first.late, false))::int AS "onTime"
      FROM owed o
      LEFT JOIN "LedgerEntry" cur ON cur."cycleId" = o."cycleId" AND cur."taskId" = o."taskId"
           AND cur."departmentId" = o."departmentId" AND cur."isCurrent"
      LEFT JOIN "LedgerEntry" first ON first."cycleId" = o."cycleId" AND first."taskId" = o."taskId"
           AND first."departmentId" = o."departmentId" AND first.revision = 1
     GROUP BY o."cycleId", o."departmentId"
     ORDER BY o."cycleId", o."departmentId"`;
}
