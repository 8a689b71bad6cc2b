// 分解 (issue #19): the receiving office breaks an assignment from above into its own work.
import type { z } from "zod";

import type { Tx } from "@duban/db";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid, staleVersion } from "../errors.ts";
import type { ZDecomposeAssignmentInput } from "../schemas/cascade.ts";
import {
  assertGivingPlanWritable,
  assertReceiver,
  assignedItemTitle,
  loadAssignmentForActor,
  type LoadedAssignment,
} from "./assignment-access.ts";
import { notifyCascade } from "./cascade-notify.ts";
import { assertChildDrafts, insertChildTasks } from "./child-tasks.ts";
import { cascadeRefusal } from "./db-guards.ts";

/**
 * 分解: the receiving jurisdiction's office turns an assignment into tasks of its plan for its
 * departments or towns (乡镇/街道 units), each weighted in the assignment's roll-up.
 * - The plan: `planId`, else the one the giving office named; it must be an ACTIVE plan of the
 *   receiving jurisdiction (INVALID `cascade.target-plan-active`), and the one named above when
 *   there is one (INVALID).
 * - TASK: at least one task (INVALID). INDICATOR: the child's indicator carrying the share —
 *   `indicatorId` links an existing indicator of that plan (not carrying another share), else one
 *   is created from the parent's definition with the share as its baseline and target; tasks are
 *   optional.
 * - PENDING → DECOMPOSED (decomposedAt now); a DECOMPOSED assignment takes more tasks; a
 *   WITHDRAWN one nothing (INVALID).
 * FORBIDDEN unless the receiving office (the giving office, leaders and units included);
 * CONFLICT on a stale version. In one transaction: the tasks (the assignment's progress and the
 * parent's recomputed by the triggers), audit `assignment.decompose` and `task.create` each, and
 * the giving office told (event decomposed). Returns `{ version, taskIds, indicatorId }`.
 */
export async function decomposeAssignment(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZDecomposeAssignmentInput>,
) {
  const at = now ?? new Date();
  const { assignment: a, side } = await loadAssignmentForActor(db, actor, input.assignmentId);
  assertReceiver(side);
  assertGivingPlanWritable(a);
  if (a.parentTask?.status === "CANCELLED")
    throw invalid(
      "上级事项已取消，不能再分解",
      "the item above was cancelled; nothing to decompose",
    );
  if (a.state === "WITHDRAWN")
    throw invalid(
      "该事项已被上级撤回，不能再分解",
      "the assignment was withdrawn; nothing to decompose",
    );
  const planId = input.planId ?? a.targetPlanId;
  if (!planId)
    throw invalid(
      "请选择承接的本级规划",
      "choose the plan of your jurisdiction that takes the assignment",
      "planId",
    );
  if (a.targetPlanId && planId !== a.targetPlanId)
    throw invalid(
      "上级已指定承接规划，请在该规划中分解",
      "the office above named the receiving plan; decompose into that plan",
      "planId",
    );
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: { id: true, jurisdictionId: true, periodStart: true, periodEnd: true, status: true },
  });
  if (!plan || plan.jurisdictionId !== a.toJurisdictionId || plan.status !== "ACTIVE")
    throw cascadeRefusal("target-plan-active");
  if (a.kind === "TASK" && input.tasks.length === 0)
    throw invalid(
      "请至少分解出一项任务",
      "decompose the assignment into at least one task",
      "tasks",
    );
  if (a.kind === "TASK" && input.indicatorId)
    throw invalid(
      "任务类下达事项不承接指标",
      "a task assignment takes no indicator",
      "indicatorId",
    );
  await assertChildDrafts(
    db,
    plan,
    input.tasks,
    a.parentTask ? dateOnly(a.parentTask.dueDate) : null,
  );
  return db.$transaction(async (tx) => {
    const { count } = await tx.assignment.updateMany({
      where: { id: a.id, version: input.version, state: { not: "WITHDRAWN" } },
      data: {
        state: "DECOMPOSED",
        targetPlanId: plan.id,
        decomposedAt: a.decomposedAt ?? at,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw staleVersion("下达事项", "assignment", a.version);
    const indicatorId =
      a.kind === "INDICATOR"
        ? await shareIndicator(tx, a, plan, input, { actor, requestId })
        : null;
    const taskIds = input.tasks.length
      ? await insertChildTasks(tx, { actor, requestId }, plan, input.tasks, { assignmentId: a.id })
      : [];
    await recordAudit(tx, actor, {
      action: "assignment.decompose",
      entityType: "Assignment",
      entityId: a.id,
      jurisdictionId: a.toJurisdictionId,
      before: { state: a.state, targetPlanId: a.targetPlanId },
      after: { state: "DECOMPOSED", planId: plan.id, taskIds, indicatorId },
      requestId,
    });
    await notifyCascade(
      tx,
      actor,
      "decomposed",
      a,
      { title: assignedItemTitle(a), unit: a.parentIndicator?.unit ?? null },
      { step: input.version + 1, taskCount: taskIds.length, now: at },
    );
    return { version: input.version + 1, taskIds, indicatorId };
  });
}

/**
 * The child's indicator carrying an INDICATOR assignment's share: the one named (of the plan, not
 * carrying another share: INVALID otherwise) or the one it already has, else a new one made from
 * the parent's definition (name, unit, years, direction, nature, trajectory) with the share as
 * baseline and target. Audited `indicator.linkShare` / `indicator.create`.
 */
async function shareIndicator(
  tx: Tx,
  a: LoadedAssignment,
  plan: { id: string; jurisdictionId: string },
  input: z.infer<typeof ZDecomposeAssignmentInput>,
  ctx: { actor: Actor; requestId?: string },
): Promise<string> {
  const parent = a.parentIndicator!;
  const existing = await tx.indicator.findFirst({ where: { assignmentId: a.id } });
  if (input.indicatorId) {
    if (existing?.id === input.indicatorId) return existing.id;
    if (existing)
      throw invalid(
        "该下达指标已由本级另一指标承接",
        "another indicator of yours already carries this share",
        "indicatorId",
      );
    const { count } = await tx.indicator.updateMany({
      where: { id: input.indicatorId, planId: plan.id, assignmentId: null },
      data: { assignmentId: a.id, version: { increment: 1 } },
    });
    if (count === 0)
      throw invalid(
        "所选指标不属于承接规划，或已承接其他下达指标",
        "the indicator is not of the receiving plan, or carries another share already",
        "indicatorId",
      );
    await recordAudit(tx, ctx.actor, {
      action: "indicator.linkShare",
      entityType: "Indicator",
      entityId: input.indicatorId,
      jurisdictionId: plan.jurisdictionId,
      after: { assignmentId: a.id },
      requestId: ctx.requestId,
    });
    return input.indicatorId;
  }
  if (existing) return existing.id;
  const last = await tx.indicator.aggregate({ where: { planId: plan.id }, _max: { number: true } });
  const created = await tx.indicator.create({
    data: {
      planId: plan.id,
      number: (last._max.number ?? 0) + 1,
      name: parent.name,
      unit: parent.unit,
      category: parent.category,
      baselineYear: parent.baselineYear,
      baselineValue: a.shareBaseline,
      targetYear: parent.targetYear,
      targetValue: a.shareTarget,
      direction: parent.direction,
      nature: parent.nature,
      trajectory: parent.trajectory,
      accumulation: parent.accumulation,
      assignmentId: a.id,
    },
  });
  await recordAudit(tx, ctx.actor, {
    action: "indicator.create",
    entityType: "Indicator",
    entityId: created.id,
    jurisdictionId: plan.jurisdictionId,
    after: { name: created.name, targetValue: created.targetValue, assignmentId: a.id },
    requestId: ctx.requestId,
  });
  return created.id;
}
