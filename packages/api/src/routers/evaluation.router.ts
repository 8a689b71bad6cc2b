import { evaluationData, generateEvaluation, listEvaluations } from "@duban/domain";
import { ZEvaluationInput, ZPlanIdInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const evaluationRouter = router({
  /** The figures of a mid-term or final evaluation as of a date (the documents download from /api); office and readers only. */
  preview: authedProcedure
    .input(ZEvaluationInput)
    .query(({ ctx, input }) => evaluationData(ctx, input)),
  generate: authedProcedure
    .input(ZEvaluationInput)
    .mutation(({ ctx, input }) => generateEvaluation(ctx, input)),
  list: authedProcedure.input(ZPlanIdInput).query(({ ctx, input }) => listEvaluations(ctx, input)),
});
