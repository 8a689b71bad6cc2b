// .xlsx bytes → sheets of cell texts, merged cells resolved, and the plain-text rendering that is
// stored as the plan's source text (one row per line, so warnings' line numbers point into it).
import type ExcelJS from "exceljs";

import { PlanInputError } from "./extract.ts";

/** One cell as read: its text, and where a merged cell's text really sits. */
export type WorkbookCell = {
  /** 1-based column */
  col: number;
  /** the text shown (a merged cell's master text on every cell of the range), trimmed at both ends */
  text: string;
  /** the master cell's row and column: the cell itself unless it lies inside a merged range */
  masterRow: number;
  masterCol: number;
  /** a date typed as a date (not text): its calendar day, YYYY-MM-DD */
  date?: string;
};

export type WorkbookRow = {
  /** 1-based row in the sheet, as Excel numbers it */
  row: number;
  /** 1-based line of this row in the rendering (workbookText) */
  line: number;
  cells: WorkbookCell[];
};

export type WorkbookSheet = { name: string; rows: WorkbookRow[] };

/** A sheet's label line in the rendering: `【工作表：重点任务】`. */
const sheetLabel = (name: string) => `【工作表：${name}】`;

/**
 * Reads an .xlsx into its sheets: every row that holds a value, with each cell's text (rich text
 * joined, formulas as their cached result, numbers as written by String(), dates as `2024年6月30日`
 * plus `date`). A cell inside a merged range carries its master's text and position (exceljs gives
 * the master's value on every merged cell), so a caller can tell a merged section column from text
 * repeated by hand. Rows are numbered as Excel numbers them; `line` is the row's line in
 * workbookText. Throws PlanInputError CORRUPT when exceljs cannot open the file. Size and zip
 * bounds are the caller's (the server's upload guard): nothing here limits them.
 */
export const readWorkbookSheets = async (bytes: Uint8Array): Promise<WorkbookSheet[]> => {
  // loaded on the first workbook, not at start: exceljs is large (the api's memory at rest)
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new PlanInputError("CORRUPT", error instanceof Error ? error.message : String(error));
  }
  const sheets: WorkbookSheet[] = [];
  let line = 0;
  for (const ws of wb.worksheets) {
    line++; // the sheet's label line
    const base = line;
    const rows: WorkbookRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: WorkbookCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const master = cell.master;
        const read = cellText(master.value);
        if (read.text === "") return;
        cells.push({
          col: colNumber,
          text: read.text,
          masterRow: Number(master.row),
          masterCol: Number(master.col),
          ...(read.date ? { date: read.date } : {}),
        });
      });
      if (cells.length > 0) rows.push({ row: rowNumber, line: base + rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
    line = base + (rows[rows.length - 1]?.row ?? 0);
  }
  return sheets;
};

/**
 * The workbook as plain text: per sheet a label line `【工作表：名称】`, then one line per row
 * (empty rows as empty lines, so row N of a sheet is line label + N), cells separated by a tab,
 * a merged range's text only in its master cell, line breaks inside a cell as spaces.
 */
export const workbookText = (sheets: readonly WorkbookSheet[]): string => {
  const lines: string[] = [];
  for (const sheet of sheets) {
    lines.push(sheetLabel(sheet.name));
    let next = 1;
    for (const row of sheet.rows) {
      for (; next < row.row; next++) lines.push("");
      const own = row.cells.filter((c) => c.masterRow === row.row && c.masterCol === c.col);
      const width = Math.max(0, ...own.map((c) => c.col));
      const texts: string[] = Array.from({ length: width }, () => "");
      for (const c of own) texts[c.col - 1] = c.text.replace(/\s*[\r\n]+\s*/gu, " ");
      lines.push(texts.join("\t"));
      next = row.row + 1;
    }
  }
  return lines.join("\n");
};

/** Lines of workbookText(sheets), without rendering it: a label line and the rows of each sheet. */
export const renderedLines = (sheets: readonly WorkbookSheet[]): number =>
  sheets.reduce((n, s) => n + 1 + (s.rows[s.rows.length - 1]?.row ?? 0), 0);

type CellValue = ExcelJS.CellValue;

const DAY_MS = 86_400_000;

/** A cell value as text; dates as the calendar day Excel shows (exceljs reads them as UTC). */
const cellText = (value: CellValue): { text: string; date?: string } => {
  if (value === null || value === undefined) return { text: "" };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { text: "" };
    // a time of day rounds to its day: Excel stores 2024-06-30 18:00 as 45473.75
    const day = new Date(Math.floor(value.getTime() / DAY_MS) * DAY_MS);
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    return { text: `${y}年${m}月${d}日`, date: iso };
  }
  if (typeof value === "string") return { text: value.trim() };
  if (typeof value === "number" || typeof value === "boolean") return { text: String(value) };
  if ("richText" in value)
    return {
      text: value.richText
        .map((r) => r.text)
        .join("")
        .trim(),
    };
  if ("formula" in value || "sharedFormula" in value)
    return cellText((value as { result?: CellValue }).result ?? null);
  if ("hyperlink" in value) return cellText((value as { text?: CellValue }).text ?? null);
  // a formula error (#N/A, #REF!) stays visible rather than reading as an empty cell
  if ("error" in value) return { text: String((value as { error: unknown }).error) };
  return { text: "" };
};
