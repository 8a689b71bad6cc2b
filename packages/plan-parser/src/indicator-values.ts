// Indicator values: what a cell says (number, qualifier, range, words) and which way the
// indicator should move.
import type { IndicatorQualifier } from "./types.ts";

const NUM = String.raw`\d+(?:\.\d+)?`;
const PREFIX =
  "力争|争取|达到|达|约|控制在|不低于|不少于|不高于|不超过|超过|高于|低于|大于|小于|保持|稳定在";
const SUFFIX = "以上|以下|以内|左右|内";
/** Units written inside a value cell (`30家`, `5亿元`) when the table has no 单位 column. */
const VALUE_UNIT = [
  "万人次",
  "人次",
  "万人",
  "万元",
  "亿元",
  "万吨",
  "吨",
  "万亩",
  "亩",
  "公顷",
  "平方公里",
  "平方米",
  "万立方米",
  "立方米",
  "万千瓦时",
  "千瓦时",
  "万千瓦",
  "千瓦",
  "公里",
  "千米",
  "个",
  "家",
  "件",
  "项",
  "人",
  "元",
  "台",
  "套",
  "次",
  "所",
  "座",
  "户",
  "张",
  "辆",
  "条",
  "处",
  "天",
  "小时",
  "岁",
  "倍",
].join("|");
const VALUE = new RegExp(
  `^(?:${PREFIX})?[〔[【(（]?[<>≤≥＞＜≦≧]?=?[-+]?${NUM}(?:[-~～—–至]${NUM})?(?:%|‰|${VALUE_UNIT})?(?:${SUFFIX})?[〕\\]】)）]?(?:${SUFFIX})?$`,
  "u",
);
const MISSING = /^(?:[-—–－/／─]+|无|暂无|—|\/)$/u;
const RANGE = new RegExp(`(${NUM})\\s*[-~～—–至]\\s*(${NUM})`, "u");
const SPACED_SUFFIX = new RegExp(`(\\d%?)\\s+(${SUFFIX})(?=\\s|$)`, "gu");
const SPACED_PREFIX = new RegExp(`(^|\\s)(${PREFIX})\\s+(?=[<>≤≥]?\\d)`, "gu");
export const VALUE_UNIT_SUFFIX = new RegExp(`\\d(${VALUE_UNIT})`, "u");
export const NATURE = /^(预期性|约束性|预期|约束)$/u;
/** A target written in words (`完成省下达任务`): kept as text, no number. */
const TEXT_VALUE =
  /^(?:完成|确保完成|力争完成)?.{0,8}(?:下达|考核)(?:目标|任务|指标)?$|^(?:持续|逐年|稳步|不断)?(?:提升|提高|下降|增长|改善|优化)$|^(?:保持|稳定|达标|全覆盖|基本实现|实现)$/u;

const FULLWIDTH = /[０-９．％＜＞]/gu;
export const toAscii = (s: string): string =>
  s.replace(FULLWIDTH, (ch) => {
    if (ch === "．") return ".";
    if (ch === "％") return "%";
    if (ch === "＜") return "<";
    if (ch === "＞") return ">";
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });

export const isValueToken = (t: string): boolean => VALUE.test(t) || MISSING.test(t);
export const isTextValue = (t: string): boolean => t.length <= 16 && TEXT_VALUE.test(t);

export /** "2020 年" → "2020年", "15 左右" → "15左右", "≥ 2.5" → "≥2.5", "力争 30" → "力争30". */
const tokenize = (text: string): string[] =>
  toAscii(text)
    .replace(/((?:19|20)\d{2})\s+(年)/gu, "$1$2")
    .replace(SPACED_SUFFIX, "$1$2")
    .replace(/([<>≤≥≦≧]=?)\s+(?=[-+]?\d)/gu, "$1")
    .replace(SPACED_PREFIX, "$1$2")
    .replace(/([〔[【])\s+/gu, "$1")
    .replace(/\s+([〕\]】])/gu, "$1")
    .split(" ")
    .filter((t) => t !== "");

/** A whole cell that is a value (`1.2`, `≥95`, `15 左右`, `—`, `完成省下达任务`): one cell per line. */
export const isValueCell = (text: string): boolean => {
  if (text.length > 24) return false;
  const compact = tokenize(text).join("");
  return isValueToken(compact) || isTextValue(compact);
};

/** First number in a value cell, or null for `—`, `/`, `无` and words. */
export const parseValue = (text: string): number | null => {
  if (MISSING.test(text)) return null;
  const m = /[-+]?\d+(?:\.\d+)?/u.exec(toAscii(text));
  return m ? Number(m[0]) : null;
};

type ReadValue = {
  value: number | null;
  qualifier: IndicatorQualifier | null;
  range: [number, number] | null;
};

/**
 * A value cell read: `15左右` → 15 approx; `>80`, `≥2.5`, `不低于` → atLeast; `<5`, `≤`, `以下`,
 * `以内`, `控制在`, `不超过` → atMost; `力争30` → aim; `5-8` → range. For a range the number is the
 * bound the plan commits to: the lower one when the indicator rises, the upper one when it falls
 * (both kept in `range`, the text in targetText).
 */
export const readValue = (raw: string, direction: "INCREASE" | "DECREASE"): ReadValue => {
  const text = toAscii(raw);
  if (MISSING.test(text)) return { value: null, qualifier: null, range: null };
  const r = RANGE.exec(text);
  if (r) {
    const a = Number(r[1]);
    const b = Number(r[2]);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return { value: direction === "DECREASE" ? hi : lo, qualifier: "range", range: [lo, hi] };
  }
  return { value: parseValue(text), qualifier: qualifierOf(text), range: null };
};

const qualifierOf = (text: string): IndicatorQualifier | null => {
  if (/[<≤＜≦]|以下|以内|控制在|不超过|不高于|低于|小于/u.test(text)) return "atMost";
  if (/[>≥＞≧]|以上|不低于|不少于|超过|高于|大于/u.test(text)) return "atLeast";
  if (/左右|约/u.test(text)) return "approx";
  if (/力争|争取/u.test(text)) return "aim";
  return null;
};

const DECREASE =
  /能耗|排放|污染|碳强度|用水量|耗水|下降|降低|减少|事故|死亡|失业|发病|贫困|不良率|空置/u;

/**
 * A rate of something done well (`受污染耕地安全利用率`, `工业废水排放达标率`, `危险废物处置率`):
 * it should rise even when the name mentions 污染/排放.
 */
const GOOD_RATE = /(?:利用|处理|处置|收集|治理|达标|优良|覆盖|修复|回收|防治)率$/u;

/**
 * Which way the indicator should move. Signs and words in the target win (`<5`, `≤`, `以下`,
 * `以内`, `控制在`, `不超过` → DECREASE), then the name (能耗, 排放, 下降…, not a rate of
 * something done well: `受污染耕地安全利用率`), then 下降/降低/减少
 * in the target, then the numbers: a target below the baseline is a DECREASE, except for a
 * cumulative target (an amount over the period, not a level) and a growth rate (`年均增长 7.2 → 6`
 * still asks for growth). Else INCREASE.
 */
export const directionOf = (
  name: string,
  baselineText: string,
  targetText: string,
  cumulative: boolean,
): "INCREASE" | "DECREASE" => {
  if (/[<≤＜≦]|以下|以内|控制在|不超过|不高于/u.test(targetText)) return "DECREASE";
  if (DECREASE.test(name) && !GOOD_RATE.test(name)) return "DECREASE";
  if (/下降|降低|减少/u.test(targetText)) return "DECREASE";
  if (/[>≥＞≧]|以上|不低于|不少于/u.test(targetText)) return "INCREASE";
  if (cumulative || /增长|增速|增幅|年均/u.test(name)) return "INCREASE";
  const b = parseValue(baselineText);
  const t = parseValue(targetText);
  if (b !== null && t !== null && !/[-~～—–至]\d/u.test(targetText) && t < b) return "DECREASE";
  return "INCREASE";
};
