import {
  adjustIndicator,
  clearAnnualTarget,
  listAdjustments,
  listAnnualTargets,
  listIndicators,
  observationHistory,
  recordObservation,
  setAnnualTarget,
  updateIndicator,
} from "@duban/domain";
import {
  ZAdjustIndicatorInput,
  ZClearAnnualTargetInput,
  ZIndicatorIdInput,
  ZIndicatorYearInput,
  ZListIndicatorsInput,
  ZRecordObservationInput,
  ZSetAnnualTargetInput,
  ZUpdateIndicatorInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

export const indicatorRouter = router({
  list: authedProcedure
    .meta({ readCache: { by: "plan" } })
    .input(ZListIndicatorsInput)
    .query(({ ctx, input }) => listIndicators(ctx, input)),
  history: authedProcedure
    .input(ZIndicatorIdInput)
    .query(({ ctx, input }) => observationHistory(ctx, input)),
  record: authedProcedure
    .input(ZRecordObservationInput)
    .mutation(({ ctx, input }) => recordObservation(ctx, input)),
  update: authedProcedure
    .input(ZUpdateIndicatorInput)
    .mutation(({ ctx, input }) => updateIndicator(ctx, input)),
  // 年度目标 and 动态调整 (issue #18)
  annualTargets: authedProcedure
    .input(ZIndicatorYearInput)
    .query(({ ctx, input }) => listAnnualTargets(ctx, input)),
  setAnnualTarget: authedProcedure
    .input(ZSetAnnualTargetInput)
    .mutation(({ ctx, input }) => setAnnualTarget(ctx, input)),
  clearAnnualTarget: authedProcedure
    .input(ZClearAnnualTargetInput)
    .mutation(({ ctx, input }) => clearAnnualTarget(ctx, input)),
  adjust: authedProcedure
    .input(ZAdjustIndicatorInput)
    .mutation(({ ctx, input }) => adjustIndicator(ctx, input)),
  adjustments: authedProcedure
    .input(ZIndicatorYearInput)
    .query(({ ctx, input }) => listAdjustments(ctx, input)),
});
