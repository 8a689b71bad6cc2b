import {
  acknowledgeTask,
  addMilestone,
  declineTask,
  getTask,
  listTasks,
  reassignTask,
  redateTask,
  setMilestoneDone,
  setTaskStatus,
  taskSchedule,
  updateTask,
} from "@duban/domain";
import {
  ZAcknowledgeTaskInput,
  ZAddMilestoneInput,
  ZDeclineTaskInput,
  ZListTasksInput,
  ZReassignTaskInput,
  ZRedateTaskInput,
  ZSetMilestoneDoneInput,
  ZSetTaskStatusInput,
  ZTaskIdInput,
  ZTaskScheduleInput,
  ZUpdateTaskInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const taskRouter = router({
  list: authedProcedure
    .meta({ readCache: { by: "plan" } })
    .input(ZListTasksInput)
    .query(({ ctx, input }) => listTasks(ctx, input)),
  schedule: authedProcedure
    .input(ZTaskScheduleInput)
    .query(({ ctx, input }) => taskSchedule(ctx, input)),
  get: authedProcedure.input(ZTaskIdInput).query(({ ctx, input }) => getTask(ctx, input)),
  update: authedProcedure
    .input(ZUpdateTaskInput)
    .mutation(({ ctx, input }) => updateTask(ctx, input)),
  reassign: authedProcedure
    .input(ZReassignTaskInput)
    .mutation(({ ctx, input }) => reassignTask(ctx, input)),
  redate: authedProcedure
    .input(ZRedateTaskInput)
    .mutation(({ ctx, input }) => redateTask(ctx, input)),
  setStatus: authedProcedure
    .input(ZSetTaskStatusInput)
    .mutation(({ ctx, input }) => setTaskStatus(ctx, input)),
  addMilestone: authedProcedure
    .input(ZAddMilestoneInput)
    .mutation(({ ctx, input }) => addMilestone(ctx, input)),
  setMilestoneDone: authedProcedure
    .input(ZSetMilestoneDoneInput)
    .mutation(({ ctx, input }) => setMilestoneDone(ctx, input)),
  // 签收 / 退回 (issue #17 step 1)
  acknowledge: authedProcedure
    .input(ZAcknowledgeTaskInput)
    .mutation(({ ctx, input }) => acknowledgeTask(ctx, input)),
  decline: authedProcedure
    .input(ZDeclineTaskInput)
    .mutation(({ ctx, input }) => declineTask(ctx, input)),
});
