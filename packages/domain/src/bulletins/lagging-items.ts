// The data a bulletin draft names (issue #18): each lagging unit's overdue open tasks and, for a
// year, its annual-plan items not done; and the year's items due / done for the opening.
import type { DbOrTx } from "@duban/db";

import { annualItemOutcome } from "../annual/item-outcome.ts";
import { dateOnly, type IsoDate } from "../calendar.ts";
import { isOverdue } from "../progress.ts";
import type { ItemTally, LaggingItem } from "./bulletin-text.ts";

/**
 * What the draft's paragraphs rest on, for the units of one score sheet (`departmentIds`) of one
 * jurisdiction, year `year`, as of `asOf` (the sheet's asOf, YYYY-MM-DD):
 * - `items`: the year's annual-plan items (plans of the jurisdiction that are not archived) led by
 *   those units and due by asOf, and how many are done (annualItemOutcome, the one rule);
 * - `lagging` per unit: for a YEAR sheet its items of the year not done at asOf, for a QUARTER
 *   sheet its items overdue at asOf (due and not done); then its open tasks overdue at asOf
 *   (isOverdue, the task list's rule) not already named, earliest due first.
 */
export async function bulletinFacts(
  db: DbOrTx,
  q: {
    jurisdictionId: string;
    year: number;
    asOf: IsoDate;
    kind: "QUARTER" | "YEAR";
    departmentIds: string[];
  },
): Promise<{ items: ItemTally; lagging: Map<string, LaggingItem[]> }> {
  const plans = { jurisdictionId: q.jurisdictionId, status: { not: "ARCHIVED" as const } };
  const [annualItems, tasks] = await Promise.all([
    db.annualPlanItem.findMany({
      where: {
        annualPlan: { year: q.year, plan: plans },
        task: { leadDepartmentId: { in: q.departmentIds } },
      },
      select: {
        deliverable: true,
        dueDate: true,
        doneAt: true,
        task: {
          select: {
            id: true,
            title: true,
            status: true,
            completedAt: true,
            leadDepartmentId: true,
          },
        },
      },
      orderBy: [{ dueDate: "asc" }, { order: "asc" }, { id: "asc" }],
    }),
    db.task.findMany({
      where: {
        plan: plans,
        leadDepartmentId: { in: q.departmentIds },
        status: { notIn: ["COMPLETED", "CANCELLED"] },
      },
      select: { id: true, title: true, status: true, dueDate: true, leadDepartmentId: true },
      orderBy: [{ dueDate: "asc" }, { title: "asc" }, { id: "asc" }],
    }),
  ]);
  const items: ItemTally = { due: 0, done: 0 };
  const lagging = new Map<string, LaggingItem[]>(q.departmentIds.map((id) => [id, []]));
  const named = new Set<string>();
  for (const item of annualItems) {
    const dueDate = dateOnly(item.dueDate);
    const outcome = annualItemOutcome({ year: q.year, ...item }, q.asOf);
    if (dueDate <= q.asOf) {
      items.due++;
      if (outcome.done) items.done++;
    }
    const lags = q.kind === "YEAR" ? !outcome.done : outcome.overdue;
    if (!lags) continue;
    named.add(item.task.id);
    lagging.get(item.task.leadDepartmentId)?.push({
      title: item.task.title,
      kind: "ITEM_NOT_DONE",
      dueDate,
    });
  }
  for (const task of tasks) {
    const dueDate = dateOnly(task.dueDate);
    if (named.has(task.id) || !isOverdue({ status: task.status, dueDate }, q.asOf)) continue;
    lagging.get(task.leadDepartmentId)?.push({ title: task.title, kind: "OVERDUE_TASK", dueDate });
  }
  return { items, lagging };
}
