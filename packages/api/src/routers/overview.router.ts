import { z } from "zod";
import { zId, zIsoDate } from "@duban/domain/schemas";
import { completionByDepartment } from "@duban/domain";
import { authedProcedure, router } from "../trpc.ts";
import { cachedPlanRead } from "../read-cache.ts";

export const ZCompletionInput = z.object({ planId: zId, asOf: zIsoDate.optional() });

export const overviewRouter = router({
  completion: authedProcedure.input(ZCompletionInput).query(({ ctx, input }) => cachedPlanRead(ctx, "overview.completion", input, () => completionByDepartment(ctx.db, ctx.actor, input.planId, input.asOf))),
});
