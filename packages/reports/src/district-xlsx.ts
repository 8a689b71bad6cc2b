import ExcelJS from "exceljs";

import { districtChart } from "./charts.ts";
import { SheetNames } from "./sheet-names.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

type Judged = {
  status: string;
  expected: number | null;
  shortfall: number | null;
};

/** What the workbook shows: the domain's indicatorDistricts answer, with labels already chosen. */
export type IndicatorDistrictsWorkbookData = {
  indicator: { name: string; unit: string | null; totalRuleLabel: string; comparisonLabel: string };
  asOf: string;
  periods: Array<{ key: string; label: string }>;
  districts: Array<
    {
      name: string;
      active: boolean;
      unit: string | null;
      baselineValue: number | null;
      targetValue: number | null;
      values: Record<string, number | null>;
      statusLabel: string;
    } & Judged
  >;
  total: {
    values: Record<string, number | null>;
    disagrees: Record<string, boolean>;
    statusLabel: string;
  } & Judged;
  warnings: Array<{ kindLabel: string; period: string; message: string }>;
};

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

/**
 * 分片区监测 of one indicator as a workbook (issue #19): sheet 分片区对比 with one row per 片区
 * (retired marked), the total by the indicator's rule, the quarters side by side as columns,
 * each row's 序时目标, 差距 and 评价 at the latest quarter, and the chart of the 片区 side by side
 * below the table; sheet 预警 with every warning.
 */
export async function buildIndicatorDistrictsXlsx(
  data: IndicatorDistrictsWorkbookData,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  const names = new SheetNames();
  const ws = wb.addWorksheet(names.take("分片区对比"), {
    views: [{ state: "frozen", xSplit: 1, ySplit: 2 }],
  });
  const unit = data.indicator.unit ? `（${data.indicator.unit}）` : "";
  ws.addRow([
    `${data.indicator.name}${unit} 分片区监测（总量：${data.indicator.totalRuleLabel}；截至 ${data.asOf}）`,
  ]).font = { bold: true };
  const header = [
    "片区",
    "报送单位",
    "基期值",
    "目标值",
    ...data.periods.map((p) => p.label),
    "序时目标",
    "差距(%)",
    "评价",
  ];
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  for (const d of data.districts)
    ws.addRow([
      d.active ? d.name : `${d.name}（已停用）`,
      d.unit ?? "",
      d.baselineValue,
      d.targetValue,
      ...data.periods.map((p) => round(d.values[p.key] ?? null)),
      round(d.expected),
      pct(d.shortfall),
      d.statusLabel,
    ]);
  const totalRow = ws.addRow([
    `合计（${data.indicator.totalRuleLabel}）`,
    "",
    null,
    null,
    ...data.periods.map((p) => round(data.total.values[p.key] ?? null)),
    round(data.total.expected),
    pct(data.total.shortfall),
    data.total.statusLabel,
  ]);
  totalRow.font = { bold: true };
  data.periods.forEach((p, i) => {
    if (!data.total.disagrees[p.key]) return;
    const cell = totalRow.getCell(5 + i);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE4D7F5" } };
    cell.note = `与各片区${data.indicator.comparisonLabel}不一致`;
  });
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 22 : i === 1 ? 16 : 12;
  });
  const chart = districtChart({
    name: data.indicator.name,
    unit: data.indicator.unit,
    periods: data.periods,
    districts: data.districts.map((d) => ({ name: d.name, values: d.values })),
    total: { name: `合计（${data.indicator.totalRuleLabel}）`, values: data.total.values },
  });
  if (chart) {
    const image = wb.addImage({ buffer: Buffer.from(chart.png) as never, extension: "png" });
    const px = 96 / 25.4;
    ws.addImage(image, {
      tl: { col: 0, row: ws.rowCount + 1 },
      ext: { width: chart.widthMm * px, height: chart.heightMm * px },
    });
  }
  const w = wb.addWorksheet(names.take("预警"), { views: [{ state: "frozen", ySplit: 1 }] });
  w.columns = [
    { header: "类别", key: "kindLabel", width: 14 },
    { header: "季度", key: "period", width: 14 },
    { header: "内容", key: "message", width: 80 },
  ];
  w.getRow(1).font = { bold: true };
  for (const x of data.warnings) w.addRow(x);
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
