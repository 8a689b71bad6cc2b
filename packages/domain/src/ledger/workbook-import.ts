import type { z } from "zod";

import type { DomainContext } from "../context.ts";
import { invalid } from "../errors.ts";
import type { ZImportLedgerWorkbookInput } from "../schemas/ledger.ts";
import { openUpload } from "../uploads/open-upload.ts";
import { assertMayImportLedger, importLedgerRows } from "./ledger-import.ts";

/** What a workbook parser gives back: the template's plan and quarter, and its filled rows. */
export type ParsedLedgerWorkbook = {
  planId: string;
  period: string;
  rows: Parameters<typeof importLedgerRows>[1]["rows"];
};

/**
 * `ledger.importWorkbook`: permission on the plan first (department staff of the plan, see
 * assertMayImportLedger), then the upload limits
 * (LEDGER_WORKBOOK_LIMITS: size, zip directory, inflated bytes, XML shape) inside the heavy-parse
 * limiter, then `parse` (exceljs, passed in by the api so the domain does not load it), then the
 * all-or-nothing import of its rows (importLedgerRows).
 */
export async function importLedgerWorkbook(
  ctx: DomainContext,
  input: z.infer<typeof ZImportLedgerWorkbookInput>,
  parse: (bytes: Uint8Array) => Promise<ParsedLedgerWorkbook>,
) {
  const parsed = await openUpload(
    ctx.actor,
    "ledgerWorkbook",
    { fileName: "ledger.xlsx", content: { contentBase64: input.contentBase64 } },
    {
      authorize: () => assertMayImportLedger(ctx.db, ctx.actor, input.planId),
      parse,
    },
  );
  if (parsed.planId !== input.planId)
    throw invalid(
      "该模板属于另一个规划，请从本规划导出模板",
      "this template belongs to another plan",
      "file",
    );
  return importLedgerRows(ctx, { planId: input.planId, period: parsed.period, rows: parsed.rows });
}
