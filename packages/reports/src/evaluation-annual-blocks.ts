import { completionChart } from "./charts.ts";
import { chartBlock, fmt, indicatorCharts, NUMERALS } from "./evaluation-charts.ts";
import type { AnnualEvaluationSection, EvaluationDocument } from "./evaluation-types.ts";
import type { OfficialBlock } from "./official/official-types.ts";

const p = (text: string): OfficialBlock => ({ kind: "paragraph", text });

/**
 * The 年度评估's sections (issue #18): 总体情况 of the year's annual plan, the items done and not
 * done (table, completion per unit chart), the items not done with the lead units' explanations,
 * and the indicators against the year's targets (table and trajectory charts).
 */
export function annualBlocks(
  data: EvaluationDocument,
  a: AnnualEvaluationSection,
  h1: (text: string) => OfficialBlock,
): OfficialBlock[] {
  const done = a.items.filter((i) => i.done);
  const onTime = done.filter((i) => i.onTime);
  const notDone = a.items.filter((i) => !i.done);
  const carried = a.items.filter((i) => i.carriedOver);
  const blocks: OfficialBlock[] = [h1("总体情况")];
  if (!a.annualPlan) blocks.push(p(`${a.year}年度未制定年度工作要点。`));
  else
    blocks.push(
      p(
        `《${a.annualPlan.title}》${a.annualPlan.docNumber ? `（${a.annualPlan.docNumber}）` : ""}确定年度重点工作 ${a.items.length} 项（其中上年结转 ${carried.length} 项），已完成 ${done.length} 项（按时完成 ${onTime.length} 项），未完成 ${notDone.length} 项，完成率 ${a.items.length ? Math.round((done.length / a.items.length) * 1000) / 10 : 0}%。`,
      ),
    );
  blocks.push(h1("年度重点工作完成情况"));
  if (a.items.length)
    blocks.push(
      {
        kind: "table",
        caption: `${a.year}年度重点工作完成情况表`,
        columns: [
          { title: "序号", role: "number" },
          { title: "事项", role: "name" },
          { title: "年度目标", role: "text" },
          { title: "牵头单位", role: "name" },
          { title: "完成时限", role: "number" },
          { title: "完成情况", role: "text" },
        ],
        rows: a.items.map((i, k) => [
          String(k + 1),
          i.title,
          i.deliverable,
          i.department,
          i.dueDate,
          i.done ? (i.onTime ? "按时完成" : `逾期完成`) : "未完成",
        ]),
      },
      ...chartBlock(
        `各单位${a.year}年度重点工作完成率`,
        completionChart(
          a.departments.map((d) => ({ name: d.name, completionRate: d.completionRate })),
        ),
      ),
    );
  else blocks.push(p("本年度无重点工作事项。"));
  blocks.push(h1("未完成事项及原因"));
  if (notDone.length === 0) blocks.push(p("年度重点工作均已完成。"));
  notDone.forEach((i, k) => {
    blocks.push(
      {
        kind: "heading",
        level: 2,
        text: `（${NUMERALS[k % 10]}${k >= 10 ? k + 1 : ""}）${i.title}`,
      },
      p(
        `牵头单位：${i.department}；年度目标：${i.deliverable}；完成时限 ${i.dueDate}。单位说明：${i.explanation}`,
      ),
    );
  });
  blocks.push(h1("主要指标年度目标完成情况"));
  if (a.indicators.length === 0) blocks.push(p("规划未设定量化指标。"));
  else {
    const met = a.indicators.filter((i) => i.verdict === "达标").length;
    blocks.push(
      p(`规划主要指标 ${a.indicators.length} 项，${a.year}年末达到年度目标的 ${met} 项。`),
      {
        kind: "table",
        caption: `主要指标${a.year}年度目标完成情况表`,
        columns: [
          { title: "序号", role: "number" },
          { title: "指标", role: "name" },
          { title: "单位", role: "text" },
          { title: "年度目标", role: "number" },
          { title: "年末序时目标", role: "number" },
          { title: "实际值", role: "number" },
          { title: "报告期", role: "number" },
          { title: "评价", role: "text" },
        ],
        rows: a.indicators.map((i) => [
          String(i.number),
          i.name,
          i.unit ?? "—",
          fmt(i.yearTarget),
          fmt(i.expected),
          fmt(i.actual),
          i.actualPeriod ?? "—",
          i.verdict,
        ]),
      },
      ...indicatorCharts(data),
    );
  }
  return blocks;
}
