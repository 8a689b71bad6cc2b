import { z } from "zod";

import { zYearFilter } from "./annual.ts";
import {
  refuse,
  zId,
  zIsoDate,
  zPage,
  zRequiredText,
  zTaskStatus,
  zText,
  zVersion,
} from "./common.ts";

export const zScheduleState = z.enum([
  "COMPLETED",
  "ON_SCHEDULE",
  "LAGGING",
  "OVERDUE",
  "CANCELLED",
]);
/** 红 / 黄 / 绿 (issue #17 step 8). */
export const zTrafficLight = z.enum(["RED", "YELLOW", "GREEN"]);
export const ZListTasksInput = zPage.extend({
  planId: zId,
  departmentId: zId.optional(),
  status: zTaskStatus.optional(),
  schedule: zScheduleState.optional(),
  /** the traffic light with the jurisdiction's bands (issue #17 step 8) */
  light: zTrafficLight.optional(),
  /** only open tasks due within the jurisdiction's due-soon band (临期) */
  dueSoon: z.boolean().optional(),
  phaseId: zId.optional(),
  search: zText(100, "search").optional(),
  asOf: zIsoDate.optional(),
  /** the year filter (issue #18): only the year's tasks; absent: all years */
  year: zYearFilter,
});
export const ZTaskIdInput = z.object({ taskId: zId });
export const ZUpdateTaskInput = z.object({
  taskId: zId,
  version: zVersion,
  title: zRequiredText(300, "taskTitle").optional(),
  description: zText(5000, "taskDescription").optional(),
  phaseId: zId.nullable().optional(),
});
export const ZReassignTaskInput = z
  .object({
    taskId: zId,
    version: zVersion,
    leadDepartmentId: zId,
    supportingDepartmentIds: z.array(zId).max(30),
    reason: zRequiredText(500, "changeReason"),
  })
  .refine((t) => !t.supportingDepartmentIds.includes(t.leadDepartmentId), {
    error: refuse({ code: "task.leadIsSupporting" }),
    path: ["supportingDepartmentIds"],
  });
export const ZRedateTaskInput = z.object({
  taskId: zId,
  version: zVersion,
  dueDate: zIsoDate,
  reason: zRequiredText(500, "changeReason"),
});
export const ZSetTaskStatusInput = z.object({
  taskId: zId,
  version: zVersion,
  status: zTaskStatus,
  reason: zText(500, "reason").optional(),
});
export const ZAddMilestoneInput = z.object({
  taskId: zId,
  title: zRequiredText(200, "milestoneTitle"),
  dueDate: zIsoDate,
});
export const ZSetMilestoneDoneInput = z.object({
  milestoneId: zId,
  version: zVersion,
  done: z.boolean(),
});
/** The roadmap's and timetable's tasks; `year`: only the year's tasks and milestones (issue #18). */
export const ZTaskScheduleInput = z.object({ planId: zId, year: zYearFilter });
