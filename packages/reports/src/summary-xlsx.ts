import ExcelJS from "exceljs";

import { SheetNames } from "./sheet-names.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

export type SummaryColumn = {
  header: string;
  key: string;
  /** 0.0% style for numbers that are percentages */ percent?: boolean;
};
export type SummarySection = {
  name: string;
  columns: SummaryColumn[];
  rows: Array<Record<string, string | number | null>>;
};
export type SummaryWorkbookInput = { title: string; sections: SummarySection[] };

/** Display width of a cell: CJK characters take two columns in Excel's default fonts. */
export function displayWidth(value: unknown): number {
  let w = 0;
  for (const ch of String(value ?? ""))
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/**
 * The quarterly summary as a workbook: one sheet per section, a bold frozen header row with a
 * filter, and columns as wide as their content (within limits) so it reads without resizing.
 */
export async function buildSummaryWorkbook(input: SummaryWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  wb.title = input.title;
  const names = new SheetNames();
  for (const section of input.sections) {
    const ws = wb.addWorksheet(names.take(section.name), {
      views: [{ state: "frozen", ySplit: 1 }],
    });
    ws.columns = section.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.min(
        MAX_WIDTH,
        Math.max(
          MIN_WIDTH,
          displayWidth(c.header),
          ...section.rows.map((r) => displayWidth(r[c.key])),
        ) + 2,
      ),
      style: c.percent ? { numFmt: '0.0"%"' } : {},
    }));
    for (const row of section.rows)
      ws.addRow(Object.fromEntries(section.columns.map((c) => [c.key, row[c.key] ?? ""])));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF4F4F5" } };
    header.alignment = { vertical: "middle" };
    if (section.columns.length)
      ws.autoFilter = {
        from: { row: 1, column: 1 },
        to: { row: 1, column: section.columns.length },
      };
  }
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
