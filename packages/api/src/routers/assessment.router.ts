import { router } from "../trpc.ts";

/** 考核评分: schemes, 加减分, scores, publication. Issue #18. */
export const assessmentRouter = router({});
