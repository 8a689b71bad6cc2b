import type { BulletinDocumentData } from "@duban/domain";

import { scoreChart } from "./charts.ts";
import { chartBlock } from "./evaluation-charts.ts";
import { buildOfficialDocx } from "./official/official-docx.ts";
import type { OfficialBlock, OfficialDocument } from "./official/official-types.ts";

const points = (n: number) => String(Number(n.toFixed(2)));

/**
 * The four parts of a bulletin, in print order, with their 一级标题 (GB/T 9704 结构层次 一、).
 * The numbers are given as printed: a part left out does not leave a gap (一、二、… in sequence).
 */
const PARTS = [
  ["opening", "总体情况"],
  ["praise", "表扬"],
  ["criticism", "通报批评"],
  ["requirements", "工作要求"],
] as const;
const NUMERALS = ["一", "二", "三", "四"];

/**
 * A 督查通报 as an official Word document (buildOfficialDocx, GB/T 9704-2012): 发文字号 (when
 * issued), 标题, 主送 各成员单位, the four parts under their headings (a part with no paragraph is
 * left out), a bar chart of the units' totals, the ranking table (排名, 单位, 总分, each
 * component's points, 加减分), 发文机关署名
 * (the leading-group office) and 成文日期. Issue #18.
 */
export function buildBulletinDocx(data: BulletinDocumentData): Promise<Buffer> {
  return buildOfficialDocx(bulletinOfficialDocument(data));
}

/** The bulletin as an official document (what buildBulletinDocx prints; the layout tests read it). */
export function bulletinOfficialDocument(data: BulletinDocumentData): OfficialDocument {
  const blocks: OfficialBlock[] = [];
  let printed = 0;
  for (const [key, heading] of PARTS) {
    const paragraphs = data.text[key].filter((p) => p.trim() !== "");
    if (paragraphs.length === 0) continue;
    blocks.push({ kind: "heading", level: 1, text: `${NUMERALS[printed++]}、${heading}` });
    for (const text of paragraphs) blocks.push({ kind: "paragraph", text });
  }
  if (data.ranking.length > 0)
    blocks.push(
      ...chartBlock(
        `${data.periodLabel}各单位考核得分`,
        scoreChart(data.ranking.map((u) => ({ name: u.departmentName, total: u.total }))),
      ),
    );
  blocks.push({
    kind: "table",
    caption: `${data.periodLabel}考核评分排名`,
    columns: [
      { title: "排名", role: "number" },
      { title: "单位", role: "name" },
      { title: "总分", role: "number" },
      ...data.components.map((c) => ({ title: c.label, role: "number" as const })),
      { title: "加减分", role: "number" },
    ],
    rows: data.ranking.map((u) => [
      String(u.rank),
      u.departmentName,
      points(u.total),
      ...data.components.map((c) => {
        const found = u.components.find((x) => x.kind === c.kind);
        return found ? points(found.points) : "—";
      }),
      points(u.bonus + u.deduction),
    ]),
  });
  return {
    title: data.title,
    ...(data.docNumber ? { docNumber: data.docNumber } : {}),
    recipients: data.recipients,
    blocks,
    issuer: data.issuer,
    date: data.date,
  };
}
