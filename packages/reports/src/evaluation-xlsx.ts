import ExcelJS from "exceljs";

import { scheduleLabels } from "@duban/domain/i18n";

import type { EvaluationDocument } from "./evaluation-types.ts";
import { SheetNames } from "./sheet-names.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

function sheet(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  name: string,
  columns: Array<{ header: string; key: string; width: number }>,
  rows: Array<Record<string, unknown>>,
) {
  const ws = wb.addWorksheet(names.take(name), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  for (const r of rows) ws.addRow(r).alignment = { vertical: "top", wrapText: true };
}

const completionColumns = [
  { header: "名称", key: "name", width: 30 },
  { header: "任务数", key: "total", width: 8 },
  { header: scheduleLabels.COMPLETED.zh, key: "completed", width: 8 },
  { header: scheduleLabels.ON_SCHEDULE.zh, key: "onSchedule", width: 10 },
  { header: scheduleLabels.LAGGING.zh, key: "lagging", width: 8 },
  { header: scheduleLabels.OVERDUE.zh, key: "overdue", width: 8 },
  { header: "完成率(%)", key: "completionRate", width: 10 },
  { header: "平均进度(%)", key: "averageProgress", width: 12 },
  { header: "序时进度(%)", key: "expectedProgress", width: 12 },
];

/** 年度评估: the year's items, indicators against the year's targets and the published scores. */
function annualSheets(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  a: NonNullable<EvaluationDocument["annual"]>,
) {
  sheet(
    wb,
    names,
    "年度重点工作",
    [
      { header: "事项", key: "title", width: 40 },
      { header: "年度目标", key: "deliverable", width: 40 },
      { header: "牵头单位", key: "department", width: 18 },
      { header: "完成时限", key: "dueDate", width: 12 },
      { header: "完成情况", key: "outcome", width: 10 },
      { header: "完成日期", key: "doneOn", width: 12 },
      { header: "结转", key: "carried", width: 6 },
      { header: "未完成原因", key: "explanation", width: 50 },
    ],
    a.items.map((i) => ({
      ...i,
      outcome: i.done ? (i.onTime ? "按时完成" : "逾期完成") : "未完成",
      carried: i.carriedOver ? "是" : "",
    })),
  );
  sheet(
    wb,
    names,
    "年度指标",
    [
      { header: "序号", key: "number", width: 6 },
      { header: "指标", key: "name", width: 36 },
      { header: "单位", key: "unit", width: 10 },
      { header: "年度目标", key: "yearTarget", width: 10 },
      { header: "年末序时目标", key: "expected", width: 12 },
      { header: "实际值", key: "actual", width: 10 },
      { header: "报告期", key: "actualPeriod", width: 10 },
      { header: "评价", key: "verdict", width: 10 },
    ],
    a.indicators,
  );
  sheet(
    wb,
    names,
    "年度考核",
    [
      { header: "名次", key: "rank", width: 6 },
      { header: "单位", key: "name", width: 30 },
      { header: "得分", key: "total", width: 10 },
    ],
    a.scores ? a.scores.units : [{ rank: null, name: "年度考核结果尚未发布", total: null }],
  );
}

/**
 * 分片区 (issue #19): for each indicator monitored by district, its 片区 side by side — one row
 * per 片区 and one for the total by the indicator's rule — with the latest quarter, value,
 * 序时目标, gap and 评价 (the district view of the evaluation's day).
 */
function districtSheet(
  wb: ExcelJS.Workbook,
  names: SheetNames,
  blocks: NonNullable<EvaluationDocument["districts"]>,
) {
  const latest = (b: (typeof blocks)[number], values: Record<string, number | null>) => {
    const p = [...b.periods]
      .reverse()
      .find((q) => values[q.key] !== null && values[q.key] !== undefined);
    return { latestPeriod: p?.label ?? null, latestValue: p ? values[p.key] : null };
  };
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  sheet(
    wb,
    names,
    "分片区",
    [
      { header: "序号", key: "number", width: 6 },
      { header: "指标", key: "indicator", width: 30 },
      { header: "片区", key: "name", width: 20 },
      { header: "报送单位", key: "unit", width: 16 },
      { header: "基期值", key: "baselineValue", width: 10 },
      { header: "目标值", key: "targetValue", width: 10 },
      { header: "最新季度", key: "latestPeriod", width: 16 },
      { header: "最新值", key: "latestValue", width: 10 },
      { header: "序时目标", key: "expected", width: 10 },
      { header: "差距(%)", key: "shortfall", width: 10 },
      { header: "评价", key: "statusLabel", width: 10 },
    ],
    blocks.flatMap((b) => [
      ...b.districts.map((d) => ({
        number: b.number,
        indicator: b.indicator.name,
        ...d,
        name: d.active ? d.name : `${d.name}（已停用）`,
        ...latest(b, d.values),
        shortfall: pct(d.shortfall),
      })),
      {
        number: b.number,
        indicator: b.indicator.name,
        name: `合计（${b.indicator.totalRuleLabel}）`,
        ...latest(b, b.total.values),
        expected: b.total.expected,
        shortfall: pct(b.total.shortfall),
        statusLabel: b.total.statusLabel,
      },
    ]),
  );
}

/** The same evaluation as a workbook: one sheet per section, for further analysis. */
export async function buildEvaluationXlsx(data: EvaluationDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  // fixed names today; through SheetNames so that a section named from data stays legal
  const names = new SheetNames();
  sheet(wb, names, "总体情况", completionColumns, [data.totals]);
  sheet(
    wb,
    names,
    "主要指标",
    [
      { header: "序号", key: "number", width: 6 },
      { header: "指标", key: "name", width: 36 },
      { header: "单位", key: "unit", width: 10 },
      { header: "属性", key: "nature", width: 8 },
      { header: "基期值", key: "baseline", width: 10 },
      { header: "目标值", key: "target", width: 10 },
      { header: "最新季度", key: "latestPeriod", width: 10 },
      { header: "最新值", key: "latestValue", width: 10 },
      { header: "序时目标", key: "expected", width: 10 },
      { header: "完成度(%)", key: "attainment", width: 10 },
      { header: "评价", key: "status", width: 10 },
    ],
    data.indicators,
  );
  if (data.districts?.length) districtSheet(wb, names, data.districts);
  sheet(wb, names, "各单位", completionColumns, data.departments);
  sheet(wb, names, "各章节", completionColumns, data.chapters);
  sheet(
    wb,
    names,
    "滞后事项",
    [
      { header: "任务", key: "title", width: 40 },
      { header: "牵头单位", key: "department", width: 18 },
      { header: "状态", key: "state", width: 8 },
      { header: "完成进度(%)", key: "progress", width: 10 },
      { header: "序时进度(%)", key: "expected", width: 10 },
      { header: "完成时限", key: "dueDate", width: 12 },
      { header: "单位说明", key: "explanation", width: 50 },
    ],
    data.lagging,
  );
  sheet(
    wb,
    names,
    "规划调整",
    [
      { header: "任务", key: "title", width: 40 },
      { header: "牵头单位", key: "department", width: 18 },
      { header: "调整前", key: "from", width: 16 },
      { header: "调整后", key: "to", width: 16 },
      { header: "调整原因", key: "reason", width: 40 },
      { header: "调整日期", key: "at", width: 12 },
      { header: "调整类型", key: "kind", width: 14 },
    ],
    data.adjustments,
  );
  if (data.annual) annualSheets(wb, names, data.annual);
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
