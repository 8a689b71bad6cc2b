import { router } from "../trpc.ts";

/** The supervision views: a task's whole trail, the office's and the unit's 待办. Issue #17 (Everywhere). */
export const supervisionRouter = router({});
