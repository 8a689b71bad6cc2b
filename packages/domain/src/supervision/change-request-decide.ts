import type { z } from "zod";

import type { ChangeRequestModel as ChangeRequest, Prisma, TaskStatus, Tx } from "@duban/db";

import { directRoles, isOffice } from "../access.ts";
import { actorUserId } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { conflict, forbidden, invalid, staleVersion } from "../errors.ts";
import { changeRequestKindLabels, changeRequestStateLabels } from "../i18n/labels.ts";
import { applyIndicatorAdjustment } from "../indicators/adjust-indicator.ts";
import { assertActiveUnits } from "../plans/create-tasks.ts";
import type { ZDecideChangeRequestInput } from "../schemas/supervision.ts";
import { assertTransition } from "../task-status.ts";
import type { LoadedTask } from "../tasks/load-task.ts";
import {
  applyReassignment,
  applyRedate,
  applyStatus,
  assertRedateValid,
  assertWritablePlan,
} from "../tasks/task-commands.ts";
import { loadChangeRequest } from "./change-requests.ts";
import { notifyLoop } from "./notify.ts";
import { supervisionRules } from "./settings.ts";
import { actorName, loopTaskRef } from "./task-ref.ts";

type DecideInput = z.infer<typeof ZDecideChangeRequestInput>;

/** What an approval will change, fixed by the office's decision (a leader approves it as it stands). */
type Terms =
  | { kind: "EXTENSION"; dueDate: string }
  | { kind: "REASSIGNMENT"; leadDepartmentId: string; supportingDepartmentIds: string[] }
  | { kind: "SUSPENSION" | "CANCELLATION"; status: TaskStatus }
  | { kind: "TARGET_CHANGE"; indicatorId: string; targetValue: number };

const isLeader = (actor: DomainContext["actor"], jurisdictionId: string) =>
  directRoles(actor, jurisdictionId).some((m) => m.role === "LEADER");

/**
 * The decision on a change request (issue #17 step 2). A PENDING request is decided by the office
 * of the task's jurisdiction; where SupervisionSettings.leaderApprovalRequired, the office's
 * approval makes it OFFICE_APPROVED and the jurisdiction's leaders are told ("change-request",
 * awaiting the leader), and a LEADER of the jurisdiction then approves or rejects it. The office
 * fixes the terms when approving: the new due date of an EXTENSION (default the date asked for),
 * the new lead and supporting units of a REASSIGNMENT (default: the unit suggested, the current
 * supporting units); the leader decides those terms as they stand (passing other terms is INVALID).
 *
 * On the final approval the change is applied in the same transaction, with history, by the same
 * code as the office's own commands: EXTENSION → applyRedate (TaskDateChange keeps the old date),
 * REASSIGNMENT → applyReassignment (待签收 again, the new unit told "task-assigned"), SUSPENSION /
 * CANCELLATION → applyStatus (by the status machine's office transitions), TARGET_CHANGE →
 * applyIndicatorAdjustment (an IndicatorAdjustment TARGET_VALUE with the request's id keeps the old target). What was applied is kept in ChangeRequest.applied ({fromDueDate,toDueDate},
 * {fromDepartmentId,toDepartmentId,…}, {fromStatus,toStatus}, {indicatorId,from,to}). The requesting
 * unit is told of the final decision ("change-request-decided"). Audit: `changeRequest.decide`.
 *
 * Errors: FORBIDDEN for the wrong role at the request's stage (a unit; a leader while the office is
 * due; the office while a leader is due); CONFLICT when the request was decided, withdrawn or
 * changed since `version` (of two decisions at once exactly one passes) or the task changed;
 * INVALID for a rejection without a comment or terms that do not hold.
 */
export async function decideChangeRequest(ctx: DomainContext, input: DecideInput) {
  const { db, actor, requestId } = ctx;
  const { request, task } = await loadChangeRequest(ctx, input.requestId);
  const jurisdictionId = task.plan.jurisdictionId;
  const stage =
    request.state === "PENDING" ? "office" : request.state === "OFFICE_APPROVED" ? "leader" : null;
  if (!stage)
    throw conflict(
      `该申请已处理（${changeRequestStateLabels[request.state].zh}），不能再审批`,
      `the request is already ${request.state.toLowerCase()}`,
      { currentVersion: request.version },
    );
  if (stage === "office" && !isOffice(actor, jurisdictionId))
    throw forbidden(
      "该申请待领导小组办公室审批，只有本级领导小组办公室可以审批",
      "the request awaits the office: only this jurisdiction's office may decide it",
    );
  if (stage === "leader" && !isLeader(actor, jurisdictionId))
    throw forbidden(
      "该申请已经办公室同意，待领导审批，只有本级领导可以审批",
      "the request awaits a leader's approval: only a leader of this jurisdiction may decide it",
    );
  if (!input.approve && !input.comment?.trim())
    throw invalid("不批准时请填写审批意见", "give a comment when rejecting", "comment");
  if (
    stage === "leader" &&
    (input.leadDepartmentId || input.supportingDepartmentIds || input.dueDate)
  )
    throw invalid(
      "领导审批只能同意或不同意办公室的审批意见，不能修改调整内容",
      "a leader approves or rejects the office's decision as it stands",
    );
  assertWritablePlan(task);
  const rules = await supervisionRules(db, jurisdictionId);
  const terms = input.approve
    ? await termsOf(ctx, request, task, stage === "office" ? input : storedTerms(request))
    : null;
  const nextState = !input.approve
    ? "REJECTED"
    : stage === "office" && rules.leaderApprovalRequired
      ? "OFFICE_APPROVED"
      : "APPROVED";
  const at = ctx.now ?? new Date();
  const decision =
    stage === "office"
      ? {
          officeDecidedById: actorUserId(actor),
          officeDecidedAt: at,
          officeComment: input.comment ?? null,
        }
      : {
          leaderDecidedById: actorUserId(actor),
          leaderDecidedAt: at,
          leaderComment: input.comment ?? null,
        };
  return db.$transaction(async (tx) => {
    // the request row first: of two decisions at once, the second waits here and then finds nothing
    const updated = await tx.changeRequest.updateMany({
      where: { id: request.id, version: input.version, state: request.state },
      data: {
        ...decision,
        state: nextState,
        ...(nextState === "OFFICE_APPROVED"
          ? { applied: { terms } as Prisma.InputJsonObject }
          : {}),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw staleVersion("调整申请", "change request", request.version);
    const ref = await loopTaskRef(tx, task.id);
    // the requesting unit hears the decision before it is applied: a reassignment approved on a
    // decline takes the task away from that unit, and the inbox only writes to who sees the task
    if (nextState !== "OFFICE_APPROVED")
      await notifyLoop(tx, {
        kind: "change-request-decided",
        jurisdictionId,
        subject: `【${nextState === "APPROVED" ? "已批准" : "未批准"}】${changeRequestKindLabels[request.kind].zh}：${ref.taskTitle}`,
        dedupeKey: `change-request:${request.id}:decided`,
        payload: {
          ...ref,
          requestId: request.id,
          kind: request.kind,
          approved: nextState === "APPROVED",
          comment: input.comment ?? null,
          decidedBy: actorName(actor),
          newDueDate: terms?.kind === "EXTENSION" ? terms.dueDate : null,
        },
        link: {
          entityType: "ChangeRequest",
          entityId: request.id,
          taskId: task.id,
          body: input.comment ?? "",
        },
        to: { departmentIds: [request.departmentId] },
        exceptUserId: actorUserId(actor),
        now: at,
      });
    const applied =
      nextState === "APPROVED" ? await applyTerms(tx, ctx, task, request, terms!) : null;
    if (applied)
      await tx.changeRequest.update({
        where: { id: request.id },
        data: { applied: applied as Prisma.InputJsonObject },
      });
    await recordAudit(tx, actor, {
      action: "changeRequest.decide",
      entityType: "ChangeRequest",
      entityId: request.id,
      jurisdictionId,
      before: { state: request.state },
      after: { state: nextState, stage, comment: input.comment ?? null, terms, applied },
      requestId,
    });
    if (nextState === "OFFICE_APPROVED")
      await notifyLoop(tx, {
        kind: "change-request",
        jurisdictionId,
        subject: `【待领导审批·${changeRequestKindLabels[request.kind].zh}】${ref.taskTitle}`,
        dedupeKey: `change-request:${request.id}:office-approved`,
        payload: {
          ...ref,
          requestId: request.id,
          kind: request.kind,
          declined: request.declined,
          reason: request.reason,
          proposedDueDate:
            terms?.kind === "EXTENSION"
              ? terms.dueDate
              : request.proposedDueDate
                ? dateOnly(request.proposedDueDate)
                : null,
          requestedBy: ref.departmentName,
          awaiting: "leader",
        },
        link: {
          entityType: "ChangeRequest",
          entityId: request.id,
          taskId: task.id,
          body: input.comment ?? request.reason,
        },
        to: { roles: ["LEADER"] },
        exceptUserId: actorUserId(actor),
        now: at,
      });
    return { state: nextState, version: input.version + 1, applied };
  });
}

/** The terms the office fixed, kept on the request while a leader's approval is due. */
function storedTerms(request: ChangeRequest): Partial<DecideInput> {
  const t = (request.applied as { terms?: Terms } | null)?.terms;
  if (!t) return {};
  if (t.kind === "EXTENSION") return { dueDate: t.dueDate };
  if (t.kind === "REASSIGNMENT")
    return {
      leadDepartmentId: t.leadDepartmentId,
      supportingDepartmentIds: t.supportingDepartmentIds,
    };
  return {};
}

/** The terms of an approval, checked against the task as it is now. INVALID when they do not hold. */
async function termsOf(
  { db }: DomainContext,
  request: ChangeRequest,
  task: LoadedTask,
  given: Partial<Pick<DecideInput, "dueDate" | "leadDepartmentId" | "supportingDepartmentIds">>,
): Promise<Terms> {
  switch (request.kind) {
    case "EXTENSION": {
      const dueDate =
        given.dueDate ?? (request.proposedDueDate ? dateOnly(request.proposedDueDate) : null);
      if (!dueDate) throw invalid("请填写新的完成时限", "give the new due date", "dueDate");
      await assertRedateValid(db, task, dueDate);
      return { kind: "EXTENSION", dueDate };
    }
    case "REASSIGNMENT": {
      const lead = given.leadDepartmentId ?? request.proposedDepartmentId;
      if (!lead) throw invalid("请指定新的牵头单位", "name the new lead unit", "leadDepartmentId");
      if (lead === task.leadDepartmentId)
        throw invalid(
          "新的牵头单位与现牵头单位相同；如不调整，请选择不批准",
          "the new lead unit is the current one; reject the request instead",
          "leadDepartmentId",
        );
      const supporting = (
        given.supportingDepartmentIds ?? task.supportingDepartments.map((s) => s.departmentId)
      ).filter((id) => id !== lead);
      if (given.supportingDepartmentIds?.includes(lead))
        throw invalid(
          "牵头单位不能同时是配合单位",
          "the lead unit cannot also be a supporting unit",
          "supportingDepartmentIds",
        );
      await assertActiveUnits(db, task.plan.jurisdictionId, [lead, ...supporting]);
      return { kind: "REASSIGNMENT", leadDepartmentId: lead, supportingDepartmentIds: supporting };
    }
    case "SUSPENSION":
    case "CANCELLATION": {
      const status: TaskStatus = request.kind === "SUSPENSION" ? "SUSPENDED" : "CANCELLED";
      assertTransition(task.status, status, "office");
      if (task.status === status)
        throw invalid("任务已处于该状态", "the task already has that status");
      return { kind: request.kind, status };
    }
    case "TARGET_CHANGE": {
      if (!request.indicatorId || request.proposedTargetValue === null)
        throw invalid("申请缺少指标或目标值", "the request names no indicator or target");
      const indicator = await db.indicator.count({
        where: { id: request.indicatorId, planId: task.planId },
      });
      if (!indicator)
        throw invalid("指标已不存在", "the indicator no longer exists", "indicatorId");
      return {
        kind: "TARGET_CHANGE",
        indicatorId: request.indicatorId,
        targetValue: request.proposedTargetValue,
      };
    }
  }
  throw invalid("未知的申请类型", "unknown request kind");
}

/** Applies approved terms in the decision's transaction; returns what was applied (ChangeRequest.applied). */
async function applyTerms(
  tx: Tx,
  ctx: DomainContext,
  task: LoadedTask,
  request: ChangeRequest,
  terms: Terms,
): Promise<Record<string, unknown>> {
  const audit = { actor: ctx.actor, requestId: ctx.requestId, now: ctx.now };
  const reason = `${changeRequestKindLabels[request.kind].zh}（经审批）：${request.reason}`;
  switch (terms.kind) {
    case "EXTENSION": {
      const r = await applyRedate(tx, audit, task, {
        version: task.version,
        dueDate: terms.dueDate,
        reason,
        changeRequestId: request.id,
      });
      return { fromDueDate: r.from, toDueDate: r.to };
    }
    case "REASSIGNMENT": {
      await applyReassignment(tx, audit, task, {
        version: task.version,
        leadDepartmentId: terms.leadDepartmentId,
        supportingDepartmentIds: terms.supportingDepartmentIds,
        reason,
        changeRequestId: request.id,
      });
      const names = await tx.department.findMany({
        where: { id: { in: [task.leadDepartmentId, terms.leadDepartmentId] } },
        select: { id: true, name: true },
      });
      const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? "";
      return {
        fromDepartmentId: task.leadDepartmentId,
        fromDepartmentName: nameOf(task.leadDepartmentId),
        toDepartmentId: terms.leadDepartmentId,
        toDepartmentName: nameOf(terms.leadDepartmentId),
        supportingDepartmentIds: terms.supportingDepartmentIds,
      };
    }
    case "SUSPENSION":
    case "CANCELLATION": {
      const r = await applyStatus(tx, audit, task, {
        version: task.version,
        status: terms.status,
        reason,
        changeRequestId: request.id,
      });
      return { fromStatus: r.from, toStatus: r.to };
    }
    case "TARGET_CHANGE": {
      // the office's own 动态调整 path (issue #18): IndicatorAdjustment with the request's id, audit
      const indicator = await tx.indicator.findUniqueOrThrow({ where: { id: terms.indicatorId } });
      const r = await applyIndicatorAdjustment(
        tx,
        audit,
        { ...indicator, jurisdictionId: task.plan.jurisdictionId },
        {
          version: indicator.version,
          field: "TARGET_VALUE",
          value: terms.targetValue,
          reason,
          changeRequestId: request.id,
        },
      );
      return {
        indicatorId: terms.indicatorId,
        indicatorName: indicator.name,
        from: r.from,
        to: r.to,
        adjustmentId: r.adjustmentId,
      };
    }
  }
}
