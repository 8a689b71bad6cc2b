import type { DbOrTx } from "@duban/db";

import type { Actor } from "../actor.ts";
import { addDays, type IsoDate } from "../calendar.ts";
import { invalid, notFound } from "../errors.ts";
import { taskRelationIn, visibilityOf, type Visibility } from "../visibility.ts";

/**
 * Who sees a year's plan (issue #18, the one visibility rule of visibility.ts): a DRAFT is the
 * office's working copy, so only the office of the plan's jurisdiction sees it; an ISSUED plan is
 * read by whoever reads the five-year plan (office, leaders, the city above), and department staff
 * see it with the items of the tasks their units lead or support. Anyone else: NOT_FOUND.
 */
export function seesAnnualPlan(visibility: Visibility, status: "DRAFT" | "ISSUED"): boolean {
  if (visibility.kind === "none") return false;
  if (status === "DRAFT") return visibility.kind === "all" && visibility.access === "office";
  return true;
}

/** Whether an item (its task's lead and supporting units) shows to someone who sees the plan. */
export function seesAnnualItem(
  visibility: Visibility,
  task: { leadDepartmentId: string; supportingDepartmentIds: readonly string[] },
): boolean {
  return taskRelationIn(visibility, task) !== "none";
}

/** A year's plan the actor may see, with its five-year plan and the actor's visibility; else NOT_FOUND. */
export async function loadAnnualPlanForActor(db: DbOrTx, actor: Actor, annualPlanId: string) {
  const annual = await db.annualPlan.findUnique({
    where: { id: annualPlanId },
    include: {
      plan: {
        select: {
          id: true,
          title: true,
          jurisdictionId: true,
          status: true,
          periodStart: true,
          periodEnd: true,
          jurisdiction: { select: { name: true } },
        },
      },
    },
  });
  if (!annual) throw notFound("年度工作要点", "annual plan");
  const visibility = await visibilityOf(db, actor, annual.plan.jurisdictionId);
  if (!seesAnnualPlan(visibility, annual.status)) throw notFound("年度工作要点", "annual plan");
  return { annual, visibility };
}

/** An item of a year's plan the actor may see (plan and item visibility), with its task; else NOT_FOUND. */
export async function loadAnnualItemForActor(db: DbOrTx, actor: Actor, itemId: string) {
  const item = await db.annualPlanItem.findUnique({
    where: { id: itemId },
    include: {
      task: {
        select: {
          id: true,
          title: true,
          status: true,
          completedAt: true,
          leadDepartmentId: true,
          supportingDepartments: { select: { departmentId: true } },
        },
      },
    },
  });
  if (!item) throw notFound("年度工作要点事项", "annual plan item");
  const { annual, visibility } = await loadAnnualPlanForActor(db, actor, item.annualPlanId);
  const units = {
    leadDepartmentId: item.task.leadDepartmentId,
    supportingDepartmentIds: item.task.supportingDepartments.map((s) => s.departmentId),
  };
  if (!seesAnnualItem(visibility, units)) throw notFound("年度工作要点事项", "annual plan item");
  return { item, annual, visibility, relation: taskRelationIn(visibility, units) };
}

/** The first and last day of a calendar year. */
export const yearBounds = (year: number): { first: IsoDate; last: IsoDate } => ({
  first: `${year}-01-01`,
  last: `${year}-12-31`,
});

/**
 * A year's due date lies in the year (issue #18: "deliverable + due date within the year").
 * INVALID on field `dueDate` (refusal code annualItem.dueOutsideYear's wording).
 */
export function assertDueInYear(dueDate: IsoDate, year: number, index?: number): void {
  const { first, last } = yearBounds(year);
  if (dueDate < first || dueDate > last) {
    const where = index === undefined ? "" : `第 ${index + 1} 项：`;
    const whereEn = index === undefined ? "" : `item ${index + 1}: `;
    throw invalid(
      `${where}年度完成时限须在 ${year} 年度内（${dueDate}）`,
      `${whereEn}this year's due date must fall within ${year} (${dueDate})`,
      "dueDate",
    );
  }
}

/** The last day of the year before, as annualItemOutcome's `asOf` for carry-over candidates. */
export const endOfYear = (year: number): IsoDate => addDays(`${year + 1}-01-01`, -1);

/** A plan whose tasks are closed (ARCHIVED) takes no annual plan changes. */
export function assertPlanOpen(plan: { status: string }): void {
  if (plan.status === "ARCHIVED")
    throw invalid(
      "规划已归档，不能再编制年度工作要点",
      "the plan is archived; its annual plans can no longer change",
    );
}
