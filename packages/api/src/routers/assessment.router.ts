import {
  addScoreAdjustment,
  getScheme,
  listPublications,
  listScoreAdjustments,
  publishScores,
  revokeScoreAdjustment,
  saveScheme,
  schemeVersions,
  scoreDrillDown,
  scoreSheet,
} from "@duban/domain";
import {
  ZAddScoreAdjustmentInput,
  ZListPublicationsInput,
  ZListScoreAdjustmentsInput,
  ZPublishScoresInput,
  ZRevokeScoreAdjustmentInput,
  ZSaveSchemeInput,
  ZSchemeForYearInput,
  ZScoreDrillInput,
  ZScoresInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 考核评分: schemes, 加减分, scores, publication. Issue #18. */
export const assessmentRouter = router({
  scheme: router({
    get: authedProcedure
      .input(ZSchemeForYearInput)
      .query(({ ctx, input }) => getScheme(ctx, input)),
    versions: authedProcedure
      .input(ZSchemeForYearInput)
      .query(({ ctx, input }) => schemeVersions(ctx, input)),
    save: authedProcedure
      .input(ZSaveSchemeInput)
      .mutation(({ ctx, input }) => saveScheme(ctx, input)),
  }),
  scores: authedProcedure.input(ZScoresInput).query(({ ctx, input }) => scoreSheet(ctx, input)),
  drillDown: authedProcedure
    .input(ZScoreDrillInput)
    .query(({ ctx, input }) => scoreDrillDown(ctx, input)),
  adjustments: router({
    add: authedProcedure
      .input(ZAddScoreAdjustmentInput)
      .mutation(({ ctx, input }) => addScoreAdjustment(ctx, input)),
    revoke: authedProcedure
      .input(ZRevokeScoreAdjustmentInput)
      .mutation(({ ctx, input }) => revokeScoreAdjustment(ctx, input)),
    list: authedProcedure
      .input(ZListScoreAdjustmentsInput)
      .query(({ ctx, input }) => listScoreAdjustments(ctx, input)),
  }),
  publish: authedProcedure
    .input(ZPublishScoresInput)
    .mutation(({ ctx, input }) => publishScores(ctx, input)),
  publications: authedProcedure
    .input(ZListPublicationsInput)
    .query(({ ctx, input }) => listPublications(ctx, input)),
});
