// @duban/plan-parser: pure text → plan structure (plus bytes → text extraction). No I/O.
export * from "./types.ts";
export { parsePlan } from "./parse.ts";
export { formatTree } from "./format-tree.ts";
export { periodFrom } from "./meta.ts";
export { DEFAULT_DEPARTMENTS, DEFAULT_KEYWORD_RULES } from "./departments.ts";
export { extractPlanText, PlanInputError, MAX_INPUT_BYTES } from "./extract.ts";
export type { InputErrorCode, ExtractOptions } from "./extract.ts";
export { readDivisionWorkbook, parseDivisionSheets } from "./division-workbook.ts";
export { readWorkbookSheets, workbookText } from "./workbook-sheets.ts";
export type { WorkbookSheet, WorkbookRow, WorkbookCell } from "./workbook-sheets.ts";
export { readResponsibility, simplify } from "./responsibility.ts";
export type { Responsibility } from "./responsibility.ts";
export { readDeadline } from "./deadline.ts";
