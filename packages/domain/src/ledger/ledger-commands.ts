import type { z } from "zod";

import type { Db, TaskStatus } from "@duban/db";

import { actorDepartmentIds, assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound, staleVersion } from "../errors.ts";
import type { ZReviewLedgerEntryInput } from "../schemas/ledger.ts";
import { allowedTransitions, assertTransition, progressForStatus } from "../task-status.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";

export type EntryFields = {
  progressText: string;
  percentComplete: number;
  status: TaskStatus;
  problems: string;
  nextSteps: string;
};

function checkFields(fields: EntryFields) {
  if (fields.status === "COMPLETED" && fields.percentComplete !== 100)
    throw invalid(
      "状态为“已完成”时完成比例应为 100%",
      "a completed task is 100 % complete",
      "percentComplete",
    );
  if (fields.status !== "COMPLETED" && fields.percentComplete === 100)
    throw invalid(
      "完成比例为 100% 时请将状态选为“已完成”",
      "100 % complete means the status is COMPLETED",
      "status",
    );
}

/**
 * A lead unit's report cannot complete its task (issue #17 step 3): 已完成 and 100 % are reached
 * only through the completion application (办结申请, with evidence) and the office's sign-off. A
 * task already 已办结 may still be reported as it is. Supporting units' reports are about their
 * own part and do not move the task, so they keep every status.
 */
function assertLeadReport(taskStatus: TaskStatus, fields: EntryFields) {
  if (taskStatus === "COMPLETED") return;
  if (fields.status === "COMPLETED" || fields.percentComplete === 100)
    throw invalid(
      "台账填报不能办结任务：请通过办结申请（附佐证材料）提交，经领导小组办公室审核后办结",
      "a ledger report cannot complete the task: apply for completion with evidence for the office's sign-off",
      fields.status === "COMPLETED" ? "status" : "percentComplete",
    );
}

/**
 * The status a lead unit's report may carry: the task's own or a move the unit may make. While
 * the task awaits sign-off (待审核, which no report carries) the unit still reports the quarter
 * as 推进中; the report does not move the task (reviewLedgerEntry leaves a 待审核 task alone).
 */
function assertLeadStatus(taskStatus: TaskStatus, fields: EntryFields) {
  if (taskStatus === "PENDING_REVIEW" && fields.status === "IN_PROGRESS") return;
  assertTransition(taskStatus, fields.status, "lead");
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Everything that must hold before a unit's first report on a task in a cycle is written. */
export async function validateSubmission(
  db: Db,
  actor: Actor,
  input: EntryFields & { taskId: string; cycleId: string; departmentId?: string },
  now: Date,
) {
  const { task, relation } = await loadTaskForActor(db, actor, input.taskId);
  if (relation !== "lead" && relation !== "support")
    throw forbidden(
      "只有该任务的牵头或配合单位可以填报台账",
      "only the task's lead or supporting units report on it",
    );
  const mine = actorDepartmentIds(actor, task.plan.jurisdictionId);
  const involved = [
    task.leadDepartmentId,
    ...task.supportingDepartments.map((s) => s.departmentId),
  ].filter((id) => mine.includes(id));
  const departmentId = input.departmentId ?? involved[0];
  if (!departmentId || !involved.includes(departmentId))
    throw forbidden(
      "所选单位不是该任务的责任单位",
      "that department is not responsible for this task",
    );
  if (departmentId === task.leadDepartmentId) assertLeadReport(task.status, input);
  checkFields(input);
  if (departmentId === task.leadDepartmentId) assertLeadStatus(task.status, input);
  const cycle = await db.reportingCycle.findFirst({
    where: { id: input.cycleId, planId: task.planId },
  });
  if (!cycle) throw notFound("填报周期", "reporting cycle");
  if (cycle.state !== "OPEN" || now > cycle.closesAt)
    throw invalid(
      `${cycle.period} 填报窗口未开启或已关闭`,
      `the ${cycle.period} reporting window is not open`,
    );
  return { task, cycle, departmentId, late: now > cycle.dueAt };
}

export async function insertEntry(
  tx: Tx,
  actor: Actor,
  checked: Awaited<ReturnType<typeof validateSubmission>>,
  input: EntryFields,
  now: Date,
  requestId?: string,
) {
  const { task, cycle, departmentId, late } = checked;
  const entry = await tx.ledgerEntry.create({
    data: {
      taskId: task.id,
      cycleId: cycle.id,
      period: cycle.period,
      departmentId,
      revision: 1,
      progressText: input.progressText,
      percentComplete: input.percentComplete,
      status: input.status,
      problems: input.problems,
      nextSteps: input.nextSteps,
      submittedById: actor.kind === "user" ? actor.userId : null,
      submittedAt: now,
      late,
    },
  });
  await recordAudit(tx, actor, {
    action: "ledger.submit",
    entityType: "LedgerEntry",
    entityId: entry.id,
    jurisdictionId: task.plan.jurisdictionId,
    after: { ...input, taskId: task.id, cycleId: cycle.id, departmentId, late },
    requestId,
  });
  return entry;
}

/**
 * 台账: a unit reports on a task it leads or supports, once per cycle. A second report for the
 * same task and cycle is an amendment, never an overwrite.
 */
export async function submitLedgerEntry(
  { db, actor, requestId, now = new Date() }: DomainContext,
  input: EntryFields & { taskId: string; cycleId: string; departmentId?: string },
) {
  const checked = await validateSubmission(db, actor, input, now);
  try {
    return await db.$transaction((tx) => insertEntry(tx, actor, checked, input, now, requestId));
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw conflict(
        "本季度已填报过该任务，请使用“修改”提交新版本",
        "already reported for this cycle: amend the entry instead",
      );
    throw error;
  }
}

async function loadEntry(db: Db, actor: Actor, entryId: string) {
  const entry = await db.ledgerEntry.findUnique({
    where: { id: entryId },
    include: { cycle: true, evidence: true },
  });
  if (!entry) throw notFound("台账记录", "ledger entry");
  const { task, relation } = await loadTaskForActor(db, actor, entry.taskId);
  return { entry, task, relation };
}

/** Everything that must hold before a unit amends its own current entry. */
export async function validateAmendment(
  db: Db,
  actor: Actor,
  input: EntryFields & { entryId: string; version: number },
  now: Date,
) {
  const { entry, task } = await loadEntry(db, actor, input.entryId);
  if (!actorDepartmentIds(actor, task.plan.jurisdictionId).includes(entry.departmentId))
    throw forbidden("只能修改本单位的台账", "you can only amend your own unit's entries");
  if (!entry.isCurrent)
    throw conflict(
      "该记录已有更新的版本，请在最新版本上修改",
      "a newer revision exists; amend the latest one",
      { currentVersion: entry.version },
    );
  if (entry.cycle.state === "CLOSED" || now > entry.cycle.closesAt)
    throw invalid(`${entry.period} 填报周期已关闭，不能再修改`, "the cycle is closed");
  if (entry.departmentId === task.leadDepartmentId) assertLeadReport(task.status, input);
  checkFields(input);
  if (entry.departmentId === task.leadDepartmentId) assertLeadStatus(task.status, input);
  return { entry, task };
}

export async function insertRevision(
  tx: Tx,
  actor: Actor,
  checked: Awaited<ReturnType<typeof validateAmendment>>,
  input: EntryFields & { version: number },
  now: Date,
  requestId?: string,
) {
  const { entry, task } = checked;
  const retired = await tx.ledgerEntry.updateMany({
    where: { id: entry.id, version: input.version, isCurrent: true },
    data: { isCurrent: false, version: { increment: 1 } },
  });
  if (retired.count === 0) throw staleVersion("台账记录", "ledger entry", entry.version);
  const next = await tx.ledgerEntry.create({
    data: {
      taskId: entry.taskId,
      cycleId: entry.cycleId,
      period: entry.period,
      departmentId: entry.departmentId,
      revision: entry.revision + 1,
      supersedesId: entry.id,
      progressText: input.progressText,
      percentComplete: input.percentComplete,
      status: input.status,
      problems: input.problems,
      nextSteps: input.nextSteps,
      submittedById: actor.kind === "user" ? actor.userId : null,
      submittedAt: now,
      late: entry.late || now > entry.cycle.dueAt,
      evidence: {
        create: entry.evidence.map((e) => ({
          fileName: e.fileName,
          mimeType: e.mimeType,
          size: e.size,
          sha256: e.sha256,
          uploadedById: e.uploadedById,
          uploadedAt: e.uploadedAt,
        })),
      },
    },
  });
  await recordAudit(tx, actor, {
    action: "ledger.amend",
    entityType: "LedgerEntry",
    entityId: next.id,
    jurisdictionId: task.plan.jurisdictionId,
    before: { id: entry.id, revision: entry.revision, reviewState: entry.reviewState },
    after: { ...input, revision: next.revision },
    requestId,
  });
  return next;
}

/** A new revision; the previous one stays in the history. Returned or approved entries go back to review. */
export async function amendLedgerEntry(
  { db, actor, requestId, now = new Date() }: DomainContext,
  input: EntryFields & { entryId: string; version: number },
) {
  const checked = await validateAmendment(db, actor, input, now);
  return db.$transaction((tx) => insertRevision(tx, actor, checked, input, now, requestId));
}

/**
 * The office approves or returns an entry. Approving the lead unit's report moves the task's
 * status and progress to what the unit reported (reviewed progress is the progress that counts),
 * but only as the unit itself may move it: never to 已完成 (issue #17 step 3: that is the
 * completion sign-off), never a task that is 待审核, 已办结 or 已取消.
 */
export async function reviewLedgerEntry(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZReviewLedgerEntryInput>,
) {
  const { entry, task } = await loadEntry(db, actor, input.entryId);
  assertOffice(actor, task.plan.jurisdictionId);
  if (!entry.isCurrent)
    throw conflict(
      "该记录已被修改，请审核最新版本",
      "the entry has been amended; review the latest revision",
    );
  if (entry.reviewState !== "SUBMITTED")
    throw conflict(
      `该记录已${entry.reviewState === "APPROVED" ? "通过" : "退回"}`,
      `the entry is already ${entry.reviewState.toLowerCase()}`,
    );
  const approve = input.decision === "APPROVE";
  return db.$transaction(async (tx) => {
    const updated = await tx.ledgerEntry.updateMany({
      where: { id: entry.id, version: input.version, isCurrent: true, reviewState: "SUBMITTED" },
      data: {
        reviewState: approve ? "APPROVED" : "RETURNED",
        reviewedById: actor.kind === "user" ? actor.userId : null,
        reviewedAt: new Date(),
        reviewComment: input.comment || null,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleVersion("台账记录", "ledger entry", entry.version);
    let taskChange: { status: TaskStatus; progress: number } | null = null;
    // the reviewed report moves the task only as the lead unit itself may (issue #17 step 3):
    // never to 已办结 (that is the completion sign-off), never out of 待审核, 已办结, a plan
    // adjustment (暂缓/取消) made since, or into a status the task has since left behind
    // a decomposed task's progress rolls up from its children (issue #19): the report is kept as
    // the unit's account and moves nothing
    if (
      approve &&
      !task.derivedProgress &&
      entry.departmentId === task.leadDepartmentId &&
      entry.status !== "COMPLETED" &&
      (entry.status === task.status ||
        allowedTransitions(task.status, "lead").includes(entry.status)) &&
      task.status !== "CANCELLED" &&
      task.status !== "COMPLETED" &&
      task.status !== "PENDING_REVIEW"
    ) {
      const progress = progressForStatus(entry.status, entry.percentComplete);
      taskChange = { status: entry.status, progress };
      await tx.task.update({
        where: { id: task.id },
        data: { status: entry.status, progress, completedAt: null, version: { increment: 1 } },
      });
      await recordAudit(tx, actor, {
        action: "task.progressFromLedger",
        entityType: "Task",
        entityId: task.id,
        jurisdictionId: task.plan.jurisdictionId,
        before: { status: task.status, progress: task.progress },
        after: { ...taskChange, ledgerEntryId: entry.id },
        requestId,
      });
    }
    await recordAudit(tx, actor, {
      action: approve ? "ledger.approve" : "ledger.return",
      entityType: "LedgerEntry",
      entityId: entry.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { reviewState: entry.reviewState },
      after: { reviewState: approve ? "APPROVED" : "RETURNED", comment: input.comment },
      requestId,
    });
    return { version: input.version + 1, taskChange };
  });
}
