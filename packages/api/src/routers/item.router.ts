import { registerItem } from "@duban/domain";
import { ZRegisterItemInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 立项: ad-hoc supervision items (meeting decisions, instructions, assignments from above). Issue #17 step 7. */
export const itemRouter = router({
  register: authedProcedure
    .input(ZRegisterItemInput)
    .mutation(({ ctx, input }) => registerItem(ctx, input)),
});
