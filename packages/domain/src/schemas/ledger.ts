import { z } from "zod";

import { zYearFilter } from "./annual.ts";
import {
  refuse,
  zFileBase64,
  zId,
  zIsoDate,
  zPeriod,
  zRequiredText,
  zText,
  zVersion,
} from "./common.ts";
import { ledgerEntryFields as entryFields } from "./ledger-entry.ts";

export const ZOpenCycleInput = z.object({
  planId: zId,
  period: zPeriod,
  dueDate: zIsoDate.optional(),
  closeDate: zIsoDate.optional(),
});
export const ZCloseCycleInput = z.object({ cycleId: zId });
export const ZListCyclesInput = z.object({ planId: zId });

export const ZSubmitLedgerEntryInput = z.object({
  taskId: zId,
  cycleId: zId,
  departmentId: zId.optional(),
  ...entryFields,
});
export const ZAmendLedgerEntryInput = z.object({ entryId: zId, version: zVersion, ...entryFields });
export const ZReviewLedgerEntryInput = z
  .object({
    entryId: zId,
    version: zVersion,
    decision: z.enum(["APPROVE", "RETURN"]),
    comment: zText(2000, "reviewComment").default(""),
  })
  .refine((r) => r.decision === "APPROVE" || r.comment.length > 0, {
    error: refuse({ code: "review.commentRequired" }),
    path: ["comment"],
  });
/** A page of grid rows: a unit has hundreds of tasks, the office's lead-unit view every task of the plan. */
export const ZLedgerGridInput = z.object({
  planId: zId,
  departmentId: zId.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  /** the year filter (issue #18): the year's quarters and tasks; absent: all years */
  year: zYearFilter,
});
export const ZLedgerEntryIdInput = z.object({ entryId: zId });
export const ZReviewQueueInput = z.object({ planId: zId, cycleId: zId.optional() });
export const ZTaskLedgerInput = z.object({ taskId: zId });
export const ZImportLedgerWorkbookInput = z.object({ planId: zId, contentBase64: zFileBase64 });
export const ZLedgerExportInput = z.object({
  planId: zId,
  period: zPeriod,
  departmentId: zId.optional(),
});
/** An evidence file's name as the browser sends it: storable, at most 200 characters (refused beyond, never cut). */
export const ZEvidenceFileName = zRequiredText(200, "fileName");
