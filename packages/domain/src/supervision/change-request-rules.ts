import type { ChangeRequestState, DbOrTx, Tx } from "@duban/db";

import { invalid } from "../errors.ts";
import type { LoadedTask } from "../tasks/load-task.ts";

/** A request still awaiting a decision: the office's (PENDING) or a leader's (OFFICE_APPROVED). */
export const OPEN_REQUEST_STATES: ChangeRequestState[] = ["PENDING", "OFFICE_APPROVED"];

/**
 * Locks the task row for the rest of the transaction, so "one open request of a kind per task"
 * holds when two are filed at once: the second waits, then counts the first.
 */
export async function lockTask(tx: Tx, taskId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Task" WHERE id = ${taskId}::uuid FOR UPDATE`;
}

/** INVALID (on `field`) unless `departmentId` is an active unit of the task's jurisdiction other than its lead unit. */
export async function assertOtherActiveUnit(
  db: DbOrTx,
  task: Pick<LoadedTask, "leadDepartmentId" | "plan">,
  departmentId: string,
  field: string,
): Promise<void> {
  if (departmentId === task.leadDepartmentId)
    throw invalid(
      "建议的单位与现牵头单位相同",
      "the unit suggested is the current lead unit",
      field,
    );
  const unit = await db.department.findFirst({
    where: { id: departmentId, jurisdictionId: task.plan.jurisdictionId, active: true },
    select: { id: true },
  });
  if (!unit)
    throw invalid(
      "所选单位不属于本级或已停用",
      "the unit is not an active unit of this jurisdiction",
      field,
    );
}
