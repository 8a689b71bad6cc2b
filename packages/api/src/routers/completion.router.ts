import { decideCompletion, listCompletionApplications } from "@duban/domain";
import { ZDecideCompletionInput, ZListCompletionApplicationsInput } from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 办结审核 (completion sign-off): the office's decision and rating; the application itself is the multipart route POST /api/tasks/:taskId/completion. Issue #17 steps 3 and 6. */
export const completionRouter = router({
  /** the office signs off (with a 评价 rating) or returns an application */
  decide: authedProcedure
    .input(ZDecideCompletionInput)
    .mutation(({ ctx, input }) => decideCompletion(ctx, input)),
  /** a task's applications with evidence and decisions: whoever sees the task */
  list: authedProcedure
    .input(ZListCompletionApplicationsInput)
    .query(({ ctx, input }) => listCompletionApplications(ctx, input)),
});
