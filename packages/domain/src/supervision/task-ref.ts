import type { DbOrTx } from "@duban/db";

import type { Actor } from "../actor.ts";
import type { LoopTaskRef } from "../notifications/payloads.ts";

/** The names a loop message shows of a task (LoopTaskRef): its title, its plan's, its lead unit's. */
export async function loopTaskRef(db: DbOrTx, taskId: string): Promise<LoopTaskRef> {
  const t = await db.task.findUniqueOrThrow({
    where: { id: taskId },
    select: {
      id: true,
      title: true,
      plan: { select: { title: true } },
      leadDepartment: { select: { name: true } },
    },
  });
  return {
    taskId: t.id,
    taskTitle: t.title,
    planTitle: t.plan.title,
    departmentName: t.leadDepartment.name,
  };
}

/** Who acted, as a message names them: the user's name, or the system's label. */
export const actorName = (actor: Actor): string =>
  actor.kind === "user" ? actor.name || actor.email : `系统（${actor.label}）`;
