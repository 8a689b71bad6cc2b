import {
  listIndicators,
  observationHistory,
  recordObservation,
  updateIndicator,
} from "@duban/domain";
import {
  ZIndicatorIdInput,
  ZListIndicatorsInput,
  ZRecordObservationInput,
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
});
