import ExcelJS from "exceljs";

import { schemeComponentLabels } from "@duban/domain/i18n";
import type { ScoreSheet } from "@duban/domain/schemas";

import { makeWorkbookTextSafe } from "./xml-text.ts";

export type ScoreSheetWorkbookData = {
  jurisdictionName: string;
  schemeName: string;
  sheet: ScoreSheet;
};

/**
 * 考核得分表 (issue #18): one row per unit — 排名, 单位, each component's points (in the scheme's
 * order), 加分, 减分, 总分 — under a title line naming the period, the scheme version and the day
 * the data count to. A unit whose components the reader may not see (visible-sheet.ts) has
 * blank component cells.
 */
export async function buildScoreSheetXlsx(data: ScoreSheetWorkbookData): Promise<Buffer> {
  const { sheet } = data;
  const kinds =
    sheet.units.find((u) => u.components.length > 0)?.components.map((c) => c.kind) ?? [];
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  const ws = wb.addWorksheet("考核得分", { views: [{ state: "frozen", ySplit: 2 }] });
  const periodText =
    sheet.kind === "YEAR"
      ? `${sheet.period}年度`
      : `${sheet.period.slice(0, 4)}年第${sheet.period.slice(5)}季度（累计）`;
  const headers = [
    "排名",
    "单位",
    ...kinds.map((k) => schemeComponentLabels[k].zh),
    "加分",
    "减分",
    "总分",
  ];
  ws.addRow([
    `${data.jurisdictionName}${periodText}考核得分（${data.schemeName}，第${sheet.schemeVersion}版，数据截至${sheet.asOf}）`,
  ]).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, headers.length);
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  for (const u of sheet.units) {
    const points = kinds.map((k) => u.components.find((c) => c.kind === k)?.points ?? null);
    ws.addRow([u.rank, u.departmentName, ...points, u.bonus, u.deduction, u.total]);
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 28;
  for (let i = 3; i <= headers.length; i++) {
    ws.getColumn(i).width = 12;
    ws.getColumn(i).numFmt = "0.00";
  }
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
