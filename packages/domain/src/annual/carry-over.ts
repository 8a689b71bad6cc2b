import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ZAnnualPlanIdInput, ZCarryOverInput } from "../schemas/annual.ts";
import { assertItemsAddable, insertItems } from "./add-items.ts";
import { assertPlanOpen, endOfYear, loadAnnualPlanForActor } from "./annual-access.ts";
import { bumpAnnualPlan } from "./create.ts";
import { annualItemOutcome } from "./item-outcome.ts";

/**
 * The previous year's items that may be carried into `annual` (结转, issue #18): the items of the
 * same plan's year-before plan that were not done at that year's end (annualItemOutcome on
 * 12-31), whose task is not cancelled, not carried over already, and not in this year's plan.
 */
async function candidates(db: DbOrTx, annual: { id: string; planId: string; year: number }) {
  const previous = await db.annualPlan.findUnique({
    where: { planId_year: { planId: annual.planId, year: annual.year - 1 } },
    select: {
      id: true,
      items: {
        orderBy: [{ order: "asc" }, { createdAt: "asc" }],
        include: {
          carriedOverTo: { select: { id: true } },
          task: {
            select: {
              id: true,
              title: true,
              status: true,
              completedAt: true,
              annualItems: { where: { annualPlanId: annual.id }, select: { id: true } },
              leadDepartment: { select: { id: true, name: true } },
            },
          },
        },
      },
    },
  });
  if (!previous) return [];
  const asOf = endOfYear(annual.year - 1);
  return previous.items.filter(
    (item) =>
      !annualItemOutcome({ ...item, year: annual.year - 1 }, asOf).done &&
      item.task.status !== "CANCELLED" &&
      !item.carriedOverTo &&
      item.task.annualItems.length === 0,
  );
}

/**
 * What the carry-over dialog offers (office only): the previous year's unfinished items (see
 * `candidates`), each with its task, lead unit, deliverable, due date and explanation.
 */
export async function carryOverCandidates(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZAnnualPlanIdInput>,
) {
  const { annual } = await loadAnnualPlanForActor(db, actor, input.annualPlanId);
  assertOffice(actor, annual.plan.jurisdictionId);
  return (await candidates(db, annual)).map((item) => ({
    fromItemId: item.id,
    taskId: item.task.id,
    taskTitle: item.task.title,
    taskStatus: item.task.status,
    leadDepartment: item.task.leadDepartment,
    deliverable: item.deliverable,
    dueDate: dateOnly(item.dueDate),
    explanation: item.explanation,
  }));
}

/**
 * 结转: the office carries unfinished items of the previous year into this year's plan, each with
 * the reason it was not finished (kept on the new item with a link to the old one), this year's
 * due date (within the year) and deliverable (the old one unless given). All or nothing.
 * Errors: NOT_FOUND, FORBIDDEN, INVALID (an item that is not a candidate, a due date outside the
 * year), CONFLICT (stale version). Audited `annualPlan.carryOver`.
 */
export async function carryOverItems(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZCarryOverInput>,
) {
  const { annual } = await loadAnnualPlanForActor(db, actor, input.annualPlanId);
  assertOffice(actor, annual.plan.jurisdictionId);
  assertPlanOpen(annual.plan);
  return db.$transaction(async (tx) => {
    await bumpAnnualPlan(tx, annual.id, input.version);
    const open = new Map((await candidates(tx, annual)).map((c) => [c.id, c]));
    const items = input.items.map((row, index) => {
      const from = open.get(row.fromItemId);
      if (!from)
        throw invalid(
          `第 ${index + 1} 项不是上一年度未完成的事项，不能结转`,
          `item ${index + 1} is not an unfinished item of the previous year`,
          "fromItemId",
        );
      return {
        taskId: from.taskId,
        deliverable: row.deliverable?.trim() || from.deliverable,
        dueDate: row.dueDate,
        carriedOverFromId: from.id,
        carryOverReason: row.reason,
      };
    });
    await assertItemsAddable(tx, annual, items);
    const itemIds = await insertItems(
      tx,
      { actor, requestId },
      { id: annual.id, jurisdictionId: annual.plan.jurisdictionId },
      items,
      "annualPlan.carryOver",
    );
    return { itemIds, version: input.version + 1 };
  });
}
