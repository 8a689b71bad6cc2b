import { router } from "../trpc.ts";

/** 年度工作要点 (annual plans) and their items. Issue #18. */
export const annualPlanRouter = router({});
