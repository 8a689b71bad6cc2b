import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";

import { scheduleLabels } from "@duban/domain/i18n";

import type { EvaluationDocument } from "./evaluation-types.ts";
import { documentData } from "./xml-text.ts";

// Official-document layout (党政机关公文格式, GB/T 9704): title in 小标宋 二号, body in 仿宋 三号,
// first-level headings in 黑体, second-level in 楷体, 28-point line spacing, two-character indent.
const FONT = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  h1: "黑体",
  h2: "楷体_GB2312",
  latin: "Times New Roman",
};
const SIZE = { title: 44, body: 32, table: 24 };
const LINE = 560; // 28 pt in twentieths of a point

const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({
    text,
    font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin },
    size,
    ...extra,
  });

const body = (text: string) =>
  new Paragraph({
    children: [run(text, FONT.body, SIZE.body)],
    indent: { firstLine: 640 },
    spacing: { line: LINE },
  });
const heading1 = (text: string) =>
  new Paragraph({
    children: [run(text, FONT.h1, SIZE.body)],
    indent: { firstLine: 640 },
    spacing: { line: LINE },
  });
const heading2 = (text: string) =>
  new Paragraph({
    children: [run(text, FONT.h2, SIZE.body)],
    indent: { firstLine: 640 },
    spacing: { line: LINE },
  });

function table(headers: string[], rows: Array<Array<string | number | null>>): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(text, FONT.body, SIZE.table, { bold })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((v) => cell(v === null || v === undefined ? "—" : String(v))),
          }),
      ),
    ],
  });
}

const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const fmt = (v: number | null) =>
  v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(2);

/**
 * The mid-term or final evaluation as a Word document, generated from the data. Every text of the
 * data (unit names, task titles, explanations…) goes through documentText first: a character XML
 * cannot carry becomes "�" instead of a file Word refuses to open.
 */
export async function buildEvaluationDocx(input: EvaluationDocument): Promise<Buffer> {
  const data = documentData(input, "xml");
  const t = data.totals;
  const sections: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400, line: LINE },
      children: [run(data.title, FONT.title, SIZE.title)],
    }),
    body(
      `本报告依据督办系统截至 ${data.asOf} 的数据生成，评估${data.plan.jurisdiction}《${data.plan.title}》（${data.plan.periodStart}—${data.plan.periodEnd} 年）的实施情况。`,
    ),
  ];
  let n = 0;
  const h1 = (text: string) => heading1(`${NUMERALS[n++]}、${text}`);
  sections.push(
    h1("总体情况"),
    body(
      `规划分解任务 ${t.total} 项，已完成 ${t.completed} 项，完成率 ${t.completionRate}%；正常推进 ${t.onSchedule} 项，滞后 ${t.lagging} 项，逾期 ${t.overdue} 项。任务平均完成进度 ${t.averageProgress}%，序时进度 ${t.expectedProgress}%。`,
    ),
    h1("主要指标完成情况"),
    body(
      data.indicators.length
        ? `规划确定主要指标 ${data.indicators.length} 项，其中符合序时进度的 ${data.indicators.filter((i) => i.status === "符合序时").length} 项。`
        : "规划未设定量化指标。",
    ),
    table(
      [
        "序号",
        "指标",
        "单位",
        "属性",
        "基期值",
        "目标值",
        "最新值",
        "序时目标",
        "完成度(%)",
        "评价",
      ],
      data.indicators.map((i) => [
        i.number,
        i.name,
        i.unit ?? "—",
        i.nature,
        fmt(i.baseline),
        fmt(i.target),
        i.latestValue === null ? "—" : `${fmt(i.latestValue)}（${i.latestPeriod}）`,
        fmt(i.expected),
        i.attainment,
        i.status,
      ]),
    ),
    h1("各单位任务完成情况"),
    table(
      [
        "单位",
        "任务数",
        scheduleLabels.COMPLETED.zh,
        scheduleLabels.ON_SCHEDULE.zh,
        scheduleLabels.LAGGING.zh,
        scheduleLabels.OVERDUE.zh,
        "完成率(%)",
        "平均进度(%)",
        "序时进度(%)",
      ],
      data.departments.map((d) => [
        d.name,
        d.total,
        d.completed,
        d.onSchedule,
        d.lagging,
        d.overdue,
        d.completionRate,
        d.averageProgress,
        d.expectedProgress,
      ]),
    ),
    h1("各章节任务完成情况"),
    table(
      [
        "章节",
        "任务数",
        scheduleLabels.COMPLETED.zh,
        scheduleLabels.LAGGING.zh,
        scheduleLabels.OVERDUE.zh,
        "完成率(%)",
      ],
      data.chapters.map((c) => [
        c.name,
        c.total,
        c.completed,
        c.lagging,
        c.overdue,
        c.completionRate,
      ]),
    ),
    h1("滞后事项及原因"),
  );
  if (data.lagging.length === 0) sections.push(body("无滞后或逾期事项。"));
  data.lagging.forEach((l, i) => {
    sections.push(heading2(`（${NUMERALS[i % 10]}${i >= 10 ? i + 1 : ""}）${l.title}`));
    sections.push(
      body(
        `牵头单位：${l.department}；状态：${l.state}；完成进度 ${l.progress}%，序时进度 ${l.expected}%，完成时限 ${l.dueDate}。单位说明：${l.explanation}`,
      ),
    );
  });
  sections.push(h1("规划调整情况"));
  if (data.adjustments.length === 0) sections.push(body("评估期内未调整规划任务。"));
  else
    sections.push(
      table(
        ["任务", "牵头单位", "调整前", "调整后", "调整原因", "调整日期", "调整类型"],
        data.adjustments.map((a) => [a.title, a.department, a.from, a.to, a.reason, a.at, a.kind]),
      ),
    );
  const doc = new Document({
    creator: "督办 Duban",
    title: data.title,
    styles: {
      default: {
        document: {
          run: {
            font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin },
            size: SIZE.body,
          },
        },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: sections,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
