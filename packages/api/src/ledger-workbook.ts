import { invalid, type ParsedLedgerWorkbook } from "@duban/domain";

/**
 * The workbook reader that `importLedgerWorkbook` (packages/domain) is given: exceljs is large, so
 * it is loaded on first use, not at start; a file it cannot read as our template is INVALID for
 * the file field, like any other refusal.
 */
export async function readLedgerWorkbook(bytes: Uint8Array): Promise<ParsedLedgerWorkbook> {
  const { LedgerWorkbookError, parseLedgerWorkbook } = await import("@duban/reports");
  try {
    return await parseLedgerWorkbook(bytes);
  } catch (error) {
    if (error instanceof LedgerWorkbookError) throw invalid(error.message, error.message, "file");
    throw error;
  }
}
