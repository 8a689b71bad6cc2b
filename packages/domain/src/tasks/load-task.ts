import type { DbOrTx } from "@duban/db";
import type { Actor } from "../actor.ts";
import { taskRelation, type TaskRelation } from "../access.ts";
import { notFound } from "../errors.ts";

/** Loads a task the actor may see, with how they relate to it; anything else is "not found". */
export async function loadTaskForActor(db: DbOrTx, actor: Actor, taskId: string): Promise<{ task: LoadedTask; relation: TaskRelation }> {
  const task = await findTaskWithPlan(db, taskId);
  if (!task) throw notFound("任务", "task");
  const relation = await taskRelation(db, actor, {
    jurisdictionId: task.plan.jurisdictionId,
    leadDepartmentId: task.leadDepartmentId,
    supportingDepartmentIds: task.supportingDepartments.map((s) => s.departmentId),
  });
  if (relation === "none") throw notFound("任务", "task");
  return { task, relation };
}

export type LoadedTask = NonNullable<Awaited<ReturnType<typeof findTaskWithPlan>>>;

function findTaskWithPlan(db: DbOrTx, id: string) {
  return db.task.findUnique({
    where: { id },
    include: { plan: { select: { jurisdictionId: true, status: true, periodStart: true, periodEnd: true } }, supportingDepartments: { select: { departmentId: true } } },
  });
}
