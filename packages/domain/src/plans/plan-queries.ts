import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { accessOf, visibleJurisdictionIds } from "../access.ts";
import type { Actor } from "../actor.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { notFound } from "../errors.ts";
import type { ZListPlansInput, ZPlanIdInput } from "../schemas/plan.ts";
import { taskIdsInvolving } from "../tasks/unit-tasks.ts";
import { visibilityOf, visibleUnits } from "../visibility.ts";

/**
 * A plan the actor may read, with their access class and visibility in its jurisdiction (see
 * visibility.ts); a plan they may not read is "not found".
 */
export async function loadPlanForActor(db: DbOrTx, actor: Actor, planId: string) {
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: {
      id: true,
      jurisdictionId: true,
      status: true,
      version: true,
      periodStart: true,
      periodEnd: true,
      title: true,
    },
  });
  if (!plan) throw notFound("规划", "plan");
  const visibility = await visibilityOf(db, actor, plan.jurisdictionId);
  if (visibility.kind === "none") throw notFound("规划", "plan");
  return { plan, access: accessOf(visibility), visibility };
}

export async function listPlans(
  { db, actor }: DomainContext,
  { jurisdictionId }: z.infer<typeof ZListPlansInput>,
) {
  const visible = await visibleJurisdictionIds(db, actor);
  const ids = jurisdictionId ? visible.filter((id) => id === jurisdictionId) : visible;
  const plans = await db.plan.findMany({
    where: { jurisdictionId: { in: ids } },
    select: {
      id: true,
      title: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      createdAt: true,
      version: true,
      sourceFileName: true,
      jurisdiction: { select: { id: true, name: true, kind: true } },
      _count: { select: { tasks: true, indicators: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  // the task count is of the reader's task list: staff count their units' tasks, not the plan's
  return Promise.all(
    plans.map(async (p) => {
      const units = visibleUnits(await visibilityOf(db, actor, p.jurisdiction.id));
      return units
        ? { ...p, _count: { ...p._count, tasks: (await taskIdsInvolving(db, p.id, units)).length } }
        : p;
    }),
  );
}

/** The document: node tree (flat, ordered), indicators, tables, phases and which nodes have tasks. */
export async function getPlanDocument(
  { db, actor }: DomainContext,
  { planId }: z.infer<typeof ZPlanIdInput>,
) {
  const { access, visibility } = await loadPlanForActor(db, actor, planId);
  // paragraphs link to the tasks made of them: for staff, only the tasks in their task list
  const units = visibleUnits(visibility);
  const taskFilter = units ? { id: { in: await taskIdsInvolving(db, planId, units) } } : {};
  const plan = await db.plan.findUniqueOrThrow({
    where: { id: planId },
    select: {
      id: true,
      title: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      version: true,
      sourceFileName: true,
      sourceFormat: true,
      createdAt: true,
      activatedAt: true,
      jurisdiction: { select: { id: true, name: true, kind: true } },
      parseResult: true,
    },
  });
  const [nodes, indicators, tables, phases, taskLinks] = await Promise.all([
    db.planNode.findMany({
      where: { planId },
      orderBy: [{ order: "asc" }, { id: "asc" }],
      select: {
        id: true,
        parentId: true,
        kind: true,
        code: true,
        number: true,
        title: true,
        body: true,
        order: true,
        lineStart: true,
        lineEnd: true,
        candidate: true,
      },
    }),
    db.indicator.findMany({ where: { planId }, orderBy: { number: "asc" } }),
    db.planTable.findMany({
      where: { planId },
      orderBy: [{ lineStart: "asc" }, { id: "asc" }],
      select: { id: true, nodeId: true, title: true, rows: true },
    }),
    db.phase.findMany({ where: { planId }, orderBy: { order: "asc" } }),
    db.task.findMany({
      where: { planId, sourceNodeId: { not: null }, ...taskFilter },
      // tasks made in one import share createdAt; the id settles ties so a restored copy lists them alike
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, sourceNodeId: true, title: true },
    }),
  ]);
  const warnings =
    (
      plan.parseResult as {
        warnings?: Array<{ code: string; message: string; line?: number }>;
      } | null
    )?.warnings ?? [];
  return {
    plan: { ...plan, parseResult: undefined },
    access,
    nodes,
    indicators,
    tables,
    phases: phases.map((p) => ({
      ...p,
      startDate: dateOnly(p.startDate),
      endDate: dateOnly(p.endDate),
    })),
    tasksByNode: taskLinks,
    warnings,
  };
}
