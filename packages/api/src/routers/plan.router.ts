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
  list: authedProcedure.input(ZListPlansInput).query(({ ctx, input }) => listPlans(ctx, input)),
  document: authedProcedure
    .input(ZPlanIdInput)
    .query(({ ctx, input }) => getPlanDocument(ctx, input)),
  // the file stays base64 until the office of the jurisdiction is checked (see uploads/open-upload.ts)
  preview: authedProcedure
    .meta({ upload: true })
    .input(ZPreviewPlanInput)
    .mutation(({ ctx, input }) => previewPlan(ctx, input)),
  import: authedProcedure
    .meta({ upload: true })
    .input(ZImportPlanInput)
    .mutation(({ ctx, input }) => importPlan(ctx, input)),
  createTasks: authedProcedure.input(ZCreateTasksInput).mutation(async ({ ctx, input }) => ({
    taskIds: await createTasks(ctx, input),
  })),
  setPhases: authedProcedure.input(ZSetPhasesInput).mutation(async ({ ctx, input }) => {
    await setPhases(ctx, input);
    return { ok: true as const };
  }),
  activate: authedProcedure
    .input(ZActivatePlanInput)
    .mutation(({ ctx, input }) => activatePlan(ctx, input)),
  archive: authedProcedure
    .input(ZArchivePlanInput)
    .mutation(({ ctx, input }) => archivePlan(ctx, input)),
});
