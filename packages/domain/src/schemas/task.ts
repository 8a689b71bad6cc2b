import { z } from "zod";

import { zId, zIsoDate, zPage, zRequiredText, zTaskStatus, zText, zVersion } from "./common.ts";

export const zScheduleState = z.enum([
  "COMPLETED",
  "ON_SCHEDULE",
  "LAGGING",
  "OVERDUE",
  "CANCELLED",
]);
export const ZListTasksInput = zPage.extend({
  planId: zId,
  departmentId: zId.optional(),
  status: zTaskStatus.optional(),
  schedule: zScheduleState.optional(),
  phaseId: zId.optional(),
  search: zText(100, "搜索词").optional(),
  asOf: zIsoDate.optional(),
});
export const ZTaskIdInput = z.object({ taskId: zId });
export const ZUpdateTaskInput = z.object({
  taskId: zId,
  version: zVersion,
  title: zRequiredText(300, "任务名称").optional(),
  description: zText(5000, "任务说明").optional(),
  phaseId: zId.nullable().optional(),
});
export const ZReassignTaskInput = z
  .object({
    taskId: zId,
    version: zVersion,
    leadDepartmentId: zId,
    supportingDepartmentIds: z.array(zId).max(30),
    reason: zRequiredText(500, "调整原因"),
  })
  .refine((t) => !t.supportingDepartmentIds.includes(t.leadDepartmentId), {
    error: "牵头单位不能同时是配合单位 (lead unit listed as supporting)",
    path: ["supportingDepartmentIds"],
  });
export const ZRedateTaskInput = z.object({
  taskId: zId,
  version: zVersion,
  dueDate: zIsoDate,
  reason: zRequiredText(500, "调整原因"),
});
export const ZSetTaskStatusInput = z.object({
  taskId: zId,
  version: zVersion,
  status: zTaskStatus,
  reason: zText(500, "原因").optional(),
});
export const ZAddMilestoneInput = z.object({
  taskId: zId,
  title: zRequiredText(200, "节点名称"),
  dueDate: zIsoDate,
});
export const ZSetMilestoneDoneInput = z.object({
  milestoneId: zId,
  version: zVersion,
  done: z.boolean(),
});
export const ZTaskScheduleInput = z.object({ planId: zId });
