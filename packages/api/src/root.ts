import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import { adminRouter } from "./routers/admin.router.ts";
import { annualPlanRouter } from "./routers/annual-plan.router.ts";
import { assessmentRouter } from "./routers/assessment.router.ts";
import { authRouter } from "./routers/auth.router.ts";
import { bulletinRouter } from "./routers/bulletin.router.ts";
import { cascadeRouter } from "./routers/cascade.router.ts";
import { changeRequestRouter } from "./routers/change-request.router.ts";
import { channelsRouter } from "./routers/channels.router.ts";
import { cockpitRouter } from "./routers/cockpit.router.ts";
import { completionRouter } from "./routers/completion.router.ts";
import { districtRouter } from "./routers/district.router.ts";
import { evaluationRouter } from "./routers/evaluation.router.ts";
import { inboxRouter } from "./routers/inbox.router.ts";
import { indicatorRouter } from "./routers/indicator.router.ts";
import { instructionRouter } from "./routers/instruction.router.ts";
import { itemRouter } from "./routers/item.router.ts";
import { jobsRouter } from "./routers/jobs.router.ts";
import { ledgerRouter } from "./routers/ledger.router.ts";
import { noticeRouter } from "./routers/notice.router.ts";
import { notificationRouter } from "./routers/notification.router.ts";
import { overviewRouter } from "./routers/overview.router.ts";
import { planRouter } from "./routers/plan.router.ts";
import { supervisionSettingsRouter } from "./routers/supervision-settings.router.ts";
import { supervisionRouter } from "./routers/supervision.router.ts";
import { taskRouter } from "./routers/task.router.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  jobs: jobsRouter,
  notification: notificationRouter,
  channels: channelsRouter,
  auth: authRouter,
  plan: planRouter,
  task: taskRouter,
  ledger: ledgerRouter,
  overview: overviewRouter,
  admin: adminRouter,
  indicator: indicatorRouter,
  evaluation: evaluationRouter,
  changeRequest: changeRequestRouter,
  completion: completionRouter,
  notice: noticeRouter,
  instruction: instructionRouter,
  item: itemRouter,
  inbox: inboxRouter,
  supervisionSettings: supervisionSettingsRouter,
  supervision: supervisionRouter,
  annualPlan: annualPlanRouter,
  assessment: assessmentRouter,
  bulletin: bulletinRouter,
  cascade: cascadeRouter,
  district: districtRouter,
  cockpit: cockpitRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
