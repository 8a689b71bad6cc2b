import { z } from "zod";

import { completionByDepartment } from "@duban/domain";
import { zId, zIsoDate } from "@duban/domain/schemas";

import { cachedPlanRead } from "../read-cache.ts";
import { authedProcedure, router } from "../trpc.ts";

export const ZCompletionInput = z.object({ planId: zId, asOf: zIsoDate.optional() });

export const overviewRouter = router({
  completion: authedProcedure
    .input(ZCompletionInput)
    .query(({ ctx, input }) =>
      cachedPlanRead(ctx, "overview.completion", input, () => completionByDepartment(ctx, input)),
    ),
});
