import ExcelJS from "exceljs";

import {
  indicatorStatusLabels,
  scheduleLabels,
  trafficLightLabels,
  type CockpitSummary,
} from "@duban/domain";

import { SheetNames } from "./sheet-names.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

const light = (l: "RED" | "YELLOW" | "GREEN" | null) => (l ? trafficLightLabels[l].zh : "—");

function sheet(wb: ExcelJS.Workbook, names: SheetNames, name: string, header: string[]) {
  const ws = wb.addWorksheet(names.take(name), { views: [{ state: "frozen", ySplit: 1 }] });
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  ws.columns = header.map((h, i) => ({ width: i === 0 ? 28 : Math.max(10, h.length * 2 + 2) }));
  return ws;
}

/**
 * 驾驶舱 as a workbook (issue #19 "Exports: the same as .xlsx"): one sheet per section of the page,
 * Chinese headers — 总览 (the KPIs), 各辖区完成情况 (own and with everything below), 责任单位,
 * 滞后事项, 指标达标, 分片区分县达标, 台账报送, 规划清单. Takes the domain's cockpitSummary answer
 * as it is, so the file shows exactly what the page shows to the same person.
 */
export async function buildCockpitXlsx(data: CockpitSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  const names = new SheetNames();
  const t = data.totals;

  const kpi = sheet(wb, names, "总览", ["项目", "数值"]);
  kpi.addRows([
    ["辖区", data.root.name],
    ["截至日期", data.asOf],
    ["在实施规划数", t.plans],
    ["任务总数", t.total],
    ["已完成", t.completed],
    ["已取消", t.cancelled],
    ["按序时推进", t.onSchedule],
    ["滞后", t.lagging],
    ["逾期", t.overdue],
    ["红灯", t.red],
    ["黄灯", t.yellow],
    ["绿灯", t.green],
    ["临期", t.dueSoon],
    ["完成率(%)", t.completionRate],
    ["平均进度(%)", t.reportedProgress],
    ["序时进度(%)", t.expectedProgress],
    ["总体灯号", light(t.light)],
    ["指标总数", data.indicatorTotals.total],
    ...(["ON_TRACK", "AT_RISK", "OFF_TRACK", "NO_DATA", "NO_TRAJECTORY"] as const).map((s) => [
      `指标：${indicatorStatusLabels[s].zh}`,
      data.indicatorTotals[s],
    ]),
    ["台账报送季度", data.period ?? "—"],
    ["应报", data.reportingTotals.expected],
    ["已报", data.reportingTotals.submitted],
    ["报送完整率(%)", data.reportingTotals.completeness],
  ]);

  const byJ = sheet(wb, names, "各辖区完成情况", [
    "辖区",
    "上级辖区",
    "规划数",
    "任务数",
    "已完成",
    "滞后",
    "逾期",
    "红灯",
    "黄灯",
    "绿灯",
    "完成率(%)",
    "平均进度(%)",
    "序时进度(%)",
    "灯号",
    "含下级规划数",
    "含下级任务数",
    "含下级已完成",
    "含下级滞后",
    "含下级逾期",
    "含下级完成率(%)",
    "含下级灯号",
  ]);
  const nameOf = new Map(data.jurisdictions.map((j) => [j.id, j.name]));
  for (const j of data.jurisdictions)
    byJ.addRow([
      `${"　".repeat(j.depth)}${j.name}`,
      j.parentId ? (nameOf.get(j.parentId) ?? "") : "",
      j.plans,
      j.own.total,
      j.own.completed,
      j.own.lagging,
      j.own.overdue,
      j.own.red,
      j.own.yellow,
      j.own.green,
      j.own.completionRate,
      j.own.reportedProgress,
      j.own.expectedProgress,
      light(j.own.light),
      j.subtreePlans,
      j.subtree.total,
      j.subtree.completed,
      j.subtree.lagging,
      j.subtree.overdue,
      j.subtree.completionRate,
      light(j.subtree.light),
    ]);

  const units = sheet(wb, names, "责任单位", [
    "责任单位",
    "所属辖区",
    "规划数",
    "任务数",
    "已完成",
    "滞后",
    "逾期",
    "完成率(%)",
    "平均进度(%)",
    "序时进度(%)",
    "灯号",
  ]);
  for (const u of data.units)
    units.addRow([
      u.name,
      u.jurisdictionName,
      u.plans,
      u.total,
      u.completed,
      u.lagging,
      u.overdue,
      u.completionRate,
      u.reportedProgress,
      u.expectedProgress,
      light(u.light),
    ]);

  const lag = sheet(wb, names, "滞后事项", [
    "任务",
    "编号",
    "规划",
    "辖区",
    "牵头单位",
    "状态",
    "进度(%)",
    "序时进度(%)",
    "落后(百分点)",
    "完成时限",
    "逾期天数",
  ]);
  for (const i of data.lagging)
    lag.addRow([
      i.title,
      i.code ?? "",
      i.planTitle,
      i.jurisdictionName,
      i.departmentName,
      scheduleLabels[i.schedule].zh,
      i.progress,
      i.expectedProgress,
      i.lag,
      i.dueDate,
      i.daysOverdue,
    ]);

  const statuses = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "NO_DATA", "NO_TRAJECTORY"] as const;
  const ind = sheet(wb, names, "指标达标", [
    "辖区",
    "指标数",
    ...statuses.map((s) => indicatorStatusLabels[s].zh),
  ]);
  for (const j of data.jurisdictions)
    ind.addRow([j.name, j.indicators.total, ...statuses.map((s) => j.indicators[s])]);

  const parts = sheet(wb, names, "分片区分县达标", [
    "指标",
    "方式",
    "片区/下级辖区",
    "最新季度",
    "最新值",
    "序时目标",
    "评价",
  ]);
  for (const b of data.breakdowns)
    for (const p of b.parts)
      parts.addRow([
        b.unit ? `${b.name}（${b.unit}）` : b.name,
        b.kind === "DISTRICT" ? "分片区监测" : "分解到下级",
        p.name,
        p.period ?? "",
        p.value,
        p.expected === null ? null : Math.round(p.expected * 1000) / 1000,
        indicatorStatusLabels[p.status].zh,
      ]);

  const rep = sheet(wb, names, "台账报送", [
    "辖区",
    "季度",
    "报送周期数",
    "应报",
    "已报",
    "按时",
    "逾期报送",
    "完整率(%)",
  ]);
  for (const j of data.jurisdictions)
    rep.addRow([
      j.name,
      data.period ?? "",
      j.reporting.cycles,
      j.reporting.expected,
      j.reporting.submitted,
      j.reporting.onTime,
      j.reporting.late,
      j.reporting.completeness,
    ]);

  const plans = sheet(wb, names, "规划清单", [
    "规划",
    "辖区",
    "规划期",
    "任务数",
    "已完成",
    "滞后",
    "逾期",
    "完成率(%)",
    "平均进度(%)",
    "灯号",
    "指标数",
    "指标偏离",
  ]);
  for (const p of data.plans)
    plans.addRow([
      p.title,
      p.jurisdictionName,
      `${p.periodStart}—${p.periodEnd}`,
      p.total,
      p.completed,
      p.lagging,
      p.overdue,
      p.completionRate,
      p.reportedProgress,
      light(p.light),
      p.indicators.total,
      p.indicators.OFF_TRACK,
    ]);

  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
