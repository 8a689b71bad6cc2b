// Each builder lives in its own file; add an export line per file.
export { buildSummaryWorkbook, displayWidth } from "./summary-xlsx.ts";
export type { SummaryColumn, SummarySection, SummaryWorkbookInput } from "./summary-xlsx.ts";
export { buildLedgerWorkbook, parseLedgerWorkbook, LedgerWorkbookError, STATUS_LABELS } from "./ledger-workbook.ts";
export type { LedgerWorkbookData, ParsedLedgerRow } from "./ledger-workbook.ts";
export { buildEvaluationDocx } from "./evaluation-docx.ts";
export { buildEvaluationXlsx } from "./evaluation-xlsx.ts";
export type { EvaluationDocument, CompletionRow } from "./evaluation-types.ts";
export { readWorkbook } from "./read-xlsx.ts";
export type { SheetValues } from "./read-xlsx.ts";
