// 细化 (issue #19): an office breaks a task of its own plan into sub-tasks, to any depth, and
// weights a task among its siblings.
import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ZAddSubtasksInput, ZSetTaskWeightInput } from "../schemas/cascade.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { assertWritablePlan, updateVersioned } from "../tasks/task-commands.ts";
import { assertChildDrafts, insertChildTasks } from "./child-tasks.ts";

/**
 * 细化: sub-tasks of `parentTaskId` in the same plan (a county task broken down for its towns;
 * a sub-task can be broken down again, to any depth). Only the office of the plan's jurisdiction
 * (FORBIDDEN; NOT_FOUND when it cannot see the task: the city reads a county's task but may not
 * break it down). INVALID: archived plan, a cancelled or completed parent, a draft outside the
 * plan period or with a unit not of the jurisdiction. The parent becomes derived in the same
 * transaction: its progress is from then on the weighted mean of its children (new ones at 0),
 * and reports no longer set it. Audited `task.create` each (with parentTaskId).
 * Returns `{ taskIds }`.
 */
export async function addSubtasks(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZAddSubtasksInput>,
) {
  const { task } = await loadTaskForActor(db, actor, input.parentTaskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  if (task.status === "CANCELLED" || task.status === "COMPLETED")
    throw invalid(
      "已取消或已办结的任务不能再细化",
      "a cancelled or completed task cannot be broken down",
      "parentTaskId",
    );
  await assertChildDrafts(db, task.plan, input.tasks, dateOnly(task.dueDate));
  return db.$transaction(async (tx) => {
    const taskIds = await insertChildTasks(
      tx,
      { actor, requestId },
      { id: task.planId, jurisdictionId: task.plan.jurisdictionId },
      input.tasks,
      { parentTaskId: task.id },
    );
    return { taskIds };
  });
}

/**
 * The office weights a task among its siblings in its parent's roll-up (its parent task's, or the
 * assignment's it decomposes): `weight` in (0, 100], relative. The parent (and every ancestor) is
 * recomputed in the same transaction. Only the office of the task's plan's jurisdiction
 * (FORBIDDEN; NOT_FOUND when not visible); INVALID on an archived plan or a task with no parent;
 * CONFLICT on a stale version. Audited `task.setWeight`. Returns `{ version }`.
 */
export async function setTaskWeight(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetTaskWeightInput>,
) {
  const { task } = await loadTaskForActor(db, actor, input.taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  if (!task.parentTaskId && !task.assignmentId)
    throw invalid(
      "该任务没有上级任务或下达事项，权重不起作用",
      "the task has no parent task or assignment to weigh it in",
      "weight",
    );
  return db.$transaction(async (tx) => {
    await updateVersioned(tx, task, input.version, { rollupWeight: input.weight });
    await recordAudit(tx, actor, {
      action: "task.setWeight",
      entityType: "Task",
      entityId: task.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { weight: task.rollupWeight },
      after: { weight: input.weight },
      requestId,
    });
    return { version: input.version + 1 };
  });
}
