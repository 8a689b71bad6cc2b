import type { DbOrTx } from "@duban/db";

import type { TaskRelation } from "../access.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { taskRelationIn, visibilityOf, type Visibility } from "../visibility.ts";

/**
 * Loads a task the actor may see, with how they relate to it and their visibility in its
 * jurisdiction (visibility.ts); anything else is "not found".
 */
export async function loadTaskForActor(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
): Promise<{ task: LoadedTask; relation: TaskRelation; visibility: Visibility }> {
  const task = await findTaskWithPlan(db, taskId);
  if (!task) throw notFound("任务", "task");
  const visibility = await visibilityOf(db, actor, task.plan.jurisdictionId);
  const relation = taskRelationIn(visibility, {
    leadDepartmentId: task.leadDepartmentId,
    supportingDepartmentIds: task.supportingDepartments.map((s) => s.departmentId),
  });
  if (relation === "none") throw notFound("任务", "task");
  return { task, relation, visibility };
}

/** The task's units in the shape visibility.ts takes. */
export const taskUnits = (task: LoadedTask) => ({
  leadDepartmentId: task.leadDepartmentId,
  supportingDepartmentIds: task.supportingDepartments.map((s) => s.departmentId),
});

export type LoadedTask = NonNullable<Awaited<ReturnType<typeof findTaskWithPlan>>>;

function findTaskWithPlan(db: DbOrTx, id: string) {
  return db.task.findUnique({
    where: { id },
    include: {
      plan: { select: { jurisdictionId: true, status: true, periodStart: true, periodEnd: true } },
      supportingDepartments: { select: { departmentId: true } },
    },
  });
}
