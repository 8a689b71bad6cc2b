import type { z } from "zod";

import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { conflict, forbidden, invalid, staleVersion } from "../errors.ts";
import type { ZAcknowledgeTaskInput, ZDeclineTaskInput } from "../schemas/supervision.ts";
import { loadTaskForActor, type LoadedTask } from "../tasks/load-task.ts";
import { assertWritablePlan } from "../tasks/task-commands.ts";
import { assertOtherActiveUnit, lockTask, OPEN_REQUEST_STATES } from "./change-request-rules.ts";
import { tellOfficeOfRequest } from "./request-filed.ts";

const CLOSED = new Set(["COMPLETED", "CANCELLED"]);

/** Only staff of the task's lead unit act on its 签收; anyone else who sees the task is FORBIDDEN. */
async function loadForLeadUnit(ctx: DomainContext, taskId: string, what: [string, string]) {
  const { task, relation } = await loadTaskForActor(ctx.db, ctx.actor, taskId);
  if (relation !== "lead")
    throw forbidden(
      `只有牵头单位的工作人员可以${what[0]}`,
      `only staff of the task's lead unit may ${what[1]}`,
    );
  assertWritablePlan(task);
  if (CLOSED.has(task.status))
    throw invalid("任务已办结或已取消，无需签收", "the task is completed or cancelled");
  return task;
}

function alreadyAcknowledged(task: Pick<LoadedTask, "acknowledgedAt">) {
  return invalid(
    `任务已于 ${shanghaiDay(task.acknowledgedAt!)} 签收，无需重复签收`,
    "the task is already acknowledged",
  );
}

/**
 * 签收 (issue #17 step 1): a staff member of the task's lead unit accepts the assigned task; the
 * time and the user are recorded (Task.acknowledgedAt / acknowledgedById) and audited
 * (`task.acknowledge`). FORBIDDEN for anyone but the lead unit's staff (the office and supporting
 * units included), INVALID when already acknowledged (also for the loser of two at once) or while
 * the unit's own 退回 (a declined REASSIGNMENT request) is open (withdraw it first), CONFLICT
 * when the task changed since `version`. Returns the new version and the time.
 */
export async function acknowledgeTask(
  ctx: DomainContext,
  input: z.infer<typeof ZAcknowledgeTaskInput>,
) {
  const { db, actor, requestId } = ctx;
  const task = await loadForLeadUnit(ctx, input.taskId, ["签收任务", "acknowledge the task"]);
  if (task.acknowledgedAt) throw alreadyAcknowledged(task);
  const at = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    // the unit said the task is not its own: it withdraws that 退回 before it accepts the task
    await lockTask(tx, task.id);
    const declined = await tx.changeRequest.count({
      where: {
        taskId: task.id,
        departmentId: task.leadDepartmentId,
        declined: true,
        state: { in: OPEN_REQUEST_STATES },
      },
    });
    if (declined > 0)
      throw invalid(
        "本单位已退回该任务，正在等待办公室处理；如确需签收，请先撤回退回申请",
        "your unit declined this task and the office has not decided yet; withdraw the decline before acknowledging",
      );
    const updated = await tx.task.updateMany({
      where: { id: task.id, version: input.version, acknowledgedAt: null },
      data: {
        acknowledgedAt: at,
        acknowledgedById: actorUserId(actor),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) {
      const now = await tx.task.findUniqueOrThrow({ where: { id: task.id } });
      if (now.acknowledgedAt) throw alreadyAcknowledged(now);
      throw staleVersion("任务", "task", now.version);
    }
    await recordAudit(tx, actor, {
      action: "task.acknowledge",
      entityType: "Task",
      entityId: task.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { acknowledgedAt: null, assignedAt: task.assignedAt },
      after: { acknowledgedAt: at, departmentId: task.leadDepartmentId },
      requestId,
    });
    return { version: input.version + 1, acknowledgedAt: at };
  });
}

/**
 * 退回 (不属于本单位职责, issue #17 step 1): the lead unit declines a task it has not acknowledged,
 * with a reason and optionally the unit it thinks is responsible. Files a REASSIGNMENT change
 * request with `declined = true` for the office to decide (decideChangeRequest), bumps the task's
 * version (so a racing 签收 and 退回 cannot both pass), audits `task.decline` and tells the office
 * ("change-request", awaiting the office). FORBIDDEN for anyone but the lead unit's staff; INVALID
 * once acknowledged (then a change request is the way) or when the unit named is not another
 * active unit of the jurisdiction; CONFLICT when a reassignment request is already open or the
 * task changed since `version`. Returns the request's id.
 */
export async function declineTask(ctx: DomainContext, input: z.infer<typeof ZDeclineTaskInput>) {
  const { db, actor, requestId } = ctx;
  const task = await loadForLeadUnit(ctx, input.taskId, ["退回任务", "decline the task"]);
  if (task.acknowledgedAt)
    throw invalid(
      "任务已签收，不能退回；如需调整牵头单位，请提交调整申请",
      "the task is acknowledged; ask for a reassignment with a change request instead",
    );
  if (input.proposedDepartmentId)
    await assertOtherActiveUnit(db, task, input.proposedDepartmentId, "proposedDepartmentId");
  const at = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    await lockTask(tx, task.id);
    const open = await tx.changeRequest.count({
      where: { taskId: task.id, kind: "REASSIGNMENT", state: { in: OPEN_REQUEST_STATES } },
    });
    if (open > 0)
      throw conflict(
        "该任务已有待审批的调整牵头单位申请，请等待办公室处理",
        "a reassignment request for this task is already open",
      );
    const updated = await tx.task.updateMany({
      where: { id: task.id, version: input.version, acknowledgedAt: null },
      data: { version: { increment: 1 } },
    });
    if (updated.count === 0) {
      const now = await tx.task.findUniqueOrThrow({ where: { id: task.id } });
      if (now.acknowledgedAt)
        throw invalid("任务已签收，不能退回", "the task is already acknowledged");
      throw staleVersion("任务", "task", now.version);
    }
    const request = await tx.changeRequest.create({
      data: {
        taskId: task.id,
        jurisdictionId: task.plan.jurisdictionId,
        departmentId: task.leadDepartmentId,
        kind: "REASSIGNMENT",
        declined: true,
        reason: input.reason,
        proposedDepartmentId: input.proposedDepartmentId ?? null,
        requestedById: actorUserId(actor),
        requestedAt: at,
      },
    });
    await recordAudit(tx, actor, {
      action: "task.decline",
      entityType: "ChangeRequest",
      entityId: request.id,
      jurisdictionId: task.plan.jurisdictionId,
      after: {
        taskId: task.id,
        departmentId: task.leadDepartmentId,
        reason: input.reason,
        proposedDepartmentId: input.proposedDepartmentId ?? null,
      },
      requestId,
    });
    await tellOfficeOfRequest(tx, actor, request, at);
    return { requestId: request.id, version: input.version + 1 };
  });
}
