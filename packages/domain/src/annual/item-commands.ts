import type { z } from "zod";

import type { Prisma, Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, staleVersion } from "../errors.ts";
import type {
  ZAnnualItemRefInput,
  ZExplainAnnualItemInput,
  ZMarkAnnualItemInput,
  ZUpdateAnnualItemInput,
} from "../schemas/annual.ts";
import { assertDueInYear, assertPlanOpen, loadAnnualItemForActor } from "./annual-access.ts";

/** Optimistic update of one item: CONFLICT when it changed since `version`. */
async function updateItemVersioned(
  tx: Tx,
  item: { id: string; version: number },
  version: number,
  data: Prisma.AnnualPlanItemUpdateManyMutationInput,
) {
  const updated = await tx.annualPlanItem.updateMany({
    where: { id: item.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw staleVersion("年度工作要点事项", "annual plan item", item.version);
}

/** Loads an item for an office-only change: NOT_FOUND, FORBIDDEN, INVALID when the plan is archived. */
async function loadForOffice(ctx: DomainContext, itemId: string) {
  const loaded = await loadAnnualItemForActor(ctx.db, ctx.actor, itemId);
  assertOffice(ctx.actor, loaded.annual.plan.jurisdictionId);
  assertPlanOpen(loaded.annual.plan);
  return loaded;
}

/**
 * The office changes an item's deliverable, due date (within the year) or order. Audited
 * `annualPlan.updateItem` with before/after. Errors: NOT_FOUND, FORBIDDEN, INVALID, CONFLICT.
 */
export async function updateAnnualItem(
  ctx: DomainContext,
  input: z.infer<typeof ZUpdateAnnualItemInput>,
) {
  const { item, annual } = await loadForOffice(ctx, input.itemId);
  if (input.dueDate) assertDueInYear(input.dueDate, annual.year);
  return ctx.db.$transaction(async (tx) => {
    await updateItemVersioned(tx, item, input.version, {
      deliverable: input.deliverable,
      dueDate: input.dueDate ? toDbDate(input.dueDate) : undefined,
      order: input.order,
    });
    await recordAudit(tx, ctx.actor, {
      action: "annualPlan.updateItem",
      entityType: "AnnualPlanItem",
      entityId: item.id,
      jurisdictionId: annual.plan.jurisdictionId,
      before: { deliverable: item.deliverable, dueDate: dateOnly(item.dueDate), order: item.order },
      after: input,
      requestId: ctx.requestId,
    });
    return { version: input.version + 1 };
  });
}

/**
 * The office removes an item from the year's plan (the task itself stays). A carried-over
 * item's link is dropped with it, so the previous year's item may be carried again. Audited
 * `annualPlan.removeItem` with what was removed. Errors: NOT_FOUND, FORBIDDEN, INVALID, CONFLICT.
 */
export async function removeAnnualItem(
  ctx: DomainContext,
  input: z.infer<typeof ZAnnualItemRefInput>,
) {
  const { item, annual } = await loadForOffice(ctx, input.itemId);
  return ctx.db.$transaction(async (tx) => {
    const deleted = await tx.annualPlanItem.deleteMany({
      where: { id: item.id, version: input.version },
    });
    if (deleted.count === 0)
      throw staleVersion("年度工作要点事项", "annual plan item", item.version);
    await recordAudit(tx, ctx.actor, {
      action: "annualPlan.removeItem",
      entityType: "AnnualPlanItem",
      entityId: item.id,
      jurisdictionId: annual.plan.jurisdictionId,
      before: {
        annualPlanId: annual.id,
        taskId: item.taskId,
        deliverable: item.deliverable,
        dueDate: dateOnly(item.dueDate),
        carriedOverFromId: item.carriedOverFromId,
        carryOverReason: item.carryOverReason,
        doneAt: item.doneAt,
      },
      requestId: ctx.requestId,
    });
    return { removed: true };
  });
}

/**
 * The office confirms this year's deliverable done (`done: true`: doneAt = now, by the actor) or
 * withdraws the confirmation. The outcome (annualItemOutcome) reads it. Audited
 * `annualPlan.markItem`. Errors: NOT_FOUND, FORBIDDEN, INVALID, CONFLICT.
 */
export async function markAnnualItem(
  ctx: DomainContext,
  input: z.infer<typeof ZMarkAnnualItemInput>,
) {
  const { item, annual } = await loadForOffice(ctx, input.itemId);
  const now = ctx.now ?? new Date();
  return ctx.db.$transaction(async (tx) => {
    await updateItemVersioned(tx, item, input.version, {
      doneAt: input.done ? (item.doneAt ?? now) : null,
      doneById: input.done ? (item.doneById ?? actorUserId(ctx.actor)) : null,
    });
    await recordAudit(tx, ctx.actor, {
      action: input.done ? "annualPlan.markDone" : "annualPlan.unmarkDone",
      entityType: "AnnualPlanItem",
      entityId: item.id,
      jurisdictionId: annual.plan.jurisdictionId,
      before: { doneAt: item.doneAt },
      after: { done: input.done },
      requestId: ctx.requestId,
    });
    return { version: input.version + 1 };
  });
}

/**
 * 未完成说明: the task's lead unit (its staff) or the office writes why the year's deliverable is
 * not done; the 年度评估 lists it. Supporting units and readers: FORBIDDEN; others NOT_FOUND.
 * Audited `annualPlan.explainItem`. CONFLICT on a stale version.
 */
export async function explainAnnualItem(
  ctx: DomainContext,
  input: z.infer<typeof ZExplainAnnualItemInput>,
) {
  const { item, annual, relation } = await loadAnnualItemForActor(ctx.db, ctx.actor, input.itemId);
  if (relation !== "office" && relation !== "lead")
    throw forbidden(
      "只有牵头单位或领导小组办公室可以填写未完成说明",
      "only the lead unit or the leading group office may explain an item",
    );
  assertPlanOpen(annual.plan);
  return ctx.db.$transaction(async (tx) => {
    await updateItemVersioned(tx, item, input.version, { explanation: input.explanation });
    await recordAudit(tx, ctx.actor, {
      action: "annualPlan.explainItem",
      entityType: "AnnualPlanItem",
      entityId: item.id,
      jurisdictionId: annual.plan.jurisdictionId,
      before: { explanation: item.explanation },
      after: { explanation: input.explanation },
      requestId: ctx.requestId,
    });
    return { version: input.version + 1 };
  });
}
