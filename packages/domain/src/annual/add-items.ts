import type { z } from "zod";

import type { Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, toDbDate, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ZAddAnnualItemsInput, ZAnnualPlanIdInput } from "../schemas/annual.ts";
import {
  assertDueInYear,
  assertPlanOpen,
  loadAnnualPlanForActor,
  yearBounds,
} from "./annual-access.ts";
import { bumpAnnualPlan } from "./create.ts";

export type NewAnnualItem = { taskId: string; deliverable: string; dueDate: IsoDate };

/**
 * Checks items to pull into the year's plan: each a task of the same five-year plan (an ad-hoc
 * item registered with `item.register` is one too), not CANCELLED, not already in the year's plan
 * nor twice in the list, its due date within the year. INVALID naming the item otherwise.
 */
export async function assertItemsAddable(
  tx: Tx,
  annual: { id: string; planId: string; year: number },
  items: readonly NewAnnualItem[],
): Promise<void> {
  const ids = items.map((i) => i.taskId);
  const [tasks, present] = await Promise.all([
    tx.task.findMany({
      where: { id: { in: ids } },
      select: { id: true, planId: true, status: true, title: true },
    }),
    tx.annualPlanItem.findMany({
      where: { annualPlanId: annual.id, taskId: { in: ids } },
      select: { taskId: true },
    }),
  ]);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const inPlan = new Set(present.map((p) => p.taskId));
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const task = byId.get(item.taskId);
    const n = `第 ${index + 1} 项`;
    const nEn = `item ${index + 1}`;
    if (!task || task.planId !== annual.planId)
      throw invalid(`${n}不是本规划的任务`, `${nEn} is not a task of this plan`, "taskId");
    if (task.status === "CANCELLED")
      throw invalid(
        `${n}「${task.title}」已取消，不能列入年度工作要点`,
        `${nEn} (${task.title}) is cancelled`,
        "taskId",
      );
    if (inPlan.has(task.id) || seen.has(task.id))
      throw invalid(
        `${n}「${task.title}」已在 ${annual.year} 年度工作要点中`,
        `${nEn} (${task.title}) is already in the ${annual.year} plan`,
        "taskId",
      );
    seen.add(task.id);
    assertDueInYear(item.dueDate, annual.year, index);
  }
}

/** Writes checked items after the plan's last one, audited `annualPlan.addItems`. Returns the new item ids. */
export async function insertItems(
  tx: Tx,
  { actor, requestId }: { actor: Actor; requestId?: string },
  annual: { id: string; jurisdictionId: string },
  items: ReadonlyArray<NewAnnualItem & { carriedOverFromId?: string; carryOverReason?: string }>,
  action = "annualPlan.addItems",
): Promise<string[]> {
  const last = await tx.annualPlanItem.aggregate({
    where: { annualPlanId: annual.id },
    _max: { order: true },
  });
  let order = (last._max.order ?? -1) + 1;
  const ids: string[] = [];
  for (const item of items) {
    const created = await tx.annualPlanItem.create({
      data: {
        annualPlanId: annual.id,
        taskId: item.taskId,
        deliverable: item.deliverable,
        dueDate: toDbDate(item.dueDate),
        order: order++,
        carriedOverFromId: item.carriedOverFromId ?? null,
        carryOverReason: item.carryOverReason ?? null,
      },
    });
    ids.push(created.id);
  }
  await recordAudit(tx, actor, {
    action,
    entityType: "AnnualPlan",
    entityId: annual.id,
    jurisdictionId: annual.jurisdictionId,
    after: { items: items.map((item, i) => ({ itemId: ids[i], ...item })) },
    requestId,
  });
  return ids;
}

/**
 * 列入: the office pulls plan tasks (or ad-hoc items) into the year's plan, each with this year's
 * deliverable (年度目标) and due date. All or nothing. Errors: NOT_FOUND (not visible), FORBIDDEN
 * (not the office), INVALID (assertItemsAddable; plan archived), CONFLICT (stale `version`).
 */
export async function addAnnualItems(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZAddAnnualItemsInput>,
) {
  const { annual } = await loadAnnualPlanForActor(db, actor, input.annualPlanId);
  assertOffice(actor, annual.plan.jurisdictionId);
  assertPlanOpen(annual.plan);
  return db.$transaction(async (tx) => {
    await bumpAnnualPlan(tx, annual.id, input.version);
    await assertItemsAddable(tx, annual, input.items);
    const itemIds = await insertItems(
      tx,
      { actor, requestId },
      { id: annual.id, jurisdictionId: annual.plan.jurisdictionId },
      input.items,
    );
    return { itemIds, version: input.version + 1 };
  });
}

/**
 * What the pull-tasks dialog offers (office only): the plan's tasks not cancelled, not finished
 * before the year, not yet in the year's plan, each with a suggested deliverable — the titles of
 * its milestones falling in the year, else its title — and due date: the last such milestone's,
 * else the task's own due date when it falls in the year, else the year's last day.
 */
export async function annualItemSuggestions(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZAnnualPlanIdInput>,
) {
  const { annual } = await loadAnnualPlanForActor(db, actor, input.annualPlanId);
  assertOffice(actor, annual.plan.jurisdictionId);
  const { first, last } = yearBounds(annual.year);
  const tasks = await db.task.findMany({
    where: {
      planId: annual.planId,
      status: { not: "CANCELLED" },
      annualItems: { none: { annualPlanId: annual.id } },
      OR: [{ completedAt: null }, { completedAt: { gte: toDbDate(first) } }],
    },
    orderBy: [{ dueDate: "asc" }, { title: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      source: true,
      status: true,
      dueDate: true,
      leadDepartment: { select: { id: true, name: true } },
      milestones: {
        where: { dueDate: { gte: toDbDate(first), lte: toDbDate(last) } },
        orderBy: [{ dueDate: "asc" }, { order: "asc" }, { id: "asc" }],
        select: { title: true, dueDate: true },
      },
    },
  });
  return tasks.map((t) => {
    const due = dateOnly(t.dueDate);
    const lastMilestone = t.milestones.at(-1);
    return {
      taskId: t.id,
      title: t.title,
      source: t.source,
      status: t.status,
      dueDate: due,
      leadDepartment: t.leadDepartment,
      deliverable: t.milestones.length ? t.milestones.map((m) => m.title).join("；") : t.title,
      suggestedDueDate: lastMilestone
        ? dateOnly(lastMilestone.dueDate)
        : due >= first && due <= last
          ? due
          : last,
    };
  });
}
