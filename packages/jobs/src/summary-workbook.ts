import { scheduleLabels, trafficLightLabels, type QuarterlySummary } from "@duban/domain";
import type { SummarySection as Section } from "@duban/reports";

/**
 * The quarterly summary's sections as sheets of the attached workbook; the cascade's two sheets
 * (各县（市、区）分解落实, 上级下达事项) only when the plan has assignments below or above.
 */
export async function quarterlySummaryWorkbook(s: QuarterlySummary): Promise<Buffer> {
  // exceljs and docx load at the first summary, not when the api or the worker starts
  const { buildSummaryWorkbook } = await import("@duban/reports");
  return buildSummaryWorkbook({
    title: `${s.planTitle} ${s.periodLabel}实施情况`,
    sections: [
      {
        name: "各单位完成情况",
        columns: [
          { header: "单位", key: "name" },
          { header: "任务数", key: "total" },
          { header: scheduleLabels.COMPLETED.zh, key: "completed" },
          { header: scheduleLabels.ON_SCHEDULE.zh, key: "onSchedule" },
          { header: scheduleLabels.LAGGING.zh, key: "lagging" },
          { header: scheduleLabels.OVERDUE.zh, key: "overdue" },
          // with the jurisdiction's bands (issue #17 step 8)
          { header: trafficLightLabels.RED.zh, key: "red" },
          { header: trafficLightLabels.YELLOW.zh, key: "yellow" },
          { header: "临期", key: "dueSoon" },
          { header: "完成率", key: "completionRate", percent: true },
          { header: "平均进度", key: "reportedProgress", percent: true },
          { header: "序时进度", key: "expectedProgress", percent: true },
        ],
        rows: s.departments,
      },
      {
        name: "滞后和逾期任务",
        columns: [
          { header: "任务", key: "title" },
          { header: "牵头单位", key: "departmentName" },
          { header: "状态", key: "schedule" },
          { header: "红黄绿灯", key: "light" },
          { header: "进度", key: "progress", percent: true },
          { header: "序时进度", key: "expectedProgress", percent: true },
          { header: "到期日", key: "dueDate" },
        ],
        rows: s.problems,
      },
      {
        name: "台账填报",
        columns: [
          { header: "单位", key: "departmentName" },
          { header: "应报", key: "expected" },
          { header: "已报", key: "submitted" },
          { header: "按时", key: "onTime" },
          { header: "迟报", key: "late" },
          { header: "完整率", key: "completeness", percent: true },
          { header: "及时率", key: "timeliness", percent: true },
        ],
        rows: s.ledger,
      },
      {
        name: "指标监测",
        columns: [
          { header: "序号", key: "number" },
          { header: "指标", key: "name" },
          { header: "单位", key: "unit" },
          { header: "基期值", key: "baseline" },
          { header: "目标值", key: "target" },
          { header: "目标年", key: "targetYear" },
          { header: "序时目标", key: "expected" },
          { header: "实际值", key: "actual" },
          { header: "判断", key: "standing" },
        ],
        rows: s.indicators,
      },
      ...cascadeSections(s),
    ],
  });
}

function cascadeSections(s: QuarterlySummary): Section[] {
  // summaries queued before the cascade carry no such field
  const c = (s as Partial<QuarterlySummary>).cascade;
  if (!c) return [];
  const out: Section[] = [];
  if (c.children.length)
    out.push(
      {
        name: "各县（市、区）分解落实",
        columns: [
          { header: "地区", key: "jurisdictionName" },
          { header: "下达事项", key: "received" },
          { header: "已分解", key: "decomposed" },
          { header: "待分解", key: "pending" },
          { header: "逾期未分解", key: "late" },
          { header: "汇总进度", key: "progress", percent: true },
          { header: "分解任务数", key: "tasks" },
          { header: scheduleLabels.LAGGING.zh, key: "lagging" },
          { header: scheduleLabels.OVERDUE.zh, key: "overdue" },
          { header: "应报", key: "reportsExpected" },
          { header: "已报", key: "reportsSubmitted" },
          { header: "填报完整率", key: "completeness", percent: true },
        ],
        rows: c.children,
      },
      {
        name: "县级滞后和逾期任务",
        columns: [
          { header: "地区", key: "jurisdictionName" },
          { header: "任务", key: "title" },
          { header: "牵头单位", key: "departmentName" },
          { header: "状态", key: "schedule" },
          { header: "进度", key: "progress", percent: true },
          { header: "序时进度", key: "expectedProgress", percent: true },
          { header: "到期日", key: "dueDate" },
        ],
        rows: c.problems,
      },
    );
  if (c.owed.length)
    out.push({
      name: "上级下达事项",
      columns: [
        { header: "上级事项", key: "parentTitle" },
        { header: "上级规划", key: "parentPlanTitle" },
        { header: "下达单位", key: "fromJurisdictionName" },
        { header: "分解时限", key: "decomposeBy" },
        { header: "状态", key: "state" },
        { header: "时限情况", key: "lateness" },
        { header: "分解日期", key: "decomposedOn" },
        { header: "分解目标值", key: "shareTarget" },
        { header: "进度", key: "progress", percent: true },
      ],
      rows: c.owed,
    });
  return out;
}
