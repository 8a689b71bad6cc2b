import {
  addAnnualItems,
  annualItemSuggestions,
  annualPlanDetail,
  annualPlanForYear,
  carryOverCandidates,
  carryOverItems,
  createAnnualPlan,
  explainAnnualItem,
  importAnnualDocument,
  issueAnnualPlan,
  listAnnualPlans,
  markAnnualItem,
  removeAnnualItem,
  updateAnnualItem,
} from "@duban/domain";
import {
  ZAddAnnualItemsInput,
  ZAnnualItemRefInput,
  ZAnnualPlanForYearInput,
  ZAnnualPlanIdInput,
  ZCarryOverInput,
  ZCreateAnnualPlanInput,
  ZExplainAnnualItemInput,
  ZImportAnnualPlanInput,
  ZIssueAnnualPlanInput,
  ZListAnnualPlansInput,
  ZMarkAnnualItemInput,
  ZUpdateAnnualItemInput,
} from "@duban/domain/schemas";

import { authedProcedure, router } from "../trpc.ts";

/** 年度工作要点 (annual plans) and their items. Issue #18. */
export const annualPlanRouter = router({
  list: authedProcedure
    .input(ZListAnnualPlansInput)
    .query(({ ctx, input }) => listAnnualPlans(ctx, input)),
  forYear: authedProcedure
    .input(ZAnnualPlanForYearInput)
    .query(({ ctx, input }) => annualPlanForYear(ctx, input)),
  get: authedProcedure
    .input(ZAnnualPlanIdInput)
    .query(({ ctx, input }) => annualPlanDetail(ctx, input)),
  suggestions: authedProcedure
    .input(ZAnnualPlanIdInput)
    .query(({ ctx, input }) => annualItemSuggestions(ctx, input)),
  carryOverCandidates: authedProcedure
    .input(ZAnnualPlanIdInput)
    .query(({ ctx, input }) => carryOverCandidates(ctx, input)),
  create: authedProcedure
    .input(ZCreateAnnualPlanInput)
    .mutation(({ ctx, input }) => createAnnualPlan(ctx, input)),
  addItems: authedProcedure
    .input(ZAddAnnualItemsInput)
    .mutation(({ ctx, input }) => addAnnualItems(ctx, input)),
  carryOver: authedProcedure
    .input(ZCarryOverInput)
    .mutation(({ ctx, input }) => carryOverItems(ctx, input)),
  updateItem: authedProcedure
    .input(ZUpdateAnnualItemInput)
    .mutation(({ ctx, input }) => updateAnnualItem(ctx, input)),
  removeItem: authedProcedure
    .input(ZAnnualItemRefInput)
    .mutation(({ ctx, input }) => removeAnnualItem(ctx, input)),
  markItem: authedProcedure
    .input(ZMarkAnnualItemInput)
    .mutation(({ ctx, input }) => markAnnualItem(ctx, input)),
  explainItem: authedProcedure
    .input(ZExplainAnnualItemInput)
    .mutation(({ ctx, input }) => explainAnnualItem(ctx, input)),
  issue: authedProcedure
    .input(ZIssueAnnualPlanInput)
    .mutation(({ ctx, input }) => issueAnnualPlan(ctx, input)),
  // the file stays base64 until the office of the jurisdiction is checked (see uploads/open-upload.ts)
  importDocument: authedProcedure
    .meta({ upload: true })
    .input(ZImportAnnualPlanInput)
    .mutation(({ ctx, input }) => importAnnualDocument(ctx, input)),
});
