import type ExcelJS from "exceljs";

/** Characters XML 1.0 cannot carry (ECMA-376 parts are XML 1.0): controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * `text` with every character XML 1.0 cannot carry replaced by U+FFFD (shown as �), so that one
 * odd character in a unit name or a report never makes the whole file unreadable (Excel refuses
 * such a file; exceljs writes it and then cannot read it back).
 */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}

/**
 * Cleans every text a workbook is about to write: plain strings, rich-text runs, hyperlink texts and
 * formula results, in every sheet. Builders call it just before `writeBuffer()`.
 */
export function makeWorkbookTextSafe(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown;
        if (typeof v === "string") {
          const safe = xmlSafe(v);
          if (safe !== v) cell.value = safe;
        } else if (v && typeof v === "object") {
          const o = v as { richText?: Array<{ text: string }>; text?: unknown; hyperlink?: string; formula?: string; result?: unknown };
          if (Array.isArray(o.richText)) cell.value = { richText: o.richText.map((r) => ({ ...r, text: xmlSafe(r.text) })) };
          else if (typeof o.hyperlink === "string" && typeof o.text === "string") cell.value = { ...(o as ExcelJS.CellHyperlinkValue), text: xmlSafe(o.text) };
          else if (typeof o.formula === "string" && typeof o.result === "string") cell.value = { ...(o as ExcelJS.CellFormulaValue), result: xmlSafe(o.result) };
        }
      });
    });
  });
}
