import { ZEvaluationInput, ZPlanIdInput } from "@duban/domain/schemas";
import { dateOnly, evaluationData, loadPlanForActor, recordEvaluation } from "@duban/domain";
import { authedProcedure, router } from "../trpc.ts";

export const evaluationRouter = router({
  /** The figures of a mid-term or final evaluation as of a date (the documents download from /api). */
  preview: authedProcedure.input(ZEvaluationInput).query(({ ctx, input }) => evaluationData(ctx.db, ctx.actor, input)),
  generate: authedProcedure.input(ZEvaluationInput).mutation(async ({ ctx, input }) => {
    const data = await evaluationData(ctx.db, ctx.actor, input);
    const row = await recordEvaluation(ctx.db, ctx.actor, data, ctx.requestId);
    return { id: row.id, asOf: data.asOf, kind: data.kind };
  }),
  list: authedProcedure.input(ZPlanIdInput).query(async ({ ctx, input }) => {
    await loadPlanForActor(ctx.db, ctx.actor, input.planId);
    const rows = await ctx.db.evaluation.findMany({ where: { planId: input.planId }, orderBy: { generatedAt: "desc" }, select: { id: true, kind: true, asOf: true, generatedAt: true, generatedBy: true } });
    return rows.map((r) => ({ ...r, asOf: dateOnly(r.asOf) }));
  }),
});
