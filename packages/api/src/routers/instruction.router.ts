import { router } from "../trpc.ts";

/** 领导批示 (leaders' instructions) and their tracked follow-ups. Issue #17 step 5. */
export const instructionRouter = router({});
