import type { DbOrTx } from "@duban/db";

import { annualItemOutcome } from "../annual/item-outcome.ts";
import type { YearScope } from "../annual/year-scope.ts";
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
};

type Facts = {
  leadDepartmentId: string;
  outcome: ReturnType<typeof annualItemOutcome>;
  dueDate: string;
};

/**
 * The year's completion per lead unit (issue #18: "the overview shows the year's completion per
 * unit next to the five-year plan's"), every item judged by annualItemOutcome on `scope.asOf`
 * (today, or the year's last day once the year is over):
 * - with a year plan (`ANNUAL_PLAN`): its items, each with its year's due date;
 * - without one (`SPAN`): the tasks due within the year, each judged as an item due on the task's
 *   own due date (done only when signed off within the year, as the rule says).
 * `leadIn`: the units whose rows the actor may see (visibility.ts), null for all.
 */
export async function yearCompletionByUnit(
  db: DbOrTx,
  planId: string,
  scope: YearScope,
  leadIn: string[] | null,
): Promise<YearUnitCompletion[]> {
  const facts: Facts[] = [];
  if (scope.basis === "ANNUAL_PLAN") {
    for (const item of scope.items.values())
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
  const byUnit = new Map<string, YearUnitCompletion>();
  for (const f of facts) {
    if (leadIn && !leadIn.includes(f.leadDepartmentId)) continue;
    const row = byUnit.get(f.leadDepartmentId) ?? {
      departmentId: f.leadDepartmentId,
      items: 0,
      due: 0,
      done: 0,
      onTime: 0,
      overdue: 0,
      rate: null,
    };
    row.items++;
    if (f.outcome.done || f.dueDate <= scope.asOf) row.due++;
    if (f.outcome.done) row.done++;
    if (f.outcome.onTime) row.onTime++;
    if (f.outcome.overdue) row.overdue++;
    byUnit.set(f.leadDepartmentId, row);
  }
  return [...byUnit.values()].map((r) => ({ ...r, rate: r.due ? percentOf(r.done, r.due) : null }));
}
