import { router } from "../trpc.ts";

/** 办结审核 (completion sign-off): the office's decision and rating; the application itself is the multipart route POST /api/tasks/:taskId/completion. Issue #17 step 3. */
export const completionRouter = router({});
