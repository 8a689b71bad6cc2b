import { Prisma, type DbOrTx } from "@duban/db";

import { annualItemOutcome } from "../annual/item-outcome.ts";
import { yearItems, type YearScope } from "../annual/year-scope.ts";
import { dateOnly, toDbDate } from "../calendar.ts";
import { percentOf } from "../progress.ts";

/** A unit's completion of the year, shown next to its five-year completion on the overview. */
export type YearUnitCompletion = {
  departmentId: string;
  /** the year's items the unit leads (cancelled tasks left out) */
  items: number;
  /** items due by the scope's asOf, or done earlier: what the rate is taken over */
  due: number;
  done: number;
  onTime: number;
  overdue: number;
  /** done / due in % (one decimal), null while nothing is due */
  rate: number | null;
  /**
   * the five-year plan's completion of the unit over all its tasks of the plan, whatever the
   * year (completed / not cancelled, as the unfiltered ranking's completionRate), to set beside
   */
  fiveYear: { tasks: number; completed: number; rate: number };
};

type Facts = {
  leadDepartmentId: string;
  outcome: ReturnType<typeof annualItemOutcome>;
  dueDate: string;
};

/** A unit's row with nothing of the year (and nothing of the plan) counted. */
export const emptyYearRow = (departmentId: string): YearUnitCompletion => ({
  departmentId,
  items: 0,
  due: 0,
  done: 0,
  onTime: 0,
  overdue: 0,
  rate: null,
  fiveYear: { tasks: 0, completed: 0, rate: 0 },
});

/**
 * The year's completion per lead unit (issue #18: "the overview shows the year's completion per
 * unit next to the five-year plan's"), every item judged by annualItemOutcome on `scope.asOf`
 * (today, or the year's last day once the year is over):
 * - with a year plan (`ANNUAL_PLAN`): its items, each with its year's due date;
 * - without one (`SPAN`): the tasks due within the year, each judged as an item due on the task's
 *   own due date (done only when signed off within the year, as the rule says).
 * Each row also carries `fiveYear`, the unit's completion over all its tasks of the plan.
 * `leadIn`: the units whose rows the actor may see (visibility.ts), null for all.
 */
export async function yearCompletionByUnit(
  db: DbOrTx,
  planId: string,
  scope: YearScope,
  leadIn: string[] | null,
): Promise<YearUnitCompletion[]> {
  const fiveYearRows = fiveYearByUnit(db, planId, leadIn);
  const facts: Facts[] = [];
  if (scope.basis === "ANNUAL_PLAN") {
    for (const item of (await yearItems(db, scope, null)).values())
      if (!item.cancelled)
        facts.push({
          leadDepartmentId: item.leadDepartmentId,
          outcome: item,
          dueDate: item.dueDate,
        });
  } else {
    const tasks = await db.task.findMany({
      where: {
        planId,
        status: { not: "CANCELLED" },
        dueDate: { gte: toDbDate(scope.from), lte: toDbDate(scope.to) },
        ...(leadIn ? { leadDepartmentId: { in: leadIn } } : {}),
      },
      select: { leadDepartmentId: true, dueDate: true, status: true, completedAt: true },
    });
    for (const t of tasks) {
      const outcome = annualItemOutcome(
        { year: scope.year, dueDate: t.dueDate, doneAt: null, task: t },
        scope.asOf,
      );
      facts.push({ leadDepartmentId: t.leadDepartmentId, outcome, dueDate: dateOnly(t.dueDate) });
    }
  }
  const fiveYear = new Map(
    (await fiveYearRows).map((r) => [
      r.departmentId,
      { tasks: r.tasks, completed: r.completed, rate: percentOf(r.completed, r.tasks) },
    ]),
  );
  const byUnit = new Map<string, YearUnitCompletion>();
  const rowOf = (departmentId: string): YearUnitCompletion => ({
    ...emptyYearRow(departmentId),
    fiveYear: fiveYear.get(departmentId) ?? { tasks: 0, completed: 0, rate: 0 },
  });
  // every unit leading tasks of the plan has a row, with nothing of the year if it must
  for (const departmentId of fiveYear.keys()) byUnit.set(departmentId, rowOf(departmentId));
  for (const f of facts) {
    if (leadIn && !leadIn.includes(f.leadDepartmentId)) continue;
    const row = byUnit.get(f.leadDepartmentId) ?? rowOf(f.leadDepartmentId);
    row.items++;
    if (f.outcome.done || f.dueDate <= scope.asOf) row.due++;
    if (f.outcome.done) row.done++;
    if (f.outcome.onTime) row.onTime++;
    if (f.outcome.overdue) row.overdue++;
    byUnit.set(f.leadDepartmentId, row);
  }
  return [...byUnit.values()].map((r) => ({ ...r, rate: r.due ? percentOf(r.done, r.due) : null }));
}

/** Per lead unit: its tasks of the plan not cancelled, and of those completed, in one query. */
function fiveYearByUnit(db: DbOrTx, planId: string, leadIn: string[] | null) {
  return db.$queryRaw<Array<{ departmentId: string; tasks: number; completed: number }>>`
    SELECT t."leadDepartmentId"::text AS "departmentId", count(*)::int AS tasks,
           count(*) FILTER (WHERE t.status = 'COMPLETED')::int AS completed
      FROM "Task" t
     WHERE t."planId" = ${planId}::uuid AND t.status <> 'CANCELLED'
       ${leadIn ? Prisma.sql`AND t."leadDepartmentId" = ANY(${leadIn}::uuid[])` : Prisma.empty}
     GROUP BY 1`;
}
