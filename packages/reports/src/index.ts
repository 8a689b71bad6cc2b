// Each builder lives in its own file; add an export line per file.
export { buildSummaryWorkbook, displayWidth } from "./summary-xlsx.ts";
export type { SummaryColumn, SummarySection, SummaryWorkbookInput } from "./summary-xlsx.ts";
export { buildLedgerWorkbook } from "./ledger-workbook.ts";
export type { LedgerWorkbookData } from "./ledger-workbook.ts";
export { STATUS_LABELS } from "./ledger-template.ts";
export { parseLedgerWorkbook, LedgerWorkbookError } from "./ledger-workbook-parse.ts";
export type { ParsedLedgerRow, ImportedCell, EditableField } from "./ledger-workbook-parse.ts";
export {
  readCell,
  readCellValue,
  readingAsNumber,
  readingAsText,
  isPercentFormat,
} from "./xlsx-cells.ts";
export type { CellReading } from "./xlsx-cells.ts";
export { SheetNames, isLegalSheetName, cleanSheetName, MAX_SHEET_NAME } from "./sheet-names.ts";
export { buildEvaluationDocx, evaluationOfficialDocument } from "./evaluation-docx.ts";
export { buildEvaluationXlsx } from "./evaluation-xlsx.ts";
export { trajectoryChart, completionChart, districtChart } from "./charts.ts";
export type { ChartImage, TrajectorySeries, DistrictChartSeries } from "./charts.ts";
export { buildIndicatorDistrictsXlsx } from "./district-xlsx.ts";
export type { IndicatorDistrictsWorkbookData } from "./district-xlsx.ts";
export { textWidth } from "./official/page-layout.ts";
export { tableLayout } from "./official/official-table.ts";
export type {
  EvaluationDocument,
  CompletionRow,
  AnnualEvaluationSection,
} from "./evaluation-types.ts";
export { readWorkbook } from "./read-xlsx.ts";
export type { SheetValues } from "./read-xlsx.ts";
export { buildNoticeDocx, noticeOfficialDocument } from "./notice-docx.ts";
export type { NoticeDocument } from "./notice-docx.ts";
export { buildOfficialDocx } from "./official/official-docx.ts";
export type { OfficialBlock, OfficialDocument } from "./official/official-types.ts";
export { buildBulletinDocx } from "./bulletin-docx.ts";
export { buildBulletinXlsx } from "./bulletin-xlsx.ts";
export { buildScoreSheetXlsx } from "./score-sheet-xlsx.ts";
export type { ScoreSheetWorkbookData } from "./score-sheet-xlsx.ts";
export { buildAnnualPlanWorkbook, ANNUAL_PLAN_COLUMNS } from "./annual-plan-xlsx.ts";
export type { AnnualPlanWorkbookInput, AnnualPlanColumn } from "./annual-plan-xlsx.ts";
export { buildCockpitXlsx } from "./cockpit-xlsx.ts";
