import {
  amendLedgerEntry,
  closeCycle,
  getLedgerEntry,
  importLedgerWorkbook,
  ledgerGrid,
  listCycles,
  openCycle,
  reviewLedgerEntry,
  reviewQueue,
  submitLedgerEntry,
  taskLedgerHistory,
} from "@duban/domain";
import {
  ZAmendLedgerEntryInput,
  ZCloseCycleInput,
  ZImportLedgerWorkbookInput,
  ZLedgerEntryIdInput,
  ZLedgerGridInput,
  ZListCyclesInput,
  ZOpenCycleInput,
  ZReviewLedgerEntryInput,
  ZReviewQueueInput,
  ZSubmitLedgerEntryInput,
  ZTaskLedgerInput,
} from "@duban/domain/schemas";

import { readLedgerWorkbook } from "../ledger-workbook.ts";
import { authedProcedure, router } from "../trpc.ts";

export const ledgerRouter = router({
  cycles: authedProcedure.input(ZListCyclesInput).query(({ ctx, input }) => listCycles(ctx, input)),
  openCycle: authedProcedure
    .input(ZOpenCycleInput)
    .mutation(({ ctx, input }) => openCycle(ctx, input)),
  closeCycle: authedProcedure
    .input(ZCloseCycleInput)
    .mutation(({ ctx, input }) => closeCycle(ctx, input)),
  grid: authedProcedure
    .meta({ readCache: { by: "plan" } })
    .input(ZLedgerGridInput)
    .query(({ ctx, input }) => ledgerGrid(ctx, input)),
  reviewQueue: authedProcedure
    .input(ZReviewQueueInput)
    .query(({ ctx, input }) => reviewQueue(ctx, input)),
  history: authedProcedure
    .input(ZTaskLedgerInput)
    .query(({ ctx, input }) => taskLedgerHistory(ctx, input)),
  entry: authedProcedure
    .input(ZLedgerEntryIdInput)
    .query(({ ctx, input }) => getLedgerEntry(ctx, input)),
  submit: authedProcedure
    .input(ZSubmitLedgerEntryInput)
    .mutation(({ ctx, input }) => submitLedgerEntry(ctx, input)),
  amend: authedProcedure
    .input(ZAmendLedgerEntryInput)
    .mutation(({ ctx, input }) => amendLedgerEntry(ctx, input)),
  /**
   * A department's filled Excel template: all rows valid, or nothing applied (errors name sheet and
   * row). Permission on the plan before the file is decoded; limits before exceljs sees it.
   */
  importWorkbook: authedProcedure
    .meta({ upload: true })
    .input(ZImportLedgerWorkbookInput)
    .mutation(({ ctx, input }) => importLedgerWorkbook(ctx, input, readLedgerWorkbook)),
  review: authedProcedure
    .input(ZReviewLedgerEntryInput)
    .mutation(({ ctx, input }) => reviewLedgerEntry(ctx, input)),
});
