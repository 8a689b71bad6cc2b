import { z } from "zod";

import { completionByDepartment } from "@duban/domain";
import { zId, zIsoDate } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const ZCompletionInput = z.object({ planId: zId, asOf: zIsoDate.optional() });

export const overviewRouter = router({
  completion: authedProcedure
    .meta({ readCache: { by: "plan" } })
    .input(ZCompletionInput)
    .query(({ ctx, input }) => completionByDepartment(ctx, input)),
});
