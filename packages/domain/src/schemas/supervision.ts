// Input schemas of the supervision loop (督办闭环): 签收, 调整申请, 办结审核, 督办通知单, 领导批示,
// 立项, the inbox and the jurisdiction's supervision settings. Browser-safe: no database.
import { z } from "zod";

import type { Field } from "../i18n/validation.ts";
import { refuse, zId, zIsoDate, zPage, zRequiredText, zText, zVersion } from "./common.ts";

export const zQualityRating = z.enum(["EXCELLENT", "GOOD", "FAIR", "POOR"]);
export const zNoticeLevel = z.enum(["BLUE", "YELLOW", "RED"]);
export const zChangeRequestKind = z.enum([
  "EXTENSION",
  "REASSIGNMENT",
  "SUSPENSION",
  "CANCELLATION",
  "TARGET_CHANGE",
]);
export const zChangeRequestState = z.enum([
  "PENDING",
  "OFFICE_APPROVED",
  "APPROVED",
  "REJECTED",
  "WITHDRAWN",
]);
export const zTaskSource = z.enum(["MEETING", "LEADER_INSTRUCTION", "HIGHER_LEVEL", "OTHER"]);

// ── 签收 ──
/** The lead unit's staff acknowledge the task (签收). */
export const ZAcknowledgeTaskInput = z.object({ taskId: zId, version: zVersion });
/** The lead unit declines (不属于本单位职责): a REASSIGNMENT request with declined = true. */
export const ZDeclineTaskInput = z.object({
  taskId: zId,
  version: zVersion,
  reason: zRequiredText(1000, "reason"),
  /** the unit the decliner thinks it belongs to, if they know */
  proposedDepartmentId: zId.optional(),
});

// ── 调整申请 ──
const requestBase = { taskId: zId, reason: zRequiredText(1000, "changeReason") };
/** A change request filed by the lead unit; evidence is attached afterwards (POST /api/change-requests/:id/evidence). */
export const ZFileChangeRequestInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("EXTENSION"), ...requestBase, proposedDueDate: zIsoDate }),
  z.object({
    kind: z.literal("REASSIGNMENT"),
    ...requestBase,
    proposedDepartmentId: zId.optional(),
  }),
  z.object({ kind: z.literal("SUSPENSION"), ...requestBase }),
  z.object({ kind: z.literal("CANCELLATION"), ...requestBase }),
  z.object({
    kind: z.literal("TARGET_CHANGE"),
    ...requestBase,
    indicatorId: zId,
    proposedTargetValue: z.number().finite(),
  }),
]);
/**
 * The office's (state PENDING) or the leader's (state OFFICE_APPROVED) decision. Approving a
 * REASSIGNMENT names the new lead unit (and supporting units); approving an EXTENSION may set a
 * different date than the one asked for.
 */
export const ZDecideChangeRequestInput = z.object({
  requestId: zId,
  version: zVersion,
  approve: z.boolean(),
  comment: zText(1000, "decisionComment").optional(),
  leadDepartmentId: zId.optional(),
  supportingDepartmentIds: z.array(zId).max(30).optional(),
  dueDate: zIsoDate.optional(),
});
export const ZWithdrawChangeRequestInput = z.object({ requestId: zId, version: zVersion });
export const ZListChangeRequestsInput = zPage.extend({
  planId: zId,
  taskId: zId.optional(),
  state: zChangeRequestState.optional(),
});

// ── 办结审核 ──
/**
 * The lead unit applies for completion. Sent as multipart to POST /api/tasks/:taskId/completion
 * (fields `version`, `summary`; 1–10 evidence files), so the application and its evidence are
 * one change; this schema checks the fields.
 */
export const ZApplyCompletionInput = z.object({
  taskId: zId,
  version: zVersion,
  summary: zRequiredText(5000, "completionSummary"),
});
/** The office signs off (with a rating) or returns the application (with a comment). */
export const ZDecideCompletionInput = z.discriminatedUnion("approve", [
  z.object({
    approve: z.literal(true),
    applicationId: zId,
    version: zVersion,
    rating: zQualityRating,
    comment: zText(1000, "ratingComment").optional(),
  }),
  z.object({
    approve: z.literal(false),
    applicationId: zId,
    version: zVersion,
    comment: zRequiredText(1000, "decisionComment"),
  }),
]);
/** A task's completion applications (办结申请) with their evidence and decisions. */
export const ZListCompletionApplicationsInput = z.object({ taskId: zId });

// ── 催办 / 督办通知单 ──
/** Urge tasks now: one task, or every task of the plan matching the filter (at most 200). */
export const ZIssueNoticesInput = z.object({
  planId: zId,
  level: zNoticeLevel,
  requirement: zRequiredText(2000, "noticeRequirement"),
  replyDueDate: zIsoDate,
  taskIds: z.array(zId).min(1).max(200).optional(),
  filter: z
    .object({
      departmentId: zId.optional(),
      schedule: z.enum(["OVERDUE", "LAGGING"]).optional(),
    })
    .optional(),
  /** only say which tasks would be urged (the web's confirmation): no number taken, nothing written */
  dryRun: z.boolean().optional(),
});
export const ZNoticeIdInput = z.object({ noticeId: zId });
/** The unit's reply; evidence goes to POST /api/notice-replies/:id/evidence afterwards. */
export const ZReplyNoticeInput = z.object({
  noticeId: zId,
  text: zRequiredText(5000, "replyText"),
});
export const ZListNoticesInput = zPage.extend({
  planId: zId,
  taskId: zId.optional(),
  departmentId: zId.optional(),
  unanswered: z.boolean().optional(),
});

// ── 领导批示 ──
export const ZWriteInstructionInput = z.discriminatedUnion("target", [
  z.object({
    target: z.literal("TASK"),
    taskId: zId,
    text: zRequiredText(2000, "instructionText"),
  }),
  z.object({
    target: z.literal("LEDGER_ENTRY"),
    ledgerEntryId: zId,
    text: zRequiredText(2000, "instructionText"),
  }),
  z.object({
    target: z.literal("INDICATOR"),
    indicatorId: zId,
    text: zRequiredText(2000, "instructionText"),
  }),
]);
/** The office turns an instruction into a tracked follow-up: an ad-hoc task with its own deadline. */
export const ZInstructionFollowUpInput = z
  .object({
    instructionId: zId,
    planId: zId,
    title: zRequiredText(300, "taskTitle"),
    leadDepartmentId: zId,
    supportingDepartmentIds: z.array(zId).max(30).default([]),
    dueDate: zIsoDate,
  })
  .refine((t) => !t.supportingDepartmentIds.includes(t.leadDepartmentId), {
    error: refuse({ code: "task.leadIsSupporting" }),
    path: ["supportingDepartmentIds"],
  });
export const ZListInstructionsInput = z.object({
  taskId: zId.optional(),
  indicatorId: zId.optional(),
  planId: zId.optional(),
});

// ── 立项 ──
/** An ad-hoc supervision item (立项) in a plan's list, with its source and 文号. */
export const ZRegisterItemInput = z
  .object({
    planId: zId,
    title: zRequiredText(300, "taskTitle"),
    description: zText(5000, "taskDescription").default(""),
    source: zTaskSource,
    sourceDocNumber: zText(100, "sourceDocNumber").optional(),
    sourceNote: zText(1000, "sourceNote").optional(),
    leadDepartmentId: zId,
    supportingDepartmentIds: z.array(zId).max(30).default([]),
    startDate: zIsoDate,
    dueDate: zIsoDate,
  })
  .refine((t) => t.startDate <= t.dueDate, {
    error: refuse({ code: "task.startAfterDue" }),
    path: ["dueDate"],
  })
  .refine((t) => !t.supportingDepartmentIds.includes(t.leadDepartmentId), {
    error: refuse({ code: "task.leadIsSupporting" }),
    path: ["supportingDepartmentIds"],
  });

// ── 待办 / trail ──
export const ZTodoInput = z.object({ planId: zId });
export const ZTaskTrailInput = z.object({ taskId: zId });

// ── 站内消息 ──
export const ZListInboxInput = zPage.extend({ unreadOnly: z.boolean().default(false) });
export const ZMarkInboxReadInput = z.object({ messageIds: z.array(zId).min(1).max(200) });

// ── settings ──
const zBoundedInt = (min: number, max: number, field: Field) =>
  z
    .number({ error: refuse({ code: "range.int", field, min, max }) })
    .int({ error: refuse({ code: "range.int", field, min, max }) })
    .min(min, { error: refuse({ code: "range.int", field, min, max }) })
    .max(max, { error: refuse({ code: "range.int", field, min, max }) });
/** The office's supervision settings (SupervisionSettings); every field bounded. */
export const ZSupervisionSettingsInput = z
  .object({
    jurisdictionId: zId,
    acknowledgeWorkingDays: zBoundedInt(1, 30, "acknowledgeWorkingDays"),
    yellowLagPoints: zBoundedInt(1, 100, "yellowLagPoints"),
    redLagPoints: zBoundedInt(1, 100, "redLagPoints"),
    dueSoonDays: zBoundedInt(0, 90, "dueSoonDays"),
    escalationDays: zBoundedInt(1, 365, "escalationDays"),
    leaderApprovalRequired: z.boolean(),
    allowLateRequests: z.boolean(),
  })
  .refine((s) => s.redLagPoints > s.yellowLagPoints, {
    error: refuse({ code: "settings.redAboveYellow" }),
    path: ["redLagPoints"],
  });
