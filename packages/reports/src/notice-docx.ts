import { chineseDate, noticeLevelLabels, noticeNumberText } from "@duban/domain/i18n";

import { buildOfficialDocx } from "./official/official-docx.ts";
import type { OfficialBlock, OfficialDocument } from "./official/official-types.ts";

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

const LEVEL_COLOUR = { BLUE: "1F4E9A", YELLOW: "B8860B", RED: "C00000" } as const;

/**
 * A 督办通知单 as a Word document in the official format (buildOfficialDocx, GB/T 9704-2012;
 * issue #17 step 4, issue #18): the number 〔2026〕第N号 as its 发文字号 over the red rule, the
 * title 督办通知单 in the level's colour, the unit urged as 主送, the colour level
 * (蓝色提醒/黄色督办/红色督办), the task (title, plan, due date, status and progress; no unit's
 * report text, which a supporting unit that sees the notice may not read), the requirement
 * (督办要求), the reply deadline (请于YYYY年M月D日前书面回复), the issuing office and date, and for
 * RED the 抄送 line to the leaders. Every text goes through documentText in the builder.
 */
export async function buildNoticeDocx(input: NoticeDocument): Promise<Buffer> {
  return buildOfficialDocx(noticeOfficialDocument(input));
}

/** The notice as an OfficialDocument, what buildNoticeDocx writes. */
export function noticeOfficialDocument(d: NoticeDocument): OfficialDocument {
  const number = noticeNumberText(d.year, d.number);
  const field = (label: string, text: string): OfficialBlock => ({
    kind: "paragraph",
    label,
    text,
  });
  return {
    title: "督办通知单",
    titleColor: LEVEL_COLOUR[d.level],
    docNumber: number,
    recipients: d.departmentName,
    blocks: [
      field("督办等级", noticeLevelLabels[d.level].zh),
      {
        kind: "paragraph",
        text: `根据《${d.task.planTitle}》任务推进情况，现将你单位牵头的下列任务列入督办，请高度重视、抓紧落实。`,
      },
      field("任务名称", d.task.title),
      field("完成时限", chineseDate(d.task.dueDate)),
      field(
        "当前进展",
        `${d.task.status}（${d.task.schedule}），完成进度${d.task.progress}%，序时进度${d.task.expectedProgress}%。`,
      ),
      field("督办要求", d.requirement),
      {
        kind: "paragraph",
        text: `请于${chineseDate(d.replyDueDate)}前将办理情况书面回复${d.issuingOffice}。`,
      },
    ],
    issuer: d.issuingOffice,
    date: d.issuedOn,
    copiedTo: d.copiedTo ? (d.copiedTo.length ? d.copiedTo : ["分管领导"]) : undefined,
  };
}
