import { router } from "../trpc.ts";

/** 调整申请 (change requests): file, decide (office, then a leader where configured), withdraw, list. Owner: issue #17 step 2. */
export const changeRequestRouter = router({});
