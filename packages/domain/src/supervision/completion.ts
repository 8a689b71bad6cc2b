// 办结审核 (completion sign-off) and 评价 (quality rating): issue #17 steps 3 and 6.
import type { z } from "zod";

import type { TaskStatus } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { cascadeRefusal } from "../cascade/db-guards.ts";
import type { DomainContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound, staleVersion } from "../errors.ts";
import { storeEvidenceBytes, type StoredEvidence } from "../evidence/evidence.ts";
import { qualityRatingLabels, taskStatusLabels } from "../i18n/labels.ts";
import type { ZApplyCompletionInput, ZDecideCompletionInput } from "../schemas/supervision.ts";
import { assertTransition } from "../task-status.ts";
import { loadTaskForActor, type LoadedTask } from "../tasks/load-task.ts";
import { assertWritablePlan } from "../tasks/task-commands.ts";
import { closeOpenRequests } from "./change-request-rules.ts";
import { notifyLoop } from "./notify.ts";

/** An application carries at least one and at most this many evidence files (issue #17 step 3). */
export const MAX_COMPLETION_FILES = 10;

const APPLICABLE = new Set<TaskStatus>(["NOT_STARTED", "IN_PROGRESS"]);

/**
 * Who may apply for completion of a task, checked before a byte of the upload is read: the
 * staff of the task's lead unit, while the task is 未启动 or 推进中 in a plan that is not archived.
 * NOT_FOUND when the actor cannot see the task; FORBIDDEN for anyone but the lead unit (the
 * office, leaders and supporting units included); INVALID for a task that is already 待审核,
 * 已办结, 已暂缓 or 已取消. Returns the loaded task.
 */
export async function completionApplicantFor(
  { db, actor }: Pick<DomainContext, "db" | "actor">,
  { taskId }: { taskId: string },
): Promise<LoadedTask> {
  const { task, relation } = await loadTaskForActor(db, actor, taskId);
  if (relation !== "lead")
    throw forbidden(
      "只有该任务的牵头单位可以申请办结",
      "only the task's lead unit may apply for its completion",
    );
  if (task.plan.status === "ARCHIVED")
    throw invalid("规划已归档，任务不能再修改", "the plan is archived; its tasks are read-only");
  if (task.status === "PENDING_REVIEW")
    throw invalid(
      "该任务已提交办结申请，正在等待领导小组办公室审核",
      "a completion application for this task is already awaiting the office's sign-off",
      "status",
    );
  if (!APPLICABLE.has(task.status))
    throw invalid(
      `“${taskStatusLabels[task.status].zh}”的任务不能申请办结`,
      `a task that is ${task.status} cannot apply for completion`,
      "status",
    );
  // a decomposed task completes by itself when all its children do (issue #19 roll-up)
  if (task.derivedProgress) throw cascadeRefusal("derived-progress");
  assertTransition(task.status, "PENDING_REVIEW", "apply");
  return task;
}

/** The shape of a task's names that every loop message carries (LoopTaskRef). */
async function taskRef(
  db: DomainContext["db"],
  task: LoadedTask,
): Promise<{ taskId: string; taskTitle: string; planTitle: string; departmentName: string }> {
  const [plan, lead] = await Promise.all([
    db.plan.findUniqueOrThrow({ where: { id: task.planId }, select: { title: true } }),
    db.department.findUniqueOrThrow({
      where: { id: task.leadDepartmentId },
      select: { name: true },
    }),
  ]);
  return {
    taskId: task.id,
    taskTitle: task.title,
    planTitle: plan.title,
    departmentName: lead.name,
  };
}

/**
 * 办结申请 (issue #17 step 3): the lead unit's staff apply for completion with a summary and 1–10
 * evidence files. Order: permission and state (completionApplicantFor), the file count, each file
 * checked and stored (storeEvidenceBytes: name, size, type by content, zip limits), then one
 * transaction: the task's version check moves it to 待审核 (PENDING_REVIEW), the
 * CompletionApplication row and its EvidenceFile rows are written, an audit event, and the office
 * is told (notifyLoop "completion-applied": email + inbox); a task not yet acknowledged (签收) is
 * acknowledged with the application (audited `task.acknowledge`). A refused file or a stale version
 * writes nothing (a stored file without a row is harmless). Errors: NOT_FOUND, FORBIDDEN,
 * INVALID (field `file` for the files), CONFLICT (stale version: someone else changed the task).
 */
export async function applyForCompletion(
  ctx: DomainContext,
  input: z.infer<typeof ZApplyCompletionInput> & {
    files: Array<{ fileName: string; bytes: Uint8Array }>;
    storageDir: string;
  },
) {
  const { db, actor, requestId } = ctx;
  const task = await completionApplicantFor(ctx, { taskId: input.taskId });
  if (input.files.length === 0)
    throw invalid(
      "办结申请须附至少一份佐证材料，请上传文件",
      "a completion application needs at least one evidence file",
      "file",
    );
  if (input.files.length > MAX_COMPLETION_FILES)
    throw invalid(
      `佐证材料最多 ${MAX_COMPLETION_FILES} 份`,
      `at most ${MAX_COMPLETION_FILES} evidence files`,
      "file",
    );
  if (task.version !== input.version) throw staleVersion("任务", "task", task.version);
  const stored: StoredEvidence[] = [];
  for (const f of input.files)
    stored.push(
      await storeEvidenceBytes(ctx, {
        fileName: f.fileName,
        bytes: f.bytes,
        storageDir: input.storageDir,
      }),
    );
  const ref = await taskRef(db, task);
  const userId = actor.kind === "user" ? actor.userId : null;
  return db.$transaction(async (tx) => {
    const moved = await tx.task.updateMany({
      where: { id: task.id, version: input.version, status: { in: [...APPLICABLE] } },
      data: { status: "PENDING_REVIEW", version: { increment: 1 } },
    });
    if (moved.count === 0) throw staleVersion("任务", "task", task.version);
    // a unit that applies for completion has accepted the task: an unacknowledged one is
    // acknowledged with it (else it stays 待签收 in the office's lists and reminders, and the unit
    // could still decline a task awaiting sign-off)
    const at = ctx.now ?? new Date();
    const acknowledged = await tx.task.updateMany({
      where: { id: task.id, acknowledgedAt: null },
      data: { acknowledgedAt: at, acknowledgedById: userId },
    });
    if (acknowledged.count > 0)
      await recordAudit(tx, actor, {
        action: "task.acknowledge",
        entityType: "Task",
        entityId: task.id,
        jurisdictionId: task.plan.jurisdictionId,
        before: { acknowledgedAt: null, assignedAt: task.assignedAt },
        after: { acknowledgedAt: at, departmentId: task.leadDepartmentId, by: "completion.apply" },
        requestId,
      });
    const application = await tx.completionApplication.create({
      data: {
        taskId: task.id,
        departmentId: task.leadDepartmentId,
        summary: input.summary,
        appliedById: userId,
      },
    });
    const evidence = [];
    for (const s of stored)
      evidence.push(
        await tx.evidenceFile.create({
          data: {
            completionApplicationId: application.id,
            fileName: s.safeName,
            mimeType: s.mimeType,
            size: s.bytes.byteLength,
            sha256: s.sha256,
            uploadedById: userId,
          },
          select: { id: true, fileName: true, size: true, mimeType: true },
        }),
      );
    await recordAudit(tx, actor, {
      action: "completion.apply",
      entityType: "CompletionApplication",
      entityId: application.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { taskId: task.id, status: task.status },
      after: {
        taskId: task.id,
        status: "PENDING_REVIEW",
        summary: input.summary,
        evidence: evidence.map((e, i) => ({ ...e, sha256: stored[i]!.sha256 })),
      },
      requestId,
    });
    await notifyLoop(tx, {
      kind: "completion-applied",
      jurisdictionId: task.plan.jurisdictionId,
      subject: `办结申请：${task.title}`,
      dedupeKey: `completion:${application.id}:applied`,
      payload: {
        ...ref,
        applicationId: application.id,
        summary: input.summary,
        evidenceCount: evidence.length,
        appliedBy: actor.kind === "user" ? actor.name : ref.departmentName,
      },
      link: {
        entityType: "CompletionApplication",
        entityId: application.id,
        taskId: task.id,
        body: `${ref.departmentName}申请办结，请审核。`,
      },
      to: { roles: ["OFFICE"] },
      exceptUserId: userId,
      now: ctx.now,
    });
    return {
      applicationId: application.id,
      version: application.version,
      taskVersion: input.version + 1,
      evidence,
    };
  });
}

/**
 * 办结审核 and 评价 (issue #17 steps 3 and 6): the office of the task's jurisdiction decides a
 * PENDING application. Approve: the task becomes 已办结 (COMPLETED, progress 100, completedAt)
 * with the rating (优秀/良好/一般/较差) and its comment on the task and the application. Return
 * (comment required by the schema): the task goes back to 推进中 (progress at most 99). Both in
 * one transaction guarded by the application's version and state, so of two racing decisions
 * exactly one wins and the other gets CONFLICT with nothing changed; the task's open change
 * requests are closed on approval (closeOpenRequests); audit event; the lead unit is
 * told (notifyLoop "completion-decided"). After a return the unit may apply again (a new row).
 * Errors: NOT_FOUND (unknown or invisible), FORBIDDEN (not this jurisdiction's office),
 * CONFLICT (already decided, stale version).
 */
export async function decideCompletion(
  ctx: DomainContext,
  input: z.infer<typeof ZDecideCompletionInput>,
) {
  const { db, actor, requestId } = ctx;
  const application = await db.completionApplication.findUnique({
    where: { id: input.applicationId },
  });
  if (!application) throw notFound("办结申请", "completion application");
  const { task } = await loadTaskForActor(db, actor, application.taskId).catch(() => {
    throw notFound("办结申请", "completion application");
  });
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  if (application.state !== "PENDING")
    throw conflict(
      `该办结申请已${application.state === "APPROVED" ? "审核通过" : "退回"}，不能再次审核`,
      `the application was already ${application.state.toLowerCase()}`,
    );
  if (application.version !== input.version)
    throw staleVersion("办结申请", "completion application", application.version);
  const approve = input.approve;
  assertTransition(task.status, approve ? "COMPLETED" : "IN_PROGRESS", "sign-off");
  const ref = await taskRef(db, task);
  const userId = actor.kind === "user" ? actor.userId : null;
  const now = ctx.now ?? new Date();
  const rating = input.approve ? input.rating : null;
  const comment = input.comment ? input.comment : null;
  return db.$transaction(async (tx) => {
    const decided = await tx.completionApplication.updateMany({
      where: { id: application.id, version: input.version, state: "PENDING" },
      data: {
        state: approve ? "APPROVED" : "RETURNED",
        decidedById: userId,
        decidedAt: now,
        comment,
        rating,
        version: { increment: 1 },
      },
    });
    if (decided.count === 0)
      throw staleVersion("办结申请", "completion application", application.version);
    const progress = approve ? 100 : Math.min(task.progress, 99);
    const moved = await tx.task.updateMany({
      where: { id: task.id, status: "PENDING_REVIEW" },
      data: approve
        ? {
            status: "COMPLETED",
            progress,
            completedAt: now,
            rating,
            ratingComment: comment,
            ratedAt: now,
            ratedById: userId,
            version: { increment: 1 },
          }
        : { status: "IN_PROGRESS", progress, completedAt: null, version: { increment: 1 } },
    });
    if (moved.count === 0) throw staleVersion("任务", "task", task.version);
    if (approve)
      await closeOpenRequests(tx, { actor, requestId, at: now }, task, { why: "completed" });
    await recordAudit(tx, actor, {
      action: approve ? "completion.approve" : "completion.return",
      entityType: "CompletionApplication",
      entityId: application.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { state: "PENDING", taskStatus: task.status, progress: task.progress },
      after: {
        state: approve ? "APPROVED" : "RETURNED",
        taskId: task.id,
        taskStatus: approve ? "COMPLETED" : "IN_PROGRESS",
        progress,
        rating,
        comment,
      },
      requestId,
    });
    await notifyLoop(tx, {
      kind: "completion-decided",
      jurisdictionId: task.plan.jurisdictionId,
      subject: approve
        ? `办结审核通过：${task.title}（评价：${qualityRatingLabels[rating!].zh}）`
        : `办结申请被退回：${task.title}`,
      dedupeKey: `completion:${application.id}:decided`,
      payload: {
        ...ref,
        applicationId: application.id,
        approved: approve,
        comment,
        rating,
        decidedBy: actor.kind === "user" ? actor.name : "领导小组办公室",
      },
      link: {
        entityType: "CompletionApplication",
        entityId: application.id,
        taskId: task.id,
        body: approve
          ? `已办结，评价：${qualityRatingLabels[rating!].zh}${comment ? `。${comment}` : ""}`
          : `退回意见：${comment ?? ""}`,
      },
      to: { departmentIds: [application.departmentId] },
      exceptUserId: userId,
      now: ctx.now,
    });
    return { version: input.version + 1, taskStatus: approve ? "COMPLETED" : "IN_PROGRESS" };
  });
}

/**
 * A task's completion applications, newest first, each with its evidence (download at
 * /api/evidence/:id), who applied and who decided (names), the decision, comment and rating.
 * Whoever may see the task sees them (visibility.ts through loadTaskForActor); anyone else gets
 * NOT_FOUND.
 */
export async function listCompletionApplications(
  { db, actor }: DomainContext,
  { taskId }: { taskId: string },
) {
  await loadTaskForActor(db, actor, taskId);
  const rows = await db.completionApplication.findMany({
    where: { taskId },
    orderBy: [{ appliedAt: "desc" }, { id: "asc" }],
    include: {
      evidence: {
        select: { id: true, fileName: true, size: true, mimeType: true, uploadedAt: true },
        orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
      },
    },
  });
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.appliedById, r.decidedById]).filter((id) => id !== null)),
  ];
  const departmentIds = [...new Set(rows.map((r) => r.departmentId))];
  const [users, departments] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.department.findMany({
      where: { id: { in: departmentIds } },
      select: { id: true, name: true },
    }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const unitName = new Map(departments.map((d) => [d.id, d.name]));
  return rows.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    departmentId: r.departmentId,
    departmentName: unitName.get(r.departmentId) ?? "",
    summary: r.summary,
    state: r.state,
    appliedAt: r.appliedAt,
    appliedByName: r.appliedById ? (userName.get(r.appliedById) ?? null) : null,
    decidedAt: r.decidedAt,
    decidedByName: r.decidedById ? (userName.get(r.decidedById) ?? null) : null,
    comment: r.comment,
    rating: r.rating,
    version: r.version,
    evidence: r.evidence,
  }));
}
