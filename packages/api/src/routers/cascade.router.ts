import {
  addSubtasks,
  assignIndicator,
  assignTask,
  cascadeOptions,
  decomposeAssignment,
  getAssignment,
  listAssignments,
  setTaskWeight,
  taskTree,
  updateAssignment,
  withdrawAssignment,
} from "@duban/domain";
import {
  ZAddSubtasksInput,
  ZAssignIndicatorInput,
  ZAssignmentIdInput,
  ZAssignTaskInput,
  ZCascadeOptionsInput,
  ZDecomposeAssignmentInput,
  ZListAssignmentsInput,
  ZSetTaskWeightInput,
  ZTaskTreeInput,
  ZUpdateAssignmentInput,
  ZWithdrawAssignmentInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

// 层层分解 (issue #19): 下达 by the office above, 分解 by the child office, 细化 inside a plan;
// the roll-up itself is kept by database triggers in the writing transaction
export const cascadeRouter = router({
  assignTask: authedProcedure
    .input(ZAssignTaskInput)
    .mutation(({ ctx, input }) => assignTask(ctx, input)),
  assignIndicator: authedProcedure
    .input(ZAssignIndicatorInput)
    .mutation(({ ctx, input }) => assignIndicator(ctx, input)),
  list: authedProcedure
    .input(ZListAssignmentsInput)
    .query(({ ctx, input }) => listAssignments(ctx, input)),
  get: authedProcedure
    .input(ZAssignmentIdInput)
    .query(({ ctx, input }) => getAssignment(ctx, input)),
  update: authedProcedure
    .input(ZUpdateAssignmentInput)
    .mutation(({ ctx, input }) => updateAssignment(ctx, input)),
  withdraw: authedProcedure
    .input(ZWithdrawAssignmentInput)
    .mutation(({ ctx, input }) => withdrawAssignment(ctx, input)),
  decompose: authedProcedure
    .input(ZDecomposeAssignmentInput)
    .mutation(({ ctx, input }) => decomposeAssignment(ctx, input)),
  addSubtasks: authedProcedure
    .input(ZAddSubtasksInput)
    .mutation(({ ctx, input }) => addSubtasks(ctx, input)),
  setTaskWeight: authedProcedure
    .input(ZSetTaskWeightInput)
    .mutation(({ ctx, input }) => setTaskWeight(ctx, input)),
  taskTree: authedProcedure.input(ZTaskTreeInput).query(({ ctx, input }) => taskTree(ctx, input)),
  options: authedProcedure
    .input(ZCascadeOptionsInput)
    .query(({ ctx, input }) => cascadeOptions(ctx, input)),
});
