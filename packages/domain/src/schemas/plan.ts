import { z } from "zod";

import { refuse, zFileBase64, zId, zIsoDate, zRequiredText, zText, zVersion } from "./common.ts";

/** Upload of a plan document through JSON: the bytes as base64 (20 MB at most). */
export const ZImportPlanInput = z.object({
  jurisdictionId: zId,
  fileName: zRequiredText(255, "fileName").regex(/\.(txt|md|docx|pdf|xlsx)$/i, {
    error: refuse({ code: "file.planType" }),
  }),
  contentBase64: zFileBase64,
  /** the wizard's or `duban import --kind` choice; detected by the parser when absent */
  kind: z.enum(["plan", "division"]).optional(),
  /**
   * The document's title as the office writes it: wins over the title the parser found. Needed
   * when the parser finds none (importPlan refuses with INVALID on `title`); blank = not given.
   */
  title: zText(200, "planTitle").optional(),
});
export const ZPreviewPlanInput = ZImportPlanInput;
export const ZPlanIdInput = z.object({ planId: zId });
export const ZListPlansInput = z.object({ jurisdictionId: zId.optional() }).default({});

export const zPhaseKey = zRequiredText(40, "phase");
export const ZPhaseInput = z
  .object({
    key: zPhaseKey,
    name: zRequiredText(40, "phaseName"),
    startDate: zIsoDate,
    endDate: zIsoDate,
  })
  .refine((p) => p.startDate <= p.endDate, {
    error: refuse({ code: "phase.startsAfterEnd" }),
    path: ["endDate"],
  });
export const ZSetPhasesInput = z.object({
  planId: zId,
  phases: z.array(ZPhaseInput).min(1).max(12),
});

export const ZMilestoneDraft = z.object({
  title: zRequiredText(200, "milestoneTitle"),
  dueDate: zIsoDate,
});

/** A task's title, description and supporting units: one limit for every route that makes tasks. */
export const zTaskTitle = zRequiredText(300, "taskTitle");
export const zTaskDescription = zText(5000, "taskDescription").default("");
export const zSupportingUnitIds = z
  .array(zId)
  .max(30, { error: refuse({ code: "list.tooMany", field: "input", max: 30 }) })
  .default([]);
export const ZTaskDraft = z
  .object({
    nodeId: zId.nullable(),
    title: zTaskTitle,
    description: zTaskDescription,
    leadDepartmentId: zId,
    supportingDepartmentIds: zSupportingUnitIds,
    phaseKey: zPhaseKey.nullable().default(null),
    startDate: zIsoDate,
    dueDate: zIsoDate,
    milestones: z.array(ZMilestoneDraft).max(40).default([]),
    /** the 牵头单位 / 配合单位 / 完成时限 as the source document writes them, kept on the task */
    leadText: zText(500, "writtenUnit").nullish(),
    supportText: zText(1000, "writtenUnit").nullish(),
    deadlineText: zText(200, "deadlineText").nullish(),
  })
  .refine((t) => t.startDate <= t.dueDate, {
    error: refuse({ code: "task.startAfterDue" }),
    path: ["dueDate"],
  })
  .refine((t) => !t.supportingDepartmentIds.includes(t.leadDepartmentId), {
    error: refuse({ code: "task.leadIsSupporting" }),
    path: ["supportingDepartmentIds"],
  });
export const ZCreateTasksInput = z.object({
  planId: zId,
  tasks: z.array(ZTaskDraft).min(1).max(500),
});
export const ZActivatePlanInput = z.object({ planId: zId, version: zVersion });
export const ZArchivePlanInput = ZActivatePlanInput;

export type TaskDraft = z.infer<typeof ZTaskDraft>;
export const ZEvaluationInput = z
  .object({
    planId: zId,
    kind: z.enum(["MIDTERM", "FINAL", "ANNUAL"]),
    /** ANNUAL: the year evaluated (required for ANNUAL, refused otherwise) */
    year: z.number().int().min(2000).max(2100).optional(),
    asOf: zIsoDate.optional(),
  })
  .refine((i) => (i.kind === "ANNUAL") === (i.year !== undefined), {
    error: refuse({ code: "year.range" }),
    path: ["year"],
  });
