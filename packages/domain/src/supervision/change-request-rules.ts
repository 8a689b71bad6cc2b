import type { ChangeRequestState, DbOrTx, Tx } from "@duban/db";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
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

/**
 * Closes a task's open change requests (PENDING / OFFICE_APPROVED) as WITHDRAWN when they can no
 * longer be decided sensibly, each audited `changeRequest.close` with `why`, in the caller's
 * transaction: the previous lead unit's requests on a reassignment (`departmentId`), all of them
 * when the task is cancelled or signed off as completed (an extension of a completed task, a
 * reassignment of a cancelled one make no sense). `except`: the request being applied.
 */
export async function closeOpenRequests(
  tx: Tx,
  { actor, requestId, at }: { actor: Actor; requestId?: string; at: Date },
  task: Pick<LoadedTask, "id" | "plan">,
  opts: { departmentId?: string; except?: string; why: "reassigned" | "cancelled" | "completed" },
): Promise<void> {
  const open = await tx.changeRequest.findMany({
    where: {
      taskId: task.id,
      state: { in: OPEN_REQUEST_STATES },
      ...(opts.departmentId ? { departmentId: opts.departmentId } : {}),
      ...(opts.except ? { id: { not: opts.except } } : {}),
    },
    // one audit event each, in this order
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    select: { id: true, state: true },
  });
  for (const r of open) {
    await tx.changeRequest.update({
      where: { id: r.id },
      data: { state: "WITHDRAWN", version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: "changeRequest.close",
      entityType: "ChangeRequest",
      entityId: r.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { state: r.state },
      after: { state: "WITHDRAWN", why: opts.why, closedAt: at.toISOString() },
      requestId,
    });
  }
}
