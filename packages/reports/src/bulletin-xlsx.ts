import ExcelJS from "exceljs";

import type { BulletinDocumentData } from "@duban/domain";

import { SheetNames } from "./sheet-names.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

const round2 = (n: number) => Number(n.toFixed(2));

/**
 * A bulletin's score sheet as a workbook (issue #18 "the score sheet as .xlsx"): 排名 (rank, unit,
 * total, each component's points, bonus, deduction) and 得分明细 (per unit and component: weight,
 * ratio, numerator / denominator), the latter only with the figures the reader may see
 * (rankingFor leaves them empty for other units' rows when the reader is department staff).
 */
export async function buildBulletinXlsx(data: BulletinDocumentData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  const names = new SheetNames();
  const ranking = wb.addWorksheet(names.take("排名"), { views: [{ state: "frozen", ySplit: 1 }] });
  ranking.columns = [
    { header: "排名", key: "rank", width: 6 },
    { header: "单位", key: "unit", width: 28 },
    { header: "总分", key: "total", width: 8 },
    ...data.components.map((c) => ({ header: c.label, key: c.kind, width: 14 })),
    { header: "加分", key: "bonus", width: 8 },
    { header: "减分", key: "deduction", width: 8 },
  ];
  ranking.getRow(1).font = { bold: true };
  for (const u of data.ranking)
    ranking.addRow({
      rank: u.rank,
      unit: u.departmentName,
      total: round2(u.total),
      ...Object.fromEntries(u.components.map((c) => [c.kind, round2(c.points)])),
      bonus: round2(u.bonus),
      deduction: round2(u.deduction),
    });
  const detail = wb.addWorksheet(names.take("得分明细"), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  detail.columns = [
    { header: "单位", key: "unit", width: 28 },
    { header: "考核项", key: "component", width: 18 },
    { header: "权重", key: "weight", width: 8 },
    { header: "得分率", key: "ratio", width: 10 },
    { header: "分子", key: "numerator", width: 8 },
    { header: "分母", key: "denominator", width: 8 },
    { header: "得分", key: "points", width: 8 },
  ];
  detail.getRow(1).font = { bold: true };
  const label = new Map(data.components.map((c) => [c.kind, c.label]));
  for (const u of data.ranking)
    for (const c of u.components)
      detail.addRow({
        unit: u.departmentName,
        component: label.get(c.kind) ?? c.kind,
        weight: c.weight,
        ratio: c.ratio === null ? null : round2(c.ratio),
        numerator: c.numerator,
        denominator: c.denominator,
        points: round2(c.points),
      });
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
