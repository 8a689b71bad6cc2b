import { issuingOfficeName, scheduleLabels } from "@duban/domain/i18n";

import { completionChart } from "./charts.ts";
import { annualBlocks } from "./evaluation-annual-blocks.ts";
import { chartBlock, fmt, indicatorCharts, NUMERALS } from "./evaluation-charts.ts";
import type { EvaluationDocument } from "./evaluation-types.ts";
import { buildOfficialDocx } from "./official/official-docx.ts";
import type { OfficialBlock, OfficialDocument } from "./official/official-types.ts";
import { documentData } from "./xml-text.ts";

const p = (text: string): OfficialBlock => ({ kind: "paragraph", text });

/** 一、总体情况 … for the mid-term and final evaluations (the plan's whole period up to asOf). */
function periodBlocks(data: EvaluationDocument, h1: (text: string) => OfficialBlock) {
  const t = data.totals;
  const blocks: OfficialBlock[] = [
    h1("总体情况"),
    p(
      `规划分解任务 ${t.total} 项，已完成 ${t.completed} 项，完成率 ${t.completionRate}%；正常推进 ${t.onSchedule} 项，滞后 ${t.lagging} 项，逾期 ${t.overdue} 项。任务平均完成进度 ${t.averageProgress}%，序时进度 ${t.expectedProgress}%。`,
    ),
    h1("主要指标完成情况"),
    p(
      data.indicators.length
        ? `规划确定主要指标 ${data.indicators.length} 项，其中符合序时进度的 ${data.indicators.filter((i) => i.status === "符合序时").length} 项。`
        : "规划未设定量化指标。",
    ),
  ];
  if (data.indicators.length)
    blocks.push(
      {
        kind: "table",
        caption: "主要指标完成情况表",
        columns: [
          { title: "序号", role: "number" },
          { title: "指标", role: "name" },
          { title: "单位", role: "text" },
          { title: "属性", role: "text" },
          { title: "基期值", role: "number" },
          { title: "目标值", role: "number" },
          { title: "最新值", role: "number" },
          { title: "报告期", role: "number" },
          { title: "序时目标", role: "number" },
          { title: "完成度(%)", role: "number" },
          { title: "评价", role: "text" },
        ],
        rows: data.indicators.map((i) => [
          String(i.number),
          i.name,
          i.unit ?? "—",
          i.nature,
          fmt(i.baseline),
          fmt(i.target),
          fmt(i.latestValue),
          i.latestPeriod ?? "—",
          fmt(i.expected),
          fmt(i.attainment),
          i.status,
        ]),
      },
      ...indicatorCharts(data),
    );
  blocks.push(h1("各单位任务完成情况"));
  if (data.departments.length)
    blocks.push(
      {
        kind: "table",
        caption: "各单位任务完成情况表",
        columns: [
          { title: "单位", role: "name" },
          { title: "任务数", role: "number" },
          { title: scheduleLabels.COMPLETED.zh, role: "number" },
          { title: scheduleLabels.ON_SCHEDULE.zh, role: "number" },
          { title: scheduleLabels.LAGGING.zh, role: "number" },
          { title: scheduleLabels.OVERDUE.zh, role: "number" },
          { title: "完成率(%)", role: "number" },
          { title: "平均进度(%)", role: "number" },
          { title: "序时进度(%)", role: "number" },
        ],
        rows: data.departments.map((d) => [
          d.name,
          String(d.total),
          String(d.completed),
          String(d.onSchedule),
          String(d.lagging),
          String(d.overdue),
          String(d.completionRate),
          String(d.averageProgress),
          String(d.expectedProgress),
        ]),
      },
      ...chartBlock("各单位任务完成率", completionChart(data.departments)),
    );
  else blocks.push(p("规划尚未分解任务。"));
  blocks.push(h1("各章节任务完成情况"));
  if (data.chapters.length)
    blocks.push({
      kind: "table",
      caption: "各章节任务完成情况表",
      columns: [
        { title: "章节", role: "name" },
        { title: "任务数", role: "number" },
        { title: scheduleLabels.COMPLETED.zh, role: "number" },
        { title: scheduleLabels.LAGGING.zh, role: "number" },
        { title: scheduleLabels.OVERDUE.zh, role: "number" },
        { title: "完成率(%)", role: "number" },
      ],
      rows: data.chapters.map((c) => [
        c.name,
        String(c.total),
        String(c.completed),
        String(c.lagging),
        String(c.overdue),
        String(c.completionRate),
      ]),
    });
  else blocks.push(p("规划尚未分解任务。"));
  blocks.push(h1("滞后事项及原因"));
  if (data.lagging.length === 0) blocks.push(p("无滞后或逾期事项。"));
  data.lagging.forEach((l, i) => {
    blocks.push(
      {
        kind: "heading",
        level: 2,
        text: `（${NUMERALS[i % 10]}${i >= 10 ? i + 1 : ""}）${l.title}`,
      },
      p(
        `牵头单位：${l.department}；状态：${l.state}；完成进度 ${l.progress}%，序时进度 ${l.expected}%，完成时限 ${l.dueDate}。单位说明：${l.explanation}`,
      ),
    );
  });
  return blocks;
}

/** 规划调整情况: every adjustment in the evaluation's span, as a table */
export function adjustmentBlocks(data: EvaluationDocument, empty: string): OfficialBlock[] {
  if (data.adjustments.length === 0) return [p(empty)];
  return [
    {
      kind: "table",
      caption: "规划调整情况表",
      columns: [
        { title: "任务或指标", role: "name" },
        { title: "牵头单位", role: "name" },
        { title: "调整类型", role: "text" },
        { title: "调整前", role: "text" },
        { title: "调整后", role: "text" },
        { title: "调整原因", role: "text" },
        { title: "调整日期", role: "number" },
      ],
      rows: data.adjustments.map((a) => [
        a.title,
        a.department,
        a.kind,
        a.from,
        a.to,
        a.reason,
        a.at,
      ]),
    },
  ];
}

/**
 * The mid-term, final or annual evaluation as a Word document in the official format
 * (buildOfficialDocx, GB/T 9704-2012): the sections as numbered 一、 headings, the tables sized to
 * their content, each indicator's trajectory and the completion per unit as charts; the 年度评估
 * has its own sections (evaluation-annual-blocks.ts). Signed by the jurisdiction's office
 * (data.issuer) on the evaluation's date. Every text goes through documentText in the builder.
 */
export async function buildEvaluationDocx(input: EvaluationDocument): Promise<Buffer> {
  return buildOfficialDocx(evaluationOfficialDocument(input));
}

/** The evaluation as an OfficialDocument (charts rendered), what buildEvaluationDocx writes. */
export function evaluationOfficialDocument(input: EvaluationDocument): OfficialDocument {
  // the charts' SVG is XML too: the same clean text as the document's
  const data = documentData(input, "xml");
  let n = 0;
  const h1 = (text: string): OfficialBlock => ({
    kind: "heading",
    level: 1,
    text: `${NUMERALS[n++]}、${text}`,
  });
  const intro = p(
    data.annual
      ? `本报告依据督办系统截至 ${data.asOf} 的数据生成，评估${data.plan.jurisdiction}《${data.plan.title}》${data.annual.year}年度实施情况。`
      : `本报告依据督办系统截至 ${data.asOf} 的数据生成，评估${data.plan.jurisdiction}《${data.plan.title}》（${data.plan.periodStart}—${data.plan.periodEnd} 年）的实施情况。`,
  );
  const blocks: OfficialBlock[] = [
    intro,
    ...(data.annual ? annualBlocks(data, data.annual, h1) : periodBlocks(data, h1)),
    h1("规划调整情况"),
    ...adjustmentBlocks(
      data,
      data.annual ? `${data.annual.year}年度内未调整规划任务和指标。` : "评估期内未调整规划任务。",
    ),
  ];
  if (data.annual) blocks.push(...annualScoreBlocks(data.annual, h1));
  return {
    title: data.title,
    blocks,
    issuer: data.issuer ?? issuingOfficeName(data.plan.jurisdiction),
    date: data.asOf,
  };
}

/** 年度考核结果: the published final scores, or the sentence saying they are not published yet */
function annualScoreBlocks(
  a: NonNullable<EvaluationDocument["annual"]>,
  h1: (text: string) => OfficialBlock,
): OfficialBlock[] {
  if (!a.scores) return [h1("年度考核结果"), p("年度考核结果尚未发布。")];
  return [
    h1("年度考核结果"),
    p(`${a.year}年度考核结果已于 ${a.scores.publishedOn} 发布，各单位得分及名次如下。`),
    {
      kind: "table",
      caption: `${a.year}年度考核得分表`,
      columns: [
        { title: "名次", role: "number" },
        { title: "单位", role: "name" },
        { title: "得分", role: "number" },
      ],
      rows: a.scores.units.map((u) => [String(u.rank), u.name, u.total.toFixed(2)]),
    },
  ];
}
