// 督查通报 (issue #18): how a bulletin is titled and numbered, which units it praises and
// criticises, and the paragraphs a new draft starts from. Pure: no database.
import type { IsoDate } from "../calendar.ts";
import { periodLabel } from "../i18n/labels.ts";
import { chineseDate } from "../i18n/notice-text.ts";
import type { BulletinText, ScoreSheet, UnitScore } from "../schemas/assessment.ts";

/** A named lagging item of a unit (批评): an overdue open task, or a year's item not done. */
export type LaggingItem = {
  title: string;
  /** OVERDUE_TASK: open and past its due date at asOf; ITEM_NOT_DONE: an annual-plan item not done */
  kind: "OVERDUE_TASK" | "ITEM_NOT_DONE";
  dueDate: IsoDate;
};

/** The year's annual-plan items of the scored units due by asOf, and how many of them are done. */
export type ItemTally = { due: number; done: number };

/** At most this many lagging items are named per unit; the rest are counted (等 N 项). */
export const NAMED_ITEMS = 5;
/** From this many units on, praise goes to the best 20 % instead of the best three. */
export const PRAISE_SHARE_FROM = 15;

/** `2026Q3` → 2026年第三季度, `2026` → 2026年度. */
export function scorePeriodLabel(period: string): string {
  return /^\d{4}$/.test(period) ? `${period}年度` : periodLabel(period);
}

/** 关于2026年第三季度科技创新规划实施情况的通报 (关于…的通报, the 公文 title form). */
export function bulletinTitle(period: string): string {
  return `关于${scorePeriodLabel(period)}科技创新规划实施情况的通报`;
}

/**
 * The jurisdiction's 机关代字 stem: its name without the administrative suffix
 * (息烽县 → 息烽, 测试市 → 测试, 西山区 → 西山); a name that is only the suffix stays whole.
 */
export function jurisdictionStem(name: string): string {
  const stem = name.replace(/(自治县|自治州|自治区|县|市|区|旗|省|州)$/u, "");
  return stem || name;
}

/**
 * 发文字号 of a bulletin: `{stem}科督通〔{year}〕{n}号`, e.g. 息烽科督通〔2026〕3号 — stem by
 * jurisdictionStem, 科督通 = 科技创新（督）查通报, 〔〕 tortoise-shell brackets, no leading zeros
 * (GB/T 9704-2012 7.2.4). `n` runs per jurisdiction and year from 1.
 */
export function bulletinDocNumber(jurisdictionName: string, year: number, n: number): string {
  return `${jurisdictionStem(jurisdictionName)}科督通〔${year}〕${n}号`;
}

/**
 * A unit the scheme could not score: every component not applicable (no items, reports, tasks…)
 * and no 加减分. Its 0 says nothing about its work, so it is neither praised nor criticised.
 */
export function isUnscored(u: UnitScore): boolean {
  return (
    u.components.length > 0 &&
    u.components.every((c) => c.ratio === null) &&
    u.bonus === 0 &&
    u.deduction === 0
  );
}

/**
 * Who is praised: the best three units, or the best 20 % (rounded up) from PRAISE_SHARE_FROM units
 * on; never more than half of the units (the cut), so praise and criticism never meet. Ties at the
 * cut-off are all praised (ranks are shared: 1, 2, 2, 4), but a unit tied with the lowest total is
 * not (when every unit ties, nobody stands out). Unscored units (isUnscored) take no part.
 * `rule` says which cut was used.
 */
export function praisedUnits(all: UnitScore[]): { units: UnitScore[]; rule: "TOP3" | "TOP20" } {
  const units = all.filter((u) => !isUnscored(u));
  const n = units.length;
  const rule = n >= PRAISE_SHARE_FROM ? "TOP20" : "TOP3";
  const count = rule === "TOP20" ? Math.ceil(n * 0.2) : Math.min(3, Math.floor(n / 2));
  const byRank = [...units].sort((a, b) => a.rank - b.rank);
  const cut = byRank[count - 1]?.rank ?? 0;
  const lowest = Math.min(...units.map((u) => u.total));
  return { units: count ? byRank.filter((u) => u.rank <= cut && u.total > lowest) : [], rule };
}

/**
 * Who is criticised: the last three units by rank (at most half of them), worst last; never a
 * praised or unscored unit, and never one of a tie that the cut would split (which of equal units
 * to name would otherwise follow their names' order).
 */
export function laggingUnits(all: UnitScore[], praised: UnitScore[]): UnitScore[] {
  const units = all.filter((u) => !isUnscored(u));
  const count = Math.min(3, Math.floor(units.length / 2));
  const praisedIds = new Set(praised.map((u) => u.departmentId));
  const sorted = [...units].sort(
    (a, b) => a.rank - b.rank || a.departmentName.localeCompare(b.departmentName),
  );
  const tail = sorted.slice(units.length - count);
  const above = sorted[units.length - count - 1];
  const split = above !== undefined && tail[0] !== undefined && above.rank === tail[0].rank;
  return tail.filter((u) => !praisedIds.has(u.departmentId) && !(split && u.rank === above.rank));
}

const score = (n: number) => `${Number(n.toFixed(2))}分`;

function laggingLine(items: LaggingItem[]): string {
  if (items.length === 0) return "暂无逾期或未完成的具体事项，但综合得分偏低";
  const named = items
    .slice(0, NAMED_ITEMS)
    .map(
      (i) =>
        `“${i.title}”（${i.kind === "OVERDUE_TASK" ? "已逾期" : "年度任务未完成"}，完成时限${chineseDate(i.dueDate)}）`,
    )
    .join("；");
  return items.length > NAMED_ITEMS ? `${named}等${items.length}项` : named;
}

/** The standard 工作要求 paragraphs every draft starts with (the office edits them freely). */
export const STANDARD_REQUIREMENTS = [
  "各成员单位要对照规划目标任务和年度工作要点，进一步压实主体责任，细化工作措施，确保各项任务按时保质完成。",
  "受到通报批评的单位要认真分析原因，逐项制定整改措施，于通报印发之日起15个工作日内将整改情况书面报送领导小组办公室。",
  "各成员单位要按时、完整、准确报送工作台账，领导小组办公室将持续跟踪督办，考核结果纳入年度综合考评。",
];

/**
 * The paragraphs a new draft starts from, generated from the frozen score sheet and the data:
 * 开头 (units scored, average, best and worst total, the year's items due and done by asOf), 表扬
 * (praisedUnits, saying which cut), 批评 (laggingUnits, each with its named lagging items), 工作要求
 * (STANDARD_REQUIREMENTS). Only units in the sheet appear. Issue #18 "praise for the best, named
 * lagging items of the worst".
 */
export function defaultBulletinText(
  sheet: ScoreSheet,
  facts: { items: ItemTally; lagging: Map<string, LaggingItem[]> },
): BulletinText {
  const label = scorePeriodLabel(sheet.period);
  const units = [...sheet.units].sort((a, b) => a.rank - b.rank);
  if (units.length === 0)
    return {
      opening: [`${label}暂无参加考核评分的成员单位。`],
      praise: [],
      criticism: [],
      requirements: [...STANDARD_REQUIREMENTS],
    };
  const avg = units.reduce((s, u) => s + u.total, 0) / units.length;
  const best = units[0]!;
  const worst = units[units.length - 1]!;
  const { items } = facts;
  const itemLine =
    items.due > 0
      ? `截至${chineseDate(sheet.asOf)}，年度工作要点应完成事项${items.due}项，已完成${items.done}项，完成率${Math.round((items.done / items.due) * 100)}%。`
      : `截至${chineseDate(sheet.asOf)}，年度工作要点暂无到期事项。`;
  const opening = [
    `根据${label}考核评分结果，现将规划实施情况通报如下。本期共对${units.length}个成员单位进行考核评分，平均得分${score(avg)}，最高${best.departmentName}${score(best.total)}，最低${worst.departmentName}${score(worst.total)}。${itemLine}`,
  ];
  const praised = praisedUnits(units);
  const cut = praised.rule === "TOP20" ? "前20%" : `前${praised.units.length}名`;
  const praise = praised.units.length
    ? [
        `${praised.units.map((u) => `${u.departmentName}（${score(u.total)}）`).join("、")}得分位列${cut}，工作推进有力、台账报送及时，予以通报表扬。`,
      ]
    : [];
  const lagging = laggingUnits(units, praised.units);
  const criticism = lagging.length
    ? [
        `${lagging.map((u) => u.departmentName).join("、")}得分排名靠后，予以通报批评，具体情况如下：`,
        ...lagging.map(
          (u) =>
            `${u.departmentName}得分${score(u.total)}，排名第${u.rank}位。滞后事项：${laggingLine(facts.lagging.get(u.departmentId) ?? [])}。`,
        ),
      ]
    : [];
  return { opening, praise, criticism, requirements: [...STANDARD_REQUIREMENTS] };
}
