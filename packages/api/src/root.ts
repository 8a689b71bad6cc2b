import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import { adminRouter } from "./routers/admin.router.ts";
import { authRouter } from "./routers/auth.router.ts";
import { evaluationRouter } from "./routers/evaluation.router.ts";
import { indicatorRouter } from "./routers/indicator.router.ts";
import { jobsRouter } from "./routers/jobs.router.ts";
import { ledgerRouter } from "./routers/ledger.router.ts";
import { notificationRouter } from "./routers/notification.router.ts";
import { overviewRouter } from "./routers/overview.router.ts";
import { planRouter } from "./routers/plan.router.ts";
import { taskRouter } from "./routers/task.router.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  jobs: jobsRouter,
  notification: notificationRouter,
  auth: authRouter,
  plan: planRouter,
  task: taskRouter,
  ledger: ledgerRouter,
  overview: overviewRouter,
  admin: adminRouter,
  indicator: indicatorRouter,
  evaluation: evaluationRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
