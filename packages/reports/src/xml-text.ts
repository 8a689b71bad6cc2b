import type ExcelJS from "exceljs";

/**
 * Characters XML 1.0 cannot carry (ECMA-376 parts are XML 1.0): controls but tab/LF/CR, lone
 * surrogates, U+FFFE/U+FFFF; and DEL with the C1 controls (U+007F–U+009F), which XML 1.0 only
 * discourages but exceljs silently drops when it reads a workbook back.
 */
const NOT_XML = /[^\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** An underscore that Excel would read as the start of an escaped character, `_xHHHH_` (ECMA-376 Part 1, §22.9.2.19 ST_Xstring). */
const EXCEL_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** Where a text goes: XML text (Word's paragraphs, any file's properties), or an Excel cell (which has an escape of its own). */
export type TextPlace = "xml" | "excel-cell";

/**
 * The one function every document builder (Word and Excel) passes its text through, so that any
 * text the app holds gives a file that opens and reads back as it was written:
 * - every character XML 1.0 cannot carry (or that exceljs drops: DEL and C1) becomes U+FFFD (shown as �): one odd character in a unit
 *   name or a report never makes the whole file unreadable (Word and Excel refuse such a file;
 *   exceljs writes it and then cannot read it back);
 * - in an Excel cell, a literal `_xHHHH_` is written `_x005F_xHHHH_`, Excel's escape for the
 *   underscore; otherwise "_x0000_" typed by a user would come back from the workbook as a NUL.
 */
export function documentText(text: string, place: TextPlace): string {
  const safe = text.replace(NOT_XML, "\uFFFD");
  return place === "excel-cell" ? safe.replace(EXCEL_ESCAPE, "_x005F_") : safe;
}

/** `data` (plain objects, arrays, strings, numbers, dates…) with every string passed through documentText; the rest as it is. */
export function documentData<T>(data: T, place: TextPlace): T {
  if (typeof data === "string") return documentText(data, place) as T;
  if (Array.isArray(data)) return data.map((v) => documentData(v, place)) as T;
  if (data && typeof data === "object" && Object.getPrototypeOf(data) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, documentData(v, place)]),
    ) as T;
  }
  return data;
}

const PROPERTIES = [
  "title",
  "subject",
  "keywords",
  "category",
  "description",
  "creator",
  "lastModifiedBy",
  "company",
  "manager",
] as const;

/**
 * Passes every text a workbook is about to write through documentText: plain strings, rich-text
 * runs, hyperlink texts and formula results in every sheet, and the workbook's properties.
 * Excel builders call it just before `writeBuffer()`; sheet names go through SheetNames.
 */
export function makeWorkbookTextSafe(wb: ExcelJS.Workbook): void {
  const safe = (s: string) => documentText(s, "excel-cell");
  for (const key of PROPERTIES) {
    const value = (wb as unknown as Record<string, unknown>)[key];
    if (typeof value === "string")
      (wb as unknown as Record<string, unknown>)[key] = documentText(value, "xml");
  }
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        if (typeof v === "string") {
          const text = safe(v);
          if (text !== v) cell.value = text;
        } else if (v && typeof v === "object") {
          const o = v as {
            richText?: Array<{ text: string }>;
            text?: unknown;
            hyperlink?: string;
            formula?: string;
            result?: unknown;
          };
          if (Array.isArray(o.richText))
            cell.value = { richText: o.richText.map((r) => ({ ...r, text: safe(r.text) })) };
          else if (typeof o.hyperlink === "string" && typeof o.text === "string")
            cell.value = { ...(o as ExcelJS.CellHyperlinkValue), text: safe(o.text) };
          else if (typeof o.formula === "string" && typeof o.result === "string")
            cell.value = { ...(o as ExcelJS.CellFormulaValue), result: safe(o.result) };
        }
      });
    });
  });
}
