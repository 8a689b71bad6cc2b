import type { z } from "zod";

import type { Db, DbOrTx, TaskStatus, Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, toDbDate } from "../calendar.ts";
import { loadAssignment } from "../cascade/assignment-access.ts";
import { withdrawInTx } from "../cascade/assignment-commands.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, invalid, notFound, staleVersion } from "../errors.ts";
import { assertActiveUnits, assertTaskDraftValid } from "../plans/create-tasks.ts";
import type {
  ZAddMilestoneInput,
  ZReassignTaskInput,
  ZRedateTaskInput,
  ZSetMilestoneDoneInput,
  ZSetTaskStatusInput,
  ZUpdateTaskInput,
} from "../schemas/task.ts";
import { closeOpenRequests } from "../supervision/change-request-rules.ts";
import { notifyLoop } from "../supervision/notify.ts";
import { actorName, loopTaskRef } from "../supervision/task-ref.ts";
import { assertTransition, progressForStatus } from "../task-status.ts";
import { loadTaskForActor, type LoadedTask } from "./load-task.ts";

const OPEN = new Set<TaskStatus>(["NOT_STARTED", "IN_PROGRESS", "SUSPENDED"]);

/** INVALID when the task's plan is archived (its tasks are read-only). */
export function assertWritablePlan(task: LoadedTask) {
  if (task.plan.status === "ARCHIVED")
    throw invalid("规划已归档，任务不能再修改", "the plan is archived; its tasks are read-only");
}

/** Optimistic update: applies only if nobody saved since `version` was read. */
export async function updateVersioned(
  tx: Tx,
  task: LoadedTask,
  version: number,
  data: Parameters<Db["task"]["updateMany"]>[0]["data"],
) {
  const updated = await tx.task.updateMany({
    where: { id: task.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw staleVersion("任务", "task", task.version);
}

export async function updateTask(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZUpdateTaskInput>,
) {
  const { task } = await loadTaskForActor(db, actor, input.taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  if (input.phaseId) {
    const phase = await db.phase.findFirst({ where: { id: input.phaseId, planId: task.planId } });
    if (!phase) throw invalid("路线图阶段不存在", "unknown roadmap phase", "phaseId");
  }
  return db.$transaction(async (tx) => {
    await updateVersioned(tx, task, input.version, {
      title: input.title,
      description: input.description,
      phaseId: input.phaseId,
    });
    await recordAudit(tx, actor, {
      action: "task.update",
      entityType: "Task",
      entityId: task.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { title: task.title, description: task.description, phaseId: task.phaseId },
      after: input,
      requestId,
    });
    return { version: input.version + 1 };
  });
}

export async function reassignTask(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZReassignTaskInput>,
) {
  const { task } = await loadTaskForActor(db, actor, input.taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  await assertTaskDraftValid(db, task.plan, {
    startDate: dateOnly(task.startDate),
    dueDate: dateOnly(task.dueDate),
    leadDepartmentId: input.leadDepartmentId,
    supportingDepartmentIds: input.supportingDepartmentIds,
    milestones: [],
  });
  return db.$transaction(async (tx) => {
    await applyReassignment(tx, { actor, requestId }, task, input);
    return { version: input.version + 1 };
  });
}

/**
 * Gives a task new units in the caller's transaction (the office's reassignTask, an approved
 * REASSIGNMENT request): lead and supporting units replaced, 交办 restarted (assignedAt = now,
 * 签收 cleared, so the new lead unit must acknowledge: issue #17 step 1), the new lead unit told
 * ("task-assigned") and the change audited (`task.reassign`, with `changeRequestId` when a request
 * caused it). Only a new lead unit restarts 交办; it also closes the previous lead unit's open change
 * requests (closeOpenRequests), and is INVALID while a completion application awaits
 * sign-off (the office decides that first). CONFLICT when the task changed since `version`;
 * INVALID for an inactive unit.
 */
export async function applyReassignment(
  tx: Tx,
  { actor, requestId, now }: Pick<DomainContext, "actor" | "requestId" | "now">,
  task: LoadedTask,
  input: {
    version: number;
    leadDepartmentId: string;
    supportingDepartmentIds: string[];
    reason: string;
    changeRequestId?: string;
  },
) {
  const at = now ?? new Date();
  const newLead = input.leadDepartmentId !== task.leadDepartmentId;
  if (newLead && task.status === "PENDING_REVIEW")
    throw invalid(
      "任务的办结申请待审核，请先审核（通过或退回）后再调整牵头单位",
      "the task's completion application awaits sign-off; decide it before changing the lead unit",
      "leadDepartmentId",
    );
  await updateVersioned(tx, task, input.version, {
    leadDepartmentId: input.leadDepartmentId,
    // a new lead unit is given the task now and must acknowledge it; supporting units alone do not restart 交办
    ...(newLead ? { assignedAt: at, acknowledgedAt: null, acknowledgedById: null } : {}),
  });
  await tx.taskSupport.deleteMany({ where: { taskId: task.id } });
  await tx.taskSupport.createMany({
    data: input.supportingDepartmentIds.map((departmentId) => ({
      taskId: task.id,
      departmentId,
    })),
  });
  await assertActiveUnits(tx, task.plan.jurisdictionId, [
    input.leadDepartmentId,
    ...input.supportingDepartmentIds,
  ]);
  await recordAudit(tx, actor, {
    action: "task.reassign",
    entityType: "Task",
    entityId: task.id,
    jurisdictionId: task.plan.jurisdictionId,
    before: {
      leadDepartmentId: task.leadDepartmentId,
      supportingDepartmentIds: task.supportingDepartments.map((s) => s.departmentId),
    },
    after: { ...input, taskId: task.id },
    requestId,
  });
  if (newLead) {
    // the previous unit no longer sees the task: it could neither withdraw its requests nor hear
    // a decision, and an open request of a kind would block the new unit's own
    await closeOpenRequests(tx, { actor, requestId, at }, task, {
      departmentId: task.leadDepartmentId,
      except: input.changeRequestId,
      why: "reassigned",
    });
    const ref = await loopTaskRef(tx, task.id);
    await notifyLoop(tx, {
      kind: "task-assigned",
      jurisdictionId: task.plan.jurisdictionId,
      subject: `【交办】${ref.taskTitle}`,
      dedupeKey: `task-assigned:${task.id}:${input.version + 1}`,
      payload: {
        ...ref,
        dueDate: dateOnly(task.dueDate),
        reassigned: true,
        assignedBy: actorName(actor),
      },
      link: { entityType: "Task", entityId: task.id, taskId: task.id, body: input.reason },
      to: { departmentIds: [input.leadDepartmentId] },
      exceptUserId: actorUserId(actor),
      now: at,
    });
  }
  return { from: task.leadDepartmentId, to: input.leadDepartmentId };
}

/** 规划调整: a new due date, with the original kept and the reason recorded. */
export async function redateTask(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZRedateTaskInput>,
) {
  const { task } = await loadTaskForActor(db, actor, input.taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  await assertRedateValid(db, task, input.dueDate);
  return db.$transaction(async (tx) => {
    await applyRedate(tx, { actor, requestId }, task, input);
    return { version: input.version + 1 };
  });
}

/**
 * Whether `dueDate` may become the task's due date: a different day, not before its start, inside
 * the plan period. INVALID (field `dueDate`) otherwise.
 */
export async function assertRedateValid(db: DbOrTx, task: LoadedTask, dueDate: string) {
  if (dateOnly(task.dueDate) === dueDate)
    throw invalid("新的完成时限与原时限相同", "the new due date equals the current one", "dueDate");
  if (dueDate < dateOnly(task.startDate))
    throw invalid("完成时限不能早于开始日期", "due date before start date", "dueDate");
  await assertTaskDraftValid(db, task.plan, {
    startDate: dateOnly(task.startDate),
    dueDate,
    leadDepartmentId: task.leadDepartmentId,
    supportingDepartmentIds: [],
    milestones: [],
  });
}

/**
 * Re-dates a task in the caller's transaction (the office's redateTask, an approved EXTENSION):
 * the new due date, a TaskDateChange row keeping the date it replaces, and the audit event
 * `task.redate`. Call assertRedateValid first. CONFLICT when the task changed since `version`.
 */
export async function applyRedate(
  tx: Tx,
  { actor, requestId }: Pick<DomainContext, "actor" | "requestId">,
  task: LoadedTask,
  input: { version: number; dueDate: string; reason: string; changeRequestId?: string },
) {
  const from = dateOnly(task.dueDate);
  await updateVersioned(tx, task, input.version, { dueDate: toDbDate(input.dueDate) });
  await tx.taskDateChange.create({
    data: {
      taskId: task.id,
      fromDueDate: task.dueDate,
      toDueDate: toDbDate(input.dueDate),
      reason: input.reason,
      changedById: actor.kind === "user" ? actor.userId : null,
    },
  });
  await recordAudit(tx, actor, {
    action: "task.redate",
    entityType: "Task",
    entityId: task.id,
    jurisdictionId: task.plan.jurisdictionId,
    before: { dueDate: from },
    after: {
      dueDate: input.dueDate,
      reason: input.reason,
      ...(input.changeRequestId ? { changeRequestId: input.changeRequestId } : {}),
    },
    requestId,
  });
  return { from, to: input.dueDate };
}

export async function setTaskStatus(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetTaskStatusInput>,
) {
  const { task, relation } = await loadTaskForActor(db, actor, input.taskId);
  if (relation !== "office" && relation !== "lead")
    throw forbidden(
      "只有牵头单位或领导小组办公室可以更改任务状态",
      "only the lead unit or the office may change a task's status",
    );
  assertWritablePlan(task);
  assertTransition(task.status, input.status, relation);
  return db.$transaction(async (tx) => {
    await applyStatus(tx, { actor, requestId }, task, input);
    return { version: input.version + 1 };
  });
}

/**
 * Sets a task's status in the caller's transaction (setTaskStatus, an approved SUSPENSION or
 * CANCELLATION): progress to match, reopened units checked, audit `task.setStatus`. Call
 * assertTransition first. CONFLICT when the task changed since `version`.
 */
export async function applyStatus(
  tx: Tx,
  { actor, requestId }: Pick<DomainContext, "actor" | "requestId">,
  task: LoadedTask,
  input: { version: number; status: TaskStatus; reason?: string; changeRequestId?: string },
) {
  const progress = progressForStatus(input.status, task.progress);
  await updateVersioned(tx, task, input.version, {
    status: input.status,
    progress,
    completedAt: input.status === "COMPLETED" ? new Date() : null,
  });
  // a derived task resumed from 暂停 takes its children's roll-up again (the triggers only run when
  // a child changes, so a child completed while it was suspended would leave it at 99 for good)
  if (task.status === "SUSPENDED" && input.status !== "SUSPENDED")
    await tx.$executeRaw`SELECT duban_cascade_recompute_tasks(ARRAY[${task.id}]::uuid[])`;
  if (input.status === "CANCELLED")
    await closeOpenRequests(tx, { actor, requestId, at: new Date() }, task, {
      except: input.changeRequestId,
      why: "cancelled",
    });
  if (input.status === "CANCELLED")
    await withdrawLiveAssignments(tx, { actor, requestId }, task, input.reason);
  // reopening a closed task gives its units open work again: they must still be active units
  if (!OPEN.has(task.status) && OPEN.has(input.status))
    await assertActiveUnits(tx, task.plan.jurisdictionId, [
      task.leadDepartmentId,
      ...task.supportingDepartments.map((s) => s.departmentId),
    ]);
  await recordAudit(tx, actor, {
    action: "task.setStatus",
    entityType: "Task",
    entityId: task.id,
    jurisdictionId: task.plan.jurisdictionId,
    before: { status: task.status, progress: task.progress },
    after: {
      status: input.status,
      progress,
      reason: input.reason,
      ...(input.changeRequestId ? { changeRequestId: input.changeRequestId } : {}),
    },
    requestId,
  });
  return { from: task.status, to: input.status };
}

/**
 * A cancelled task hands nothing down any more: each of its live assignments (待分解 or 已分解) is
 * withdrawn as 撤回 would (the receiving office told, its tasks detached and kept as its own
 * work), with the cancellation's reason.
 */
async function withdrawLiveAssignments(
  tx: Tx,
  ctx: Pick<DomainContext, "actor" | "requestId">,
  task: LoadedTask,
  reason: string | undefined,
) {
  const live = await tx.assignment.findMany({
    where: { parentTaskId: task.id, state: { not: "WITHDRAWN" } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  for (const { id } of live) {
    const a = await loadAssignment(tx, id);
    if (!a) continue;
    await withdrawInTx(tx, ctx, a, {
      version: a.version,
      reason: `上级任务已取消${reason ? `：${reason}` : ""}`,
      at: new Date(),
    });
  }
}

export async function addMilestone(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZAddMilestoneInput>,
) {
  const { task } = await loadTaskForActor(db, actor, input.taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  await assertTaskDraftValid(db, task.plan, {
    startDate: dateOnly(task.startDate),
    dueDate: dateOnly(task.dueDate),
    leadDepartmentId: task.leadDepartmentId,
    supportingDepartmentIds: [],
    milestones: [{ title: input.title, dueDate: input.dueDate }],
  });
  return db.$transaction(async (tx) => {
    const count = await tx.milestone.count({ where: { taskId: task.id } });
    const milestone = await tx.milestone.create({
      data: { taskId: task.id, title: input.title, dueDate: toDbDate(input.dueDate), order: count },
    });
    await recordAudit(tx, actor, {
      action: "milestone.create",
      entityType: "Milestone",
      entityId: milestone.id,
      jurisdictionId: task.plan.jurisdictionId,
      after: input,
      requestId,
    });
    return { milestoneId: milestone.id };
  });
}

/** The lead unit (or the office) marks a milestone done, or undoes that. */
export async function setMilestoneDone(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetMilestoneDoneInput>,
) {
  const milestone = await db.milestone.findUnique({ where: { id: input.milestoneId } });
  if (!milestone) throw notFound("时间节点", "milestone");
  const { task, relation } = await loadTaskForActor(db, actor, milestone.taskId);
  if (relation !== "office" && relation !== "lead")
    throw forbidden(
      "只有牵头单位或领导小组办公室可以标记节点完成",
      "only the lead unit or the office may mark a milestone done",
    );
  assertWritablePlan(task);
  return db.$transaction(async (tx) => {
    const updated = await tx.milestone.updateMany({
      where: { id: milestone.id, version: input.version },
      data: {
        doneAt: input.done ? new Date() : null,
        doneById: input.done && actor.kind === "user" ? actor.userId : null,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleVersion("时间节点", "milestone", milestone.version);
    await recordAudit(tx, actor, {
      action: input.done ? "milestone.done" : "milestone.undone",
      entityType: "Milestone",
      entityId: milestone.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { doneAt: milestone.doneAt },
      after: { done: input.done },
      requestId,
    });
    return { version: input.version + 1 };
  });
}
