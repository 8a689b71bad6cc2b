import { TRPCError } from "@trpc/server";

import { jobScopeFor, listJobRuns } from "@duban/domain";
import { ZListJobRunsInput, ZRunJobNowInput } from "@duban/domain/schemas";
import { jobOverview } from "@duban/jobs";

import { authedProcedure, router } from "../trpc.ts";

/**
 * The office's jobs page. Every run is scoped to the actor's jurisdictions (jobScopeFor: its own
 * and, for a city's office, the counties below); history shows only runs that touched them, and of
 * runs that also covered others only the actor's share (JobRunView).
 */
export const jobsRouter = router({
  /** Each catalogued job: cron, next run (from the scheduler in Redis) and the last run the actor may see. */
  list: authedProcedure.query(({ ctx }) => jobOverview(ctx, { queues: ctx.jobQueues })),
  runs: authedProcedure
    .input(ZListJobRunsInput)
    .query(({ ctx, input }) => listJobRuns(ctx, { jobName: input.name, limit: input.limit })),
  /** Run now or dry run over the actor's jurisdictions; a plan given narrows it to that plan, which must be among them. */
  runNow: authedProcedure.input(ZRunJobNowInput).mutation(async ({ ctx, input }) => {
    // who may run it, over what (and the plan's place) before any work; the runner derives it again
    await jobScopeFor(ctx, input);
    if (!ctx.runJobNow)
      throw new TRPCError({
        code: "NOT_IMPLEMENTED",
        message:
          "此服务未配置立即运行，请使用 worker 或命令行 (run-now is not wired in this host; use the worker or the CLI)",
      });
    ctx.log.info(
      {
        job: input.name,
        dryRun: input.dryRun,
        asOf: input.asOf,
        period: input.period,
        planId: input.planId,
      },
      "job run requested",
    );
    return ctx.runJobNow(
      input.name,
      { asOf: input.asOf, dryRun: input.dryRun, period: input.period, planId: input.planId },
      ctx.actor,
    );
  }),
});
