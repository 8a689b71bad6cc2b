import { AlignmentType, Document, Packer, Paragraph, TextRun, type IRunOptions } from "docx";

import { chineseDate, noticeLevelLabels, noticeNumberText } from "@duban/domain/i18n";

import { documentData } from "./xml-text.ts";

/** What a 督办通知单 prints. Dates YYYY-MM-DD (Asia/Shanghai); texts as stored. */
export type NoticeDocument = {
  year: number;
  number: number;
  level: "BLUE" | "YELLOW" | "RED";
  /** the unit urged (主送), its full name */
  departmentName: string;
  task: {
    title: string;
    planTitle: string;
    dueDate: string;
    /** the status label, e.g. 推进中 */
    status: string;
    /** the schedule label, e.g. 已逾期 */
    schedule: string;
    /** reported progress 0–100 */
    progress: number;
    /** 序时进度 0–100 */
    expectedProgress: number;
  };
  requirement: string;
  replyDueDate: string;
  issuingOffice: string;
  issuedOn: string;
  /** RED: the leaders it is copied to (抄送); null otherwise */
  copiedTo: string[] | null;
};

// 党政机关公文格式 (GB/T 9704), as evaluation-docx.ts: title 方正小标宋简体 二号, body 仿宋_GB2312 三号,
// headings 黑体, 28-point lines; the names are the ones Word matches installed fonts by.
const FONT = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  heading: "黑体",
  latin: "Times New Roman",
};
const SIZE = { title: 44, body: 32, small: 28 };
const LINE = 560;
const LEVEL_COLOUR = { BLUE: "1F4E9A", YELLOW: "B8860B", RED: "C00000" } as const;

const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({
    text,
    font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin },
    size,
    ...extra,
  });
const para = (
  children: TextRun[],
  opts: { indent?: boolean; align?: "center" | "right"; after?: number } = {},
) =>
  new Paragraph({
    children,
    indent: opts.indent ? { firstLine: 640 } : undefined,
    alignment:
      opts.align === "center"
        ? AlignmentType.CENTER
        : opts.align === "right"
          ? AlignmentType.RIGHT
          : undefined,
    spacing: { line: LINE, after: opts.after },
  });
const body = (text: string) => para([run(text, FONT.body, SIZE.body)], { indent: true });
/** a 黑体 label followed by body text, one paragraph */
const field = (label: string, text: string) =>
  para([run(`${label}：`, FONT.heading, SIZE.body), run(text, FONT.body, SIZE.body)], {
    indent: true,
  });

/**
 * A 督办通知单 as a Word document (issue #17 step 4): title 督办通知单, the number line
 * 〔2026〕第N号, the colour level (蓝色提醒/黄色督办/红色督办), the unit urged, the task (title, plan,
 * due date, status and progress; no unit's report text, which a supporting unit that sees the notice
 * may not read), the requirement (督办要求), the reply deadline
 * (请于YYYY年M月D日前书面回复), the issuing office and date, and for RED the 抄送 line to the leaders.
 * Every text goes through documentText first (xml-text.ts).
 */
export async function buildNoticeDocx(input: NoticeDocument): Promise<Buffer> {
  const d = documentData(input, "xml");
  const colour = LEVEL_COLOUR[d.level];
  const number = noticeNumberText(d.year, d.number);
  const children: Paragraph[] = [
    para([run("督办通知单", FONT.title, SIZE.title, { color: colour })], {
      align: "center",
      after: 200,
    }),
    para([run(number, FONT.body, SIZE.body)], { align: "center" }),
    para(
      [
        run(`督办等级：${noticeLevelLabels[d.level].zh}`, FONT.heading, SIZE.body, {
          color: colour,
        }),
      ],
      {
        align: "center",
        after: 300,
      },
    ),
    para([run(`${d.departmentName}：`, FONT.body, SIZE.body)]),
    body(
      `根据《${d.task.planTitle}》任务推进情况，现将你单位牵头的下列任务列入督办，请高度重视、抓紧落实。`,
    ),
    field("任务名称", d.task.title),
    field("完成时限", chineseDate(d.task.dueDate)),
    field(
      "当前进展",
      `${d.task.status}（${d.task.schedule}），完成进度${d.task.progress}%，序时进度${d.task.expectedProgress}%。`,
    ),
  ];
  children.push(
    field("督办要求", d.requirement),
    body(`请于${chineseDate(d.replyDueDate)}前将办理情况书面回复${d.issuingOffice}。`),
    para([], { after: 400 }),
    para([run(d.issuingOffice, FONT.body, SIZE.body)], { align: "right" }),
    para([run(chineseDate(d.issuedOn), FONT.body, SIZE.body)], { align: "right", after: 400 }),
  );
  if (d.copiedTo)
    children.push(
      para([
        run("抄送：", FONT.body, SIZE.small),
        run(d.copiedTo.length ? `${d.copiedTo.join("、")}。` : "分管领导。", FONT.body, SIZE.small),
      ]),
    );
  const doc = new Document({
    creator: "督办 Duban",
    title: `督办通知单${number}`,
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
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
