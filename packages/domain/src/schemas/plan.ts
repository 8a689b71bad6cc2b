import { z } from "zod";

import { zFileBase64, zId, zIsoDate, zRequiredText, zText, zVersion } from "./common.ts";

/** Upload of a plan document through JSON: the bytes as base64 (20 MB at most). */
export const ZImportPlanInput = z.object({
  jurisdictionId: zId,
  fileName: zRequiredText(255, "文件名").regex(/\.(txt|md|docx|pdf)$/i, {
    error: "仅支持 .txt、.docx、.pdf 文件 (only .txt, .docx, .pdf)",
  }),
  contentBase64: zFileBase64,
});
export const ZPreviewPlanInput = ZImportPlanInput;
export const ZPlanIdInput = z.object({ planId: zId });
export const ZListPlansInput = z.object({ jurisdictionId: zId.optional() }).default({});

export const zPhaseKey = zRequiredText(40, "阶段");
export const ZPhaseInput = z
  .object({
    key: zPhaseKey,
    name: zRequiredText(40, "阶段名称"),
    startDate: zIsoDate,
    endDate: zIsoDate,
  })
  .refine((p) => p.startDate <= p.endDate, {
    error: "阶段开始日期不能晚于结束日期 (phase starts after it ends)",
    path: ["endDate"],
  });
export const ZSetPhasesInput = z.object({
  planId: zId,
  phases: z.array(ZPhaseInput).min(1).max(12),
});

export const ZMilestoneDraft = z.object({
  title: zRequiredText(200, "节点名称"),
  dueDate: zIsoDate,
});

export const ZTaskDraft = z
  .object({
    nodeId: zId.nullable(),
    title: zRequiredText(300, "任务名称"),
    description: zText(5000, "任务说明").default(""),
    leadDepartmentId: zId,
    supportingDepartmentIds: z.array(zId).max(30).default([]),
    phaseKey: zPhaseKey.nullable().default(null),
    startDate: zIsoDate,
    dueDate: zIsoDate,
    milestones: z.array(ZMilestoneDraft).max(40).default([]),
  })
  .refine((t) => t.startDate <= t.dueDate, {
    error: "开始日期不能晚于完成时限 (start date after due date)",
    path: ["dueDate"],
  })
  .refine((t) => !t.supportingDepartmentIds.includes(t.leadDepartmentId), {
    error: "牵头单位不能同时是配合单位 (lead unit listed as supporting)",
    path: ["supportingDepartmentIds"],
  });
export const ZCreateTasksInput = z.object({
  planId: zId,
  tasks: z.array(ZTaskDraft).min(1).max(500),
});
export const ZActivatePlanInput = z.object({ planId: zId, version: zVersion });
export const ZArchivePlanInput = ZActivatePlanInput;

export type TaskDraft = z.infer<typeof ZTaskDraft>;
export const ZEvaluationInput = z.object({
  planId: zId,
  kind: z.enum(["MIDTERM", "FINAL"]),
  asOf: zIsoDate.optional(),
});
