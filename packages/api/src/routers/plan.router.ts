import {
  activatePlan,
  archivePlan,
  createTasks,
  getPlanDocument,
  importPlan,
  listPlans,
  previewPlan,
  setPhases,
} from "@duban/domain";
import {
  ZActivatePlanInput,
  ZArchivePlanInput,
  ZCreateTasksInput,
  ZImportPlanInput,
  ZListPlansInput,
  ZPlanIdInput,
  ZPreviewPlanInput,
  ZSetPhasesInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const planRouter = router({
  list: authedProcedure
    .input(ZListPlansInput)
    .query(({ ctx, input }) => listPlans(ctx.db, ctx.actor, input.jurisdictionId)),
  document: authedProcedure
    .input(ZPlanIdInput)
    .query(({ ctx, input }) => getPlanDocument(ctx.db, ctx.actor, input.planId)),
  // the file stays base64 until the office of the jurisdiction is checked (see uploads/open-upload.ts)
  preview: authedProcedure
    .meta({ upload: true })
    .input(ZPreviewPlanInput)
    .mutation(({ ctx, input }) =>
      previewPlan(ctx.db, ctx.actor, {
        jurisdictionId: input.jurisdictionId,
        fileName: input.fileName,
        contentBase64: input.contentBase64,
      }),
    ),
  import: authedProcedure
    .meta({ upload: true })
    .input(ZImportPlanInput)
    .mutation(({ ctx, input }) =>
      importPlan(ctx.db, ctx.actor, {
        jurisdictionId: input.jurisdictionId,
        fileName: input.fileName,
        contentBase64: input.contentBase64,
        requestId: ctx.requestId,
      }),
    ),
  createTasks: authedProcedure.input(ZCreateTasksInput).mutation(async ({ ctx, input }) => ({
    taskIds: await createTasks(ctx.db, ctx.actor, input.planId, input.tasks, ctx.requestId),
  })),
  setPhases: authedProcedure.input(ZSetPhasesInput).mutation(async ({ ctx, input }) => {
    await setPhases(ctx.db, ctx.actor, input.planId, input.phases, ctx.requestId);
    return { ok: true as const };
  }),
  activate: authedProcedure
    .input(ZActivatePlanInput)
    .mutation(({ ctx, input }) =>
      activatePlan(ctx.db, ctx.actor, input.planId, input.version, ctx.requestId),
    ),
  archive: authedProcedure
    .input(ZArchivePlanInput)
    .mutation(({ ctx, input }) =>
      archivePlan(ctx.db, ctx.actor, input.planId, input.version, ctx.requestId),
    ),
});
