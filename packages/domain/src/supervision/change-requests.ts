import type { z } from "zod";

import type { Prisma } from "@duban/db";

import { actorDepartmentIds } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, shanghaiDay, toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { conflict, forbidden, invalid, notFound, staleVersion } from "../errors.ts";
import { storeEvidenceBytes } from "../evidence/evidence.ts";
import { changeRequestKindLabels } from "../i18n/labels.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type {
  ZFileChangeRequestInput,
  ZListChangeRequestsInput,
  ZWithdrawChangeRequestInput,
} from "../schemas/supervision.ts";
import { allowedTransitions } from "../task-status.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { assertWritablePlan } from "../tasks/task-commands.ts";
import { assertOtherActiveUnit, lockTask, OPEN_REQUEST_STATES } from "./change-request-rules.ts";
import { tellOfficeOfRequest } from "./request-filed.ts";
import { supervisionRules } from "./settings.ts";

type FileInput = z.infer<typeof ZFileChangeRequestInput>;

/**
 * 调整申请 (issue #17 step 2): the task's lead unit asks for an extension, a reassignment, a
 * suspension, a cancellation or an indicator target change, with a reason; evidence follows by
 * POST /api/change-requests/:id/evidence. Rules:
 * - only staff of the lead unit: another unit's task is NOT_FOUND (it cannot see it) or FORBIDDEN
 *   (a supporting unit, the office, a leader), and nothing is written;
 * - one open request (PENDING / OFFICE_APPROVED) of a kind per task (CONFLICT);
 * - filed on or before the due date, unless the jurisdiction allows late requests
 *   (SupervisionSettings.allowLateRequests; the request is then marked `late`), else INVALID;
 * - EXTENSION: a date after the current due date, inside the plan period;
 * - REASSIGNMENT: the unit suggested (optional) is another active unit of the jurisdiction;
 * - SUSPENSION / CANCELLATION: only where the status machine lets the office do it;
 * - TARGET_CHANGE: an indicator of the task's plan for which the lead unit is responsible
 *   (Indicator.responsibleDepartmentId): a unit asks only about targets it answers for.
 * Audits `changeRequest.file` and tells the office ("change-request", awaiting the office).
 */
export async function fileChangeRequest(ctx: DomainContext, input: FileInput) {
  const { db, actor, requestId } = ctx;
  const { task, relation } = await loadTaskForActor(db, actor, input.taskId);
  if (relation !== "lead")
    throw forbidden(
      "只能为本单位牵头的任务提交调整申请",
      "only the task's lead unit may file a change request",
    );
  assertWritablePlan(task);
  if (task.status === "COMPLETED" || task.status === "CANCELLED")
    throw invalid("任务已办结或已取消，不能再申请调整", "the task is completed or cancelled");
  const rules = await supervisionRules(db, task.plan.jurisdictionId);
  const at = ctx.now ?? new Date();
  const today = shanghaiDay(at);
  const due = dateOnly(task.dueDate);
  const late = today > due;
  if (late && !rules.allowLateRequests)
    throw invalid(
      `已超过完成时限（${due}），不能再提交调整申请；如确需调整，请联系领导小组办公室`,
      `the due date (${due}) has passed; the office does not accept late requests`,
    );
  const data: Prisma.ChangeRequestUncheckedCreateInput = {
    taskId: task.id,
    jurisdictionId: task.plan.jurisdictionId,
    departmentId: task.leadDepartmentId,
    kind: input.kind,
    reason: input.reason,
    late,
    requestedById: actorUserId(actor),
    requestedAt: at,
  };
  if (input.kind === "EXTENSION") {
    if (input.proposedDueDate <= due)
      throw invalid(
        `申请的完成时限须晚于现完成时限 ${due}`,
        `the date asked for must be after the current due date ${due}`,
        "proposedDueDate",
      );
    if (input.proposedDueDate > `${task.plan.periodEnd}-12-31`)
      throw invalid(
        `申请的完成时限不能超出规划期（${task.plan.periodEnd} 年底）`,
        `the date asked for is after the plan period (${task.plan.periodEnd})`,
        "proposedDueDate",
      );
    data.proposedDueDate = toDbDate(input.proposedDueDate);
    data.fromDueDate = task.dueDate;
  } else if (input.kind === "REASSIGNMENT") {
    if (input.proposedDepartmentId)
      await assertOtherActiveUnit(db, task, input.proposedDepartmentId, "proposedDepartmentId");
    data.proposedDepartmentId = input.proposedDepartmentId ?? null;
  } else if (input.kind === "SUSPENSION" || input.kind === "CANCELLATION") {
    const to = input.kind === "SUSPENSION" ? "SUSPENDED" : "CANCELLED";
    if (!allowedTransitions(task.status, "office").includes(to))
      throw invalid(
        `任务当前状态不能${input.kind === "SUSPENSION" ? "暂缓" : "取消"}`,
        `the task cannot be ${to.toLowerCase()} from its current status`,
      );
  } else {
    const indicator = await db.indicator.findFirst({
      where: { id: input.indicatorId, planId: task.planId },
      select: { responsibleDepartmentId: true },
    });
    if (!indicator)
      throw invalid("指标不属于本规划", "no such indicator in this plan", "indicatorId");
    if (indicator.responsibleDepartmentId !== task.leadDepartmentId)
      throw invalid(
        "只能申请调整本单位负责的指标的目标值",
        "a unit may only ask to change the target of an indicator it is responsible for",
        "indicatorId",
      );
    data.indicatorId = input.indicatorId;
    data.proposedTargetValue = input.proposedTargetValue;
  }
  return db.$transaction(async (tx) => {
    await lockTask(tx, task.id);
    // a reassignment that committed meanwhile made the task another unit's
    const now = await tx.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { leadDepartmentId: true },
    });
    if (now.leadDepartmentId !== task.leadDepartmentId)
      throw conflict(
        "该任务的牵头单位刚刚调整，请刷新后再提交",
        "the task was just given another lead unit; reload it",
      );
    const open = await tx.changeRequest.count({
      where: { taskId: task.id, kind: input.kind, state: { in: OPEN_REQUEST_STATES } },
    });
    if (open > 0)
      throw conflict(
        `该任务已有待审批的${changeRequestKindLabels[input.kind].zh}，请等待审批结果或先撤回`,
        `an open ${input.kind} request for this task exists`,
      );
    const request = await tx.changeRequest.create({ data });
    await recordAudit(tx, actor, {
      action: "changeRequest.file",
      entityType: "ChangeRequest",
      entityId: request.id,
      jurisdictionId: task.plan.jurisdictionId,
      after: { ...input, late, departmentId: task.leadDepartmentId },
      requestId,
    });
    await tellOfficeOfRequest(tx, actor, request, at);
    return { requestId: request.id, version: request.version, late };
  });
}

/** A change request the actor may see (whoever sees its task), with the task loaded. NOT_FOUND otherwise. */
export async function loadChangeRequest(ctx: Pick<DomainContext, "db" | "actor">, id: string) {
  const request = await ctx.db.changeRequest.findUnique({ where: { id } });
  if (!request) throw notFound("调整申请", "change request");
  const loaded = await loadTaskForActor(ctx.db, ctx.actor, request.taskId).catch(() => {
    throw notFound("调整申请", "change request");
  });
  return { request, ...loaded };
}

/** FORBIDDEN unless the actor staffs the unit that filed the request. */
function assertRequester(ctx: Pick<DomainContext, "actor">, departmentId: string, what: string) {
  if (!actorDepartmentIds(ctx.actor).includes(departmentId))
    throw forbidden(`只有提出申请的单位可以${what}`, "only the requesting unit may do this");
}

/**
 * The requesting unit withdraws its open request (PENDING, or OFFICE_APPROVED before the leader
 * decides): state WITHDRAWN, audited `changeRequest.withdraw`. FORBIDDEN for anyone else, CONFLICT
 * when it was decided or changed since `version`.
 */
export async function withdrawChangeRequest(
  ctx: DomainContext,
  input: z.infer<typeof ZWithdrawChangeRequestInput>,
) {
  const { db, actor, requestId } = ctx;
  const { request, task } = await loadChangeRequest(ctx, input.requestId);
  assertRequester(ctx, request.departmentId, "撤回申请");
  assertWritablePlan(task);
  if (!OPEN_REQUEST_STATES.includes(request.state))
    throw conflict("该申请已处理，不能撤回", "the request has been decided already");
  return db.$transaction(async (tx) => {
    const updated = await tx.changeRequest.updateMany({
      where: { id: request.id, version: input.version, state: { in: OPEN_REQUEST_STATES } },
      data: { state: "WITHDRAWN", version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("调整申请", "change request", request.version);
    await recordAudit(tx, actor, {
      action: "changeRequest.withdraw",
      entityType: "ChangeRequest",
      entityId: request.id,
      jurisdictionId: task.plan.jurisdictionId,
      before: { state: request.state },
      after: { state: "WITHDRAWN" },
      requestId,
    });
    return { version: input.version + 1 };
  });
}

/**
 * Where a change request's evidence may go: the requesting unit's own request, while PENDING.
 * NOT_FOUND when the actor cannot see it, FORBIDDEN for another unit or role, INVALID once decided.
 * Cheap: the upload route calls it before it reads the request body.
 */
export async function changeRequestEvidenceTarget(
  ctx: Pick<DomainContext, "db" | "actor">,
  { requestId }: { requestId: string },
) {
  const { request, task } = await loadChangeRequest(ctx, requestId);
  assertRequester(ctx, request.departmentId, "上传申请的佐证材料");
  assertWritablePlan(task);
  if (request.state !== "PENDING")
    throw invalid(
      "申请已进入审批或已处理，不能再补充佐证材料",
      "evidence can be added only while the request awaits the office",
    );
  return { request, task };
}

/**
 * Attaches one evidence file to the unit's pending change request: permission first
 * (changeRequestEvidenceTarget), then the file's checks and store (storeEvidenceBytes), then the
 * EvidenceFile row and the audit event `evidence.add` in one transaction.
 */
export async function addChangeRequestEvidence(
  ctx: DomainContext,
  input: { requestId: string; fileName: string; bytes: Uint8Array; storageDir: string },
) {
  const { db, actor, requestId } = ctx;
  const { request, task } = await changeRequestEvidenceTarget(ctx, input);
  const { safeName, mimeType, bytes, sha256 } = await storeEvidenceBytes(ctx, input);
  return db.$transaction(async (tx) => {
    const still = await tx.changeRequest.count({ where: { id: request.id, state: "PENDING" } });
    if (still === 0)
      throw conflict("申请已被处理，不能再补充佐证材料", "the request was decided meanwhile");
    const file = await tx.evidenceFile.create({
      data: {
        changeRequestId: request.id,
        fileName: safeName,
        mimeType,
        size: bytes.byteLength,
        sha256,
        uploadedById: actorUserId(actor),
      },
    });
    await recordAudit(tx, actor, {
      action: "evidence.add",
      entityType: "EvidenceFile",
      entityId: file.id,
      jurisdictionId: task.plan.jurisdictionId,
      after: { changeRequestId: request.id, fileName: safeName, sha256, size: file.size },
      requestId,
    });
    return file;
  });
}

/**
 * The change requests of a plan (optionally of one task, in one state), newest first: the office
 * and readers see all; department staff only those of tasks their units lead or support (the
 * tasks their task list shows). Rejected and withdrawn ones stay listed. Each with its task, the
 * requesting unit, the decisions, what was applied, and its evidence files.
 */
export async function listChangeRequests(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListChangeRequestsInput>,
) {
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  const taskWhere: Prisma.TaskWhereInput = { planId: plan.id };
  if (visibility.kind === "units")
    taskWhere.OR = [
      { leadDepartmentId: { in: visibility.departmentIds } },
      { supportingDepartments: { some: { departmentId: { in: visibility.departmentIds } } } },
    ];
  const where: Prisma.ChangeRequestWhereInput = {
    task: taskWhere,
    ...(input.taskId ? { taskId: input.taskId } : {}),
    ...(input.state ? { state: input.state } : {}),
  };
  const [total, rows] = await Promise.all([
    db.changeRequest.count({ where }),
    db.changeRequest.findMany({
      where,
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      include: {
        task: { select: { id: true, title: true, dueDate: true, leadDepartmentId: true } },
        evidence: {
          select: { id: true, fileName: true, size: true, mimeType: true, uploadedAt: true },
          orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
        },
      },
    }),
  ]);
  const unitIds = [
    ...new Set(rows.flatMap((r) => [r.departmentId, r.proposedDepartmentId].filter(Boolean))),
  ] as string[];
  const userIds = [
    ...new Set(rows.flatMap((r) => [r.requestedById, r.officeDecidedById, r.leaderDecidedById])),
  ].filter(Boolean) as string[];
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId).filter(Boolean))] as string[];
  const [units, users, indicators] = await Promise.all([
    db.department.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db.indicator.findMany({
      where: { id: { in: indicatorIds } },
      select: { id: true, name: true, unit: true, targetValue: true },
    }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const indicatorOf = new Map(indicators.map((i) => [i.id, i]));
  const name = (id: string | null) => (id ? (userName.get(id) ?? null) : null);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      taskId: r.taskId,
      taskTitle: r.task.title,
      taskDueDate: dateOnly(r.task.dueDate),
      kind: r.kind,
      state: r.state,
      declined: r.declined,
      late: r.late,
      reason: r.reason,
      departmentId: r.departmentId,
      departmentName: unitName.get(r.departmentId) ?? "",
      proposedDueDate: r.proposedDueDate ? dateOnly(r.proposedDueDate) : null,
      fromDueDate: r.fromDueDate ? dateOnly(r.fromDueDate) : null,
      proposedDepartmentId: r.proposedDepartmentId,
      proposedDepartmentName: r.proposedDepartmentId
        ? (unitName.get(r.proposedDepartmentId) ?? null)
        : null,
      indicator: r.indicatorId ? (indicatorOf.get(r.indicatorId) ?? null) : null,
      proposedTargetValue: r.proposedTargetValue,
      requestedBy: name(r.requestedById),
      requestedAt: r.requestedAt,
      officeDecidedBy: name(r.officeDecidedById),
      officeDecidedAt: r.officeDecidedAt,
      officeComment: r.officeComment,
      leaderDecidedBy: name(r.leaderDecidedById),
      leaderDecidedAt: r.leaderDecidedAt,
      leaderComment: r.leaderComment,
      applied: r.applied as Record<string, unknown> | null,
      evidence: r.evidence,
    })),
  };
}
