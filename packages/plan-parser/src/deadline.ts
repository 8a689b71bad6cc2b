// 完成时限 as written in task-division documents, read into a Deadline. Pure and linear.
import type { Deadline } from "./types.ts";

/** Labels a deadline cell or clause may start with (simplified and traditional). */
const LABEL =
  /^(?:完成时限|完成時限|完成时间|完成時間|完成期限|时间节点|時間節點|时限要求|时限|時限|时间|時間)\s*[：:]?\s*/u;

const toAscii = (s: string): string =>
  s
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/gu, "");

const CN_DIGIT: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * Last calendar day of a month (1–12) as YYYY-MM-DD; the plan's dates are days in Asia/Shanghai,
 * no clock time. Browser-safe (`@duban/plan-parser/deadline`): the drafts' milestones use it too.
 */
export const endOfMonth = (year: number, month: number): string => {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
};

const monthValue = (s: string): number | null => {
  const n = /^\d+$/u.test(s) ? Number(s) : (CN_DIGIT[s] ?? null);
  return n !== null && n >= 1 && n <= 12 ? n : null;
};

const validDay = (year: number, month: number, day: number): boolean =>
  day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();

const ONGOING =
  /长期坚持|長期堅持|持续推进|持續推進|长期推进|持续开展|持續開展|常态化|常態化|长期|長期|持续|持續/u;
const RECURRING: { re: RegExp; every: "month" | "quarter" | "halfYear" | "year" }[] = [
  { re: /每(?:个)?月|按月/u, every: "month" },
  { re: /每(?:个)?季度?|按季度?/u, every: "quarter" },
  { re: /每半年|半年一次/u, every: "halfYear" },
  { re: /每年|按年/u, every: "year" },
];

/**
 * Reads a 完成时限 text into a Deadline, or null when it cannot be read (the caller warns with
 * DEADLINE_UNREADABLE and keeps the text).
 *
 * - dates: `2023年6月底前` / `2023年6月` → 2023-06-30; `2023年6月15日` → that day; `2025年` /
 *   `2025年底前` / `2025年前` → 2025-12-31; `2023年第三季度` / `2023年三季度末` → 2023-09-30;
 *   `2023年上半年` → 06-30; a range `2023—2025年` → the end of its last year. A month, day or
 *   quarter that does not exist (`2023年13月`) → null, never a guessed date.
 * - `6月底前` without a year takes the year of an annual document (`period.start === period.end`);
 *   `规划期内` / `十四五期间` / `2025年前持续推进`… see below.
 * - recurring: 每月 / 每季度 / 每半年 / 每年（年底前） → { kind: "recurring" }; checked before
 *   dates because `每年年底前` names no year.
 * - ongoing: 长期坚持 / 持续推进 / 长期 / 常态化 → { kind: "ongoing" } when no date is written.
 *   When both are written (`2023年起长期坚持`), a date with 起/开始 is a start, so ongoing wins;
 *   `2025年底前持续推进` has an end, so the date wins.
 * - `规划期内` / `规划期末` / `十四五期间` → the end of the plan's period when it is known.
 *
 * Dates are calendar days (YYYY-MM-DD) and need no time zone; the domain reads them in
 * Asia/Shanghai. `text` is the input as written (trimmed, label included).
 */
export const readDeadline = (
  text: string,
  period?: { start: number; end: number } | null,
): Deadline | null => {
  const written = text.trim().replace(/[。；;，,]+$/u, "");
  if (written === "" || written.length > 200) return null;
  const s = toAscii(written).replace(LABEL, "");
  if (s === "") return null;

  for (const r of RECURRING)
    if (r.re.test(s)) return { kind: "recurring", every: r.every, text: written };

  const date = readDate(s, period ?? null);
  if (date === "invalid") return null;
  const startsOnly = date && /(?:起|开始|以来)/u.test(s) && !/前|底|末|完成/u.test(s);
  if (date && !startsOnly) return { kind: "date", date, text: written };
  if (ONGOING.test(s)) return { kind: "ongoing", text: written };
  if (/规划期(?:内|末|间)|十四五(?:期间|末|时期)|[“"]十四五[”"](?:期间|末|时期)/u.test(s) && period)
    return { kind: "date", date: `${period.end}-12-31`, text: written };
  return null;
};

/** A date in `s`, "invalid" for a written date that does not exist, null for none. */
const readDate = (
  s: string,
  period: { start: number; end: number } | null,
): string | "invalid" | null => {
  // a range "2023—2025年" / "2023年至2025年": its last year
  const range =
    /((?:19|20)\d{2})\s*年?\s*[-－—–~～至到]\s*((?:19|20)\d{2})\s*年(?![\d一二三四五六七八九十上下第]|底|末)/u.exec(
      s,
    );
  if (range) return `${range[2]}-12-31`;
  const years = [...s.matchAll(YEAR_ALL)];
  if (years.length === 0) {
    // "6月底前" / "年内完成" in an annual work plan (工作要点 2023年): that year
    if (!period || period.start !== period.end) return null;
    if (!YEARLESS.test(s)) return null;
    return dateIn(period.start, s);
  }
  // "2023年6月底前启动，2024年底前完成": the last date written is when the task is done
  let latest: string | null = null;
  for (let k = 0; k < years.length; k++) {
    const y = years[k] as RegExpExecArray;
    const from = (y.index ?? 0) + y[0].length;
    const to = years[k + 1]?.index ?? s.length;
    const date = dateIn(Number(y[1]), s.slice(from, to));
    if (date === "invalid") return "invalid";
    if (latest === null || date > latest) latest = date;
  }
  return latest;
};

const YEAR_ALL = /((?:19|20)\d{2})\s*年/gu;
const YEARLESS =
  /^(?:\d{1,2}|[一二三四五六七八九十]{1,3})月|^(?:第?[一二三四1-4]季度|[上下]半年|年底|年末|年内)/u;

/** The date that `after` (the text following "2023年") names in `year`. */
const dateIn = (year: number, after: string): string | "invalid" => {
  const full = /^(\d{1,2})月(\d{1,2})日/u.exec(after);
  if (full) {
    const month = monthValue(full[1] ?? "");
    const day = Number(full[2]);
    if (month === null || !validDay(year, month, day)) return "invalid";
    return `${year}-${pad(month)}-${pad(day)}`;
  }
  const month = /^(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?/u.exec(after);
  if (month) {
    const m = monthValue(month[1] ?? "");
    return m === null ? "invalid" : endOfMonth(year, m);
  }
  const quarter = /^第?([一二三四五六七八九十]|\d{1,2})季度?/u.exec(after);
  if (quarter) {
    const q = monthValue(quarter[1] ?? "");
    if (q === null || q > 4) return "invalid";
    return endOfMonth(year, q * 3);
  }
  if (/^上半年/u.test(after)) return endOfMonth(year, 6);
  // "2025年" / "2025年底前" / "2025年前完成": the year's end; a month or quarter right after the
  // year that was not read above is a date not understood, never the year's end
  if (/^[^，,；;。]{0,3}[月季日周旬]/u.test(after)) return "invalid";
  return `${year}-12-31`;
};
