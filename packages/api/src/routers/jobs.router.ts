import { TRPCError } from "@trpc/server";
import { ZListJobRunsInput, ZRunJobNowInput } from "@duban/domain/schemas";
import { assertAnyOffice, assertOffice, listJobRuns, loadPlanForActor } from "@duban/domain";
import { jobOverview } from "@duban/jobs";
import { authedProcedure, router } from "../trpc.ts";

export const jobsRouter = router({
  /** Each catalogued job: cron, next run (from the scheduler in Redis) and last run. */
  list: authedProcedure.query(({ ctx }) => {
    assertAnyOffice(ctx.actor);
    return jobOverview(ctx.db, ctx.jobQueues);
  }),
  runs: authedProcedure.input(ZListJobRunsInput).query(({ ctx, input }) => listJobRuns(ctx.db, ctx.actor, { jobName: input.name, limit: input.limit })),
  /** Run now or dry run; a plan given narrows it to that plan, and then only that plan's office may. */
  runNow: authedProcedure.input(ZRunJobNowInput).mutation(async ({ ctx, input }) => {
    assertAnyOffice(ctx.actor);
    if (input.planId) assertOffice(ctx.actor, (await loadPlanForActor(ctx.db, ctx.actor, input.planId)).plan.jurisdictionId);
    if (!ctx.runJobNow) throw new TRPCError({ code: "NOT_IMPLEMENTED", message: "此服务未配置立即运行，请使用 worker 或命令行 (run-now is not wired in this host; use the worker or the CLI)" });
    ctx.log.info({ job: input.name, dryRun: input.dryRun, asOf: input.asOf, period: input.period, planId: input.planId }, "job run requested");
    return ctx.runJobNow(input.name, { asOf: input.asOf, dryRun: input.dryRun, period: input.period, planId: input.planId }, ctx.actor);
  }),
});
