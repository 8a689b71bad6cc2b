import { completionByDepartment } from "@duban/domain";
import { ZCompletionInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const overviewRouter = router({
  completion: authedProcedure
    .meta({ readCache: { by: "plan" } })
    .input(ZCompletionInput)
    .query(({ ctx, input }) => completionByDepartment(ctx, input)),
});
