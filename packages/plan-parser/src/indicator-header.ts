// Indicator table headers: which column holds what, in the order the header writes them, and
// which value column is the baseline and which the target.
import { cleanInline } from "./text.ts";

/** What a header cell says its column holds. `note`: 备注/责任单位…, kept as text on the row. */
export type ColumnRole = "serial" | "category" | "name" | "unit" | "nature" | "value" | "note";

export type Column = { role: ColumnRole; header: string; year: number | null };

export type Columns = {
  /** Header cells as written (tab cells, or the line's tokens with `2020 年` joined). */
  headers: string[];
  unit: boolean;
  nature: boolean;
  category: boolean;
  baselineYear: number | null;
  targetYear: number | null;
  /** The columns in the order of the header; exactly one `name`. */
  list: Column[];
  /** Index in `list` of the baseline / target value column, -1 when the table has none. */
  baselineAt: number;
  targetAt: number;
  /** The header was written one cell per line (Word/HTML/PDF copies): rows are too. */
  cellLines: boolean;
  /** The header's cells were separated (tabs, 2+ spaces): rows are whole cells, never wrapped. */
  tabbed: boolean;
};

const YEAR = /(?:19|20)\d{2}/gu;
const YEAR_ONE = /(?:19|20)\d{2}/u;

const VALUE_HEADER_WORDS =
  /十[一二三四五六七八九]?五|目标|基期|基准|现状|基数|实际|预期|规划|中期|累计|年均|增速|增长率?|完成|期末|情况|水平|预计|考核|值|数/gu;

/** 2020年, 2025年目标值, 基期值, 2023年（中期）, 〔累计〕, “十四五”累计, 2021-2025年累计… */
const isValueHeader = (c: string): boolean => {
  if (c.length > 24 || /指标|名称|单位|属性|性质|序号|类别|领域/u.test(c)) return false;
  const hasYear = YEAR_ONE.test(c);
  const hasWord = /目标|基期|基准|现状|基数|实际值|预期值|规划值|中期|累计|年均|增速|^值$/u.test(c);
  if (!hasYear && !hasWord) return false;
  const rest = c
    .replace(YEAR, "")
    .replace(VALUE_HEADER_WORDS, "")
    .replace(/[年底末（）()〔〕[\]【】“”"'\-—–～~至%‰、：:/\d]/gu, "");
  return rest.length <= 2;
};

const NOTE_HEADER =
  /^(?:备注|说明|责任单位|牵头单位|责任部门|牵头部门|配合单位|协同单位|完成时限|时限|数据来源|来源)$/u;

/** The role of one header cell, or null when it names nothing known (a word of a longer header). */
export const columnRole = (cell: string): ColumnRole | null => {
  const c = cell.replace(/\s+/gu, "");
  if (c === "") return null;
  if (/^(?:序号|编号|序|No\.?)$/iu.test(c)) return "serial";
  if (/^(?:指标)?(?:属性|性质)$/u.test(c)) return "nature";
  if (/^(?:计量|指标)?单位$/u.test(c)) return "unit";
  if (/^(?:类别|领域|分类|类型|一级指标|维度|指标类别|指标类型|指标分类)$/u.test(c))
    return "category";
  if (NOTE_HEADER.test(c)) return "note";
  if (/^(?:指标值|数值|规划值)$/u.test(c)) return "value";
  if (isValueHeader(c)) return "value";
  if (/指标|名称|项目/u.test(c) && c.length <= 10) return "name";
  return null;
};

/** Year a value column is about: the last year written (`2021-2025年累计` → 2025). */
const yearOf = (header: string): number | null => {
  const ys = Array.from(header.matchAll(YEAR), (m) => Number(m[0]));
  return ys.length > 0 ? (ys[ys.length - 1] ?? null) : null;
};

export const isCumulativeHeader = (h: string): boolean => /累计|年均/u.test(h);

/**
 * Header text → columns, or null when the text is not an indicator table header.
 * `cells`: the header's cells when the source separates them (tabs, 2+ spaces, one per line);
 * otherwise the text is split on spaces and words of one header (`2025 年 目标`) are joined.
 * Accepted: a 指标/名称 column, and either a 序号/单位/属性/类别 column with a year or 目标/基期
 * (the original rule), or at least two value columns with separated cells, or three year columns.
 */
export const parseHeader = (text: string, cells?: readonly string[]): Columns | null => {
  if (text.length > 160 || /[。；;]/u.test(text)) return null;
  if (!/指标|项目名称|名称|项目/u.test(text)) return null;
  const headers = cells
    ? cells.map((c) => cleanInline(c)).filter((c) => c !== "")
    : cleanHeader(text);
  const list: Column[] = [];
  for (const h of headers) {
    const role = columnRole(h);
    const prev = list[list.length - 1];
    if (!cells && prev && (role === null || /^[（(][^）)]{1,6}[）)]$/u.test(h))) {
      prev.header += h;
      if (prev.role === "value") prev.year = yearOf(prev.header);
      continue;
    }
    if (role === null && cells) {
      list.push({ role: "note", header: h, year: null });
      continue;
    }
    list.push({ role: role ?? "note", header: h, year: role === "value" ? yearOf(h) : null });
  }
  // "主要 指标" or "指标 名称": one name column.
  const names = list.filter((c) => c.role === "name");
  if (names.length === 0) return null;
  for (let k = list.length - 1; k > 0; k--) {
    const c = list[k] as Column;
    const p = list[k - 1] as Column;
    if (c.role === "name" && p.role === "name") {
      p.header += c.header;
      list.splice(k, 1);
    }
  }
  if (list.filter((c) => c.role === "name").length !== 1) return null;
  const valueCount = list.filter((c) => c.role === "value").length;
  const hasSerial = /序号|编号/u.test(text);
  const hasColumnWords = /单位|属性|性质|类别|领域/u.test(text);
  const years = Array.from(text.matchAll(YEAR), (m) => Number(m[0]));
  const hasValueWords = years.length > 0 || /目标|基期|现状|基数|指标值|规划值/u.test(text);
  const classic = (hasSerial || hasColumnWords) && hasValueWords;
  const yearColumns = list.filter((c) => c.role === "value" && c.year !== null).length;
  if (valueCount === 0) return null;
  if (!classic && !(cells && valueCount >= 2) && yearColumns < 3) return null;

  const targetAt = pickTarget(list);
  const baselineAt = pickBaseline(list, targetAt);
  const oldBaseline =
    years.length >= 2
      ? (years[0] ?? null)
      : years.length === 1 && !/目标/u.test(text)
        ? (years[0] ?? null)
        : null;
  const oldTarget =
    years.length >= 2
      ? (years[years.length - 1] ?? null)
      : years.length === 1 && /目标/u.test(text)
        ? (years[0] ?? null)
        : null;
  return {
    headers,
    unit: headers.some((h) => /^(?:计量|指标)?单位$/u.test(h)),
    nature: headers.some((h) => /属性|性质/u.test(h)),
    category: headers.some((h) =>
      /^(?:类别|领域|分类|类型|一级指标|维度|指标类别|指标类型|指标分类)$/u.test(h),
    ),
    baselineYear: list[baselineAt]?.year ?? (baselineAt >= 0 ? oldBaseline : null),
    targetYear: list[targetAt]?.year ?? (targetAt >= 0 ? oldTarget : null),
    list,
    baselineAt,
    targetAt,
    cellLines: false,
    tabbed: cells !== undefined,
  };
};

/**
 * A second header row under merged value cells: `2020年 2025年` under `基期值 目标值` (or the
 * reverse). When it names exactly the existing value columns, its words join their headers;
 * a second row without years that does not fit adds nothing. Null: treat it as more columns.
 */
export const mergeHeaderRow = (columns: Columns, line: string): Columns | null => {
  const tokens = cleanHeader(line);
  const valueAt = columns.list.flatMap((c, k) => (c.role === "value" ? [k] : []));
  if (valueAt.length === 0) return null;
  if (tokens.length === valueAt.length && tokens.every((t) => columnRole(t) === "value")) {
    const list = columns.list.map((c) => ({ ...c }));
    valueAt.forEach((k, idx) => {
      const c = list[k] as Column;
      c.header += tokens[idx] ?? "";
      c.year = yearOf(c.header);
    });
    return withValueColumns(columns, list);
  }
  // "指标值" over "2020年 2025年": one merged group cell split into the columns below it.
  const only = valueAt[0] as number;
  if (
    valueAt.length === 1 &&
    tokens.length >= 2 &&
    tokens.every((t) => columnRole(t) === "value")
  ) {
    const group = columns.list[only]?.header ?? "";
    const split = tokens.map((t): Column => ({
      role: "value",
      header: `${group}${t}`,
      year: yearOf(t),
    }));
    const list = [...columns.list.slice(0, only), ...split, ...columns.list.slice(only + 1)];
    return withValueColumns(columns, list);
  }
  return YEAR_ONE.test(line) ? null : columns;
};

const withValueColumns = (columns: Columns, list: Column[]): Columns => {
  const targetAt = pickTarget(list);
  const baselineAt = pickBaseline(list, targetAt);
  return {
    ...columns,
    list,
    targetAt,
    baselineAt,
    baselineYear: list[baselineAt]?.year ?? columns.baselineYear,
    targetYear: list[targetAt]?.year ?? columns.targetYear,
  };
};

/**
 * The target: a column saying 目标/规划; else the latest year that is not a 累计/中期 column;
 * else the last value column.
 */
const pickTarget = (list: readonly Column[]): number => {
  let at = -1;
  list.forEach((c, k) => {
    if (c.role === "value" && /目标|规划/u.test(c.header) && !isCumulativeHeader(c.header)) at = k;
  });
  if (at >= 0) return at;
  let best = -1;
  list.forEach((c, k) => {
    if (c.role !== "value" || c.year === null || isCumulativeHeader(c.header)) return;
    if (/中期/u.test(c.header)) return;
    if (best < 0 || c.year > (list[best]?.year ?? 0)) best = k;
  });
  if (best >= 0) return best;
  for (let k = list.length - 1; k >= 0; k--) if (list[k]?.role === "value") return k;
  return -1;
};

/** The baseline: a column saying 基期/现状/基数; else the first value column before the target. */
const pickBaseline = (list: readonly Column[], targetAt: number): number => {
  const named = list.findIndex(
    (c) => c.role === "value" && /基期|基准|现状|基数|实际/u.test(c.header),
  );
  if (named >= 0 && named !== targetAt) return named;
  const first = list.findIndex((c) => c.role === "value");
  if (first < 0 || first === targetAt) return -1;
  const t = list[targetAt];
  const f = list[first] as Column;
  // "2025年目标 | 〔累计〕": a lone target and a 累计 column have no baseline.
  if (first > targetAt || isCumulativeHeader(f.header)) return -1;
  if (t?.year !== null && t?.year !== undefined && f.year !== null && f.year >= t.year) return -1;
  return first;
};

const cleanHeader = (text: string): string[] =>
  text
    .replace(/((?:19|20)\d{2})\s+(年)/gu, "$1$2")
    .replace(/(年)\s+(目标|基期|现状)/gu, "$1$2")
    .split(" ")
    .map((t) => t.trim())
    .filter((t) => t !== "");

/** Does this short line continue a header broken over lines ("2025 年目标")? */
export const isHeaderContinuation = (text: string): boolean =>
  text.length <= 40 &&
  !/[。，；]/u.test(text) &&
  !/^\d{1,3}\s/u.test(text) &&
  /(?:19|20)\d{2}|目标|基期|现状|单位|属性|类别|备注|值/u.test(text);

/** A line that is one header cell (the one-cell-per-line layout), as a role, else null. */
export const headerCellRole = (text: string): ColumnRole | null => {
  if (text.length > 24) return null;
  const c = text.replace(/((?:19|20)\d{2})\s+(年)/gu, "$1$2");
  if (/\s/u.test(c.replace(/(年)\s+(目标|基期|现状)/gu, "$1$2"))) return null;
  return columnRole(c);
};
