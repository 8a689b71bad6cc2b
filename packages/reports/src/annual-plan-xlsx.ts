import ExcelJS from "exceljs";

import { displayWidth } from "./summary-xlsx.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

/** The year's plan (年度工作要点) as the sheet offices keep: a title, then one row per item. */
export type AnnualPlanWorkbookInput = {
  title: string;
  /** 文号 and the day of the figures, under the title */
  subtitle: string;
  rows: Array<Record<AnnualPlanColumn, string | number>>;
};

export const ANNUAL_PLAN_COLUMNS = [
  "序号",
  "任务",
  "年度目标",
  "牵头单位",
  "配合单位",
  "完成时限",
  "状态",
  "结转",
] as const;
export type AnnualPlanColumn = (typeof ANNUAL_PLAN_COLUMNS)[number];

/** Columns wrap beyond this many display columns (CJK = 2), so long deliverables stay readable. */
const MAX_WIDTH: Partial<Record<AnnualPlanColumn, number>> = { 任务: 40, 年度目标: 50, 结转: 30 };
const border = { style: "thin" as const, color: { argb: "FFA1A1AA" } };

/**
 * Row 1 the title (merged, bold), row 2 the subtitle, row 3 the header (frozen, filtered), then the
 * items; every cell bordered and wrapped, columns as wide as their content within MAX_WIDTH.
 */
export async function buildAnnualPlanWorkbook(input: AnnualPlanWorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  wb.title = input.title;
  const ws = wb.addWorksheet("年度工作要点", { views: [{ state: "frozen", ySplit: 3 }] });
  const n = ANNUAL_PLAN_COLUMNS.length;
  ws.addRow([input.title]);
  ws.mergeCells(1, 1, 1, n);
  ws.getRow(1).font = { bold: true, size: 16 };
  ws.getRow(1).alignment = { horizontal: "center" };
  ws.addRow([input.subtitle]);
  ws.mergeCells(2, 1, 2, n);
  ws.getRow(2).alignment = { horizontal: "right" };
  ws.addRow([...ANNUAL_PLAN_COLUMNS]);
  for (const row of input.rows) ws.addRow(ANNUAL_PLAN_COLUMNS.map((c) => row[c]));
  ANNUAL_PLAN_COLUMNS.forEach((c, i) => {
    const widest = Math.max(displayWidth(c), ...input.rows.map((r) => displayWidth(r[c])));
    ws.getColumn(i + 1).width = Math.min(MAX_WIDTH[c] ?? 24, Math.max(6, widest + 2));
  });
  const header = ws.getRow(3);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF4F4F5" } };
  for (let r = 3; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: border, left: border, bottom: border, right: border };
      cell.alignment = { vertical: "middle", wrapText: true };
    });
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: n } };
  ws.pageSetup = {
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
