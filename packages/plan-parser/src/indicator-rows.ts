// Indicator tables: recognise the header (which column is what, in the order written) and read
// one row into values, from a line of space-separated tokens, from tab cells, or from one cell per line.
import { cleanInline } from "./text.ts";
import type { IndicatorQualifier, IndicatorRow, IndicatorValue } from "./types.ts";

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

const NOTE_HEADER = /^(?:备注|说明|责任单位|牵头单位|责任部门|牵头部门|配合单位|数据来源|来源)$/u;

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
  if (isValueHeader(c)) return "value";
  if (/指标|名称|项目/u.test(c) && c.length <= 10) return "name";
  return null;
};

/** Year a value column is about: the last year written (`2021-2025年累计` → 2025). */
const yearOf = (header: string): number | null => {
  const ys = Array.from(header.matchAll(YEAR), (m) => Number(m[0]));
  return ys.length > 0 ? (ys[ys.length - 1] ?? null) : null;
};

const isCumulativeHeader = (h: string): boolean => /累计|年均/u.test(h);

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
  const hasValueWords = years.length > 0 || /目标|基期|现状|基数/u.test(text);
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
  }
  return YEAR_ONE.test(line) ? null : columns;
};

/** The target: a column saying 目标/规划; else the latest year that is not a 累计/中期 column; else the last value column. */
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

// ---------------------------------------------------------------------------------------------
// Values

const NUM = String.raw`\d+(?:\.\d+)?`;
const PREFIX =
  "力争|争取|达到|达|约|控制在|不低于|不少于|不高于|不超过|超过|高于|低于|大于|小于|保持|稳定在";
const SUFFIX = "以上|以下|以内|左右|内";
/** Units written inside a value cell (`30家`, `5亿元`) when the table has no 单位 column. */
const VALUE_UNIT =
  "万人次|人次|万人|万元|亿元|万吨|吨|万亩|亩|公顷|平方公里|平方米|万立方米|立方米|万千瓦时|千瓦时|万千瓦|千瓦|公里|千米|个|家|件|项|人|元|台|套|次|所|座|户|张|辆|条|处|天|小时|岁|倍";
const VALUE = new RegExp(
  `^(?:${PREFIX})?[〔[【(（]?[<>≤≥＞＜≦≧]?=?[-+]?${NUM}(?:[-~～—–至]${NUM})?(?:%|‰|${VALUE_UNIT})?(?:${SUFFIX})?[〕\\]】)）]?(?:${SUFFIX})?$`,
  "u",
);
const MISSING = /^(?:[-—–－/／─]+|无|暂无|—|\/)$/u;
const RANGE = new RegExp(`(${NUM})\\s*[-~～—–至]\\s*(${NUM})`, "u");
const SPACED_SUFFIX = new RegExp(`(\\d%?)\\s+(${SUFFIX})(?=\\s|$)`, "gu");
const SPACED_PREFIX = new RegExp(`(^|\\s)(${PREFIX})\\s+(?=[<>≤≥]?\\d)`, "gu");
const UNIT_SUFFIX = new RegExp(`\\d(${VALUE_UNIT})`, "u");
const NATURE = /^(预期性|约束性|预期|约束)$/u;
/** A target written in words (`完成省下达任务`): kept as text, no number. */
const TEXT_VALUE =
  /^(?:完成|确保完成|力争完成)?.{0,8}(?:下达|考核)(?:目标|任务|指标)?$|^(?:持续|逐年|稳步|不断)?(?:提升|提高|下降|增长|改善|优化)$|^(?:保持|稳定|达标|全覆盖|基本实现|实现)$/u;

const FULLWIDTH = /[０-９．％＜＞]/gu;
const toAscii = (s: string): string =>
  s.replace(FULLWIDTH, (ch) => {
    if (ch === "．") return ".";
    if (ch === "％") return "%";
    if (ch === "＜") return "<";
    if (ch === "＞") return ">";
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });

const isValueToken = (t: string): boolean => VALUE.test(t) || MISSING.test(t);
const isTextValue = (t: string): boolean => t.length <= 16 && TEXT_VALUE.test(t);

/** A whole cell that is a value (`1.2`, `≥95`, `15 左右`, `—`, `完成省下达任务`), as in one-cell-per-line text. */
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
 * Which way the indicator should move. Signs and words in the target win (`<5`, `≤`, `以下`,
 * `以内`, `控制在`, `不超过` → DECREASE), then the name (能耗, 排放, 下降…), then 下降/降低/减少
 * in the target, then the numbers (a target below the baseline), else INCREASE.
 */
export const directionOf = (
  name: string,
  baselineText: string,
  targetText: string,
): "INCREASE" | "DECREASE" => {
  if (/[<≤＜≦]|以下|以内|控制在|不超过|不高于/u.test(targetText)) return "DECREASE";
  if (DECREASE.test(name)) return "DECREASE";
  if (/下降|降低|减少/u.test(targetText)) return "DECREASE";
  if (/[>≥＞≧]|以上|不低于|不少于/u.test(targetText)) return "INCREASE";
  const b = parseValue(baselineText);
  const t = parseValue(targetText);
  if (b !== null && t !== null && !/[-~～—–至]\d/u.test(targetText) && t < b) return "DECREASE";
  return "INCREASE";
};

// ---------------------------------------------------------------------------------------------
// Rows

export type ParsedRow = Omit<IndicatorRow, "line" | "category"> & {
  category: string | null;
  numbered: boolean;
  /** Fewer value cells than value columns: values were placed baseline, target, then the others. */
  cellsMissing: boolean;
};

/** One row's cells by column index (null = empty), plus name text and an unlisted 属性. */
type Assigned = {
  cells: (string | null)[];
  extraNature: string | null;
};

const NATURE_TOKEN = NATURE;

/** "2020 年" → "2020年", "15 左右" → "15左右", "≥ 2.5" → "≥2.5", "力争 30" → "力争30". */
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

const looksLikeUnit = (t: string): boolean =>
  t.length <= 8 && !/^\d+$/u.test(t) && !isValueToken(t) && !NATURE_TOKEN.test(t);

/**
 * Parse the tokens of one row written on one line (space-separated; cells may hold spaces).
 * Columns after the name are taken from the right in header order; a 单位/属性/备注 cell that
 * is not there (an empty cell) is skipped. Returns null when too few value cells end the row.
 */
export const parseRow = (text: string, columns: Columns): ParsedRow | null => {
  const tokens = tokenize(text);
  const list = columns.list;
  const nameAt = list.findIndex((c) => c.role === "name");
  const cells: (string | null)[] = list.map(() => null);
  let end = tokens.length;
  let extraNature: string | null = null;
  if (!list.some((c) => c.role === "nature") && NATURE_TOKEN.test(tokens[end - 1] ?? "")) {
    extraNature = tokens[--end] ?? null;
  }
  const leftCount = list.slice(0, nameAt).filter((c) => c.role === "serial").length;
  let numeric = 0;
  for (let k = list.length - 1; k > nameAt; k--) {
    const col = list[k] as Column;
    const tok = tokens[end - 1];
    if (tok === undefined || end - 1 < leftCount + 1) break;
    const adjacent = k === nameAt + 1;
    if (col.role === "value") {
      if (isValueToken(tok)) numeric++;
      else if (!isTextValue(tok)) continue;
    } else if (col.role === "nature") {
      if (!NATURE_TOKEN.test(tok)) continue;
    } else if (col.role === "unit") {
      if (!looksLikeUnit(tok) || end - 1 <= leftCount) continue;
    } else if (adjacent || isValueToken(tok) || NATURE_TOKEN.test(tok) || tok.length > 20) {
      continue;
    }
    cells[k] = tok;
    end--;
  }
  const valueCols = list.flatMap((c, k) => (c.role === "value" ? [k] : []));
  const filled = valueCols.filter((k) => cells[k] !== null);
  if (numeric === 0 || filled.length < Math.min(2, valueCols.length)) return null;
  // A value column that is not there while one further left is: PDF text drops empty cells, so
  // put the values found in order of importance (baseline, target, then the others).
  let cellsMissing = false;
  if (filled.length < valueCols.length) {
    const found = filled.map((k) => cells[k] as string);
    for (const k of valueCols) cells[k] = null;
    const order = [columns.baselineAt, columns.targetAt, ...valueCols].filter(
      (k, idx, arr) => k >= 0 && arr.indexOf(k) === idx,
    );
    const chosen = order.slice(0, found.length).sort((a, b) => a - b);
    chosen.forEach((k, idx) => {
      cells[k] = found[idx] ?? null;
    });
    cellsMissing = true;
  }
  const left = tokens.slice(0, end);
  const catAt = list.findIndex((c) => c.role === "category");
  const serialAt = list.findIndex((c) => c.role === "serial");
  // A 类别 cell before the 序号 is written on the first row of its group only (merged cell).
  if (catAt >= 0 && catAt < nameAt && (serialAt < 0 || catAt < serialAt)) {
    const tokSerial = left.findIndex((t) => /^\d{1,3}$/u.test(t));
    if (tokSerial > 0) cells[catAt] = left.splice(0, tokSerial).join("");
  }
  let serialText: string | null = null;
  if (/^\d{1,3}$/u.test(left[0] ?? "") && left.length > 1) serialText = left.shift() ?? null;
  // Other columns written before the name (`序号 属性 指标 …`): one token each when it fits.
  for (let k = 0; k < nameAt && left.length > 1; k++) {
    const col = list[k] as Column;
    const tok = left[0] ?? "";
    const fits =
      col.role === "nature"
        ? NATURE_TOKEN.test(tok)
        : col.role === "unit"
          ? looksLikeUnit(tok) && tok.length <= 6
          : col.role === "value" && isValueToken(tok);
    if (fits) cells[k] = left.shift() ?? null;
  }
  cells[nameAt] = left.join(" ");
  return buildRow({ cells, extraNature }, columns, serialText ?? null, cellsMissing);
};

/**
 * Parse a row whose cells are known (tab-separated, or one per line), one cell per column.
 * Returns null when the name is empty or no value cell holds a value.
 */
export const parseCells = (cellsIn: readonly string[], columns: Columns): ParsedRow | null => {
  const list = columns.list;
  if (cellsIn.length !== list.length) return null;
  const cells = cellsIn.map((c) => {
    const t = cleanInline(toAscii(c));
    return t === "" ? null : t;
  });
  let values = 0;
  for (let k = 0; k < list.length; k++) {
    const col = list[k] as Column;
    const v = cells[k];
    if (v === null || v === undefined) continue;
    if (col.role === "value") {
      // The cell's bounds are known: any short text is the value as written (`达到省定目标`).
      const compact = tokenize(v).join("");
      if (compact.length > 30) return null;
      cells[k] = compact;
      if (isValueToken(compact) || isTextValue(compact) || /\d/u.test(compact)) values++;
    }
    if (col.role === "serial" && !/^\d{1,3}$/u.test(v)) return null;
  }
  if (values === 0) return null;
  const serialAt = list.findIndex((c) => c.role === "serial");
  return buildRow(
    { cells, extraNature: null },
    columns,
    serialAt >= 0 ? (cells[serialAt] ?? null) : null,
    false,
  );
};

const buildRow = (
  a: Assigned,
  columns: Columns,
  serialText: string | null,
  cellsMissing: boolean,
): ParsedRow | null => {
  const list = columns.list;
  const nameAt = list.findIndex((c) => c.role === "name");
  const rawName = cleanInline(a.cells[nameAt] ?? "");
  if (rawName === "" || !/[\u4e00-\u9fffA-Za-z]/u.test(rawName)) return null;
  const { name, unit: nameUnit } = splitUnit(rawName);
  const cellOf = (role: ColumnRole): string | null => {
    const k = list.findIndex((c) => c.role === role);
    return k >= 0 ? (a.cells[k] ?? null) : null;
  };
  const unitText = cellOf("unit") ?? nameUnit;
  const natureText = cellOf("nature") ?? a.extraNature;
  const nature: IndicatorRow["nature"] =
    natureText && /约束/u.test(natureText)
      ? "BINDING"
      : natureText && /预期/u.test(natureText)
        ? "EXPECTED"
        : null;
  const baselineText = columns.baselineAt >= 0 ? (a.cells[columns.baselineAt] ?? "") : "";
  let targetText = columns.targetAt >= 0 ? (a.cells[columns.targetAt] ?? "") : "";
  // A target column left empty (or `—`) while a 累计 column holds the figure: that is the target.
  let fromCumulative = false;
  if (parseValue(targetText) === null) {
    const k = list.findIndex(
      (c, idx) =>
        c.role === "value" &&
        isCumulativeHeader(c.header) &&
        parseValue(a.cells[idx] ?? "") !== null,
    );
    if (k >= 0 && k !== columns.targetAt) {
      targetText = a.cells[k] ?? targetText;
      fromCumulative = /累计/u.test(list[k]?.header ?? "");
    }
  }
  if (baselineText === "" && targetText === "") return null;
  const direction = directionOf(name, baselineText, targetText);
  const target = readValue(targetText, direction);
  const baseline = readValue(baselineText, direction);
  const cumulative =
    fromCumulative ||
    /累计/u.test(rawName) ||
    /累计/u.test(unitText ?? "") ||
    /^[〔[【]/u.test(targetText) ||
    (columns.targetAt >= 0 && /累计/u.test(list[columns.targetAt]?.header ?? ""));
  const suffix = UNIT_SUFFIX.exec(targetText || baselineText)?.[1] ?? null;
  const unitWritten = unitText ?? suffix;
  const unit = unitWritten ? unitWritten.replace(/累计|[，,、\s]/gu, "") || null : null;
  const catAt = list.findIndex((c) => c.role === "category");
  const category = catAt >= 0 ? (a.cells[catAt] ?? null) : null;
  const number = serialText !== null && /^\d{1,3}$/u.test(serialText) ? Number(serialText) : 0;
  const row: ParsedRow = {
    number,
    numbered: number > 0,
    name,
    unit,
    baseline: baseline.value,
    target: target.value,
    baselineText,
    targetText,
    nature,
    direction,
    cumulative,
    category,
    cellsMissing,
  };
  if (target.qualifier) row.targetQualifier = target.qualifier;
  if (baseline.qualifier) row.baselineQualifier = baseline.qualifier;
  if (target.range) row.targetRange = target.range;
  const valueCols = list.flatMap((c, k) => (c.role === "value" ? [k] : []));
  if (
    valueCols.length > 2 ||
    valueCols.some((k) => k !== columns.baselineAt && k !== columns.targetAt)
  ) {
    row.values = valueCols.map((k): IndicatorValue => {
      const text = a.cells[k] ?? "";
      const c = list[k] as Column;
      return {
        header: c.header,
        year: c.year,
        text,
        value: text === "" ? null : readValue(text, direction).value,
      };
    });
  }
  const notes: Record<string, string> = {};
  list.forEach((c, k) => {
    const v = a.cells[k];
    if (c.role === "note" && v) notes[c.header] = v;
  });
  if (Object.keys(notes).length > 0) row.extraColumns = notes;
  return row;
};

const UNIT_CHARS =
  /^[%‰个家件项人万亿千百元吨米公里平方亩台套次篇部所座岁年户床名张辆条处间只头标准kmwhKWhtT/／·]+$/u;

/** "R&D 经费支出（万元）" → name "R&D 经费支出", unit "万元". */
export const splitUnit = (raw: string): { name: string; unit: string | null } => {
  const m = /[（(]([^（）()]{1,16})[）)]$/u.exec(raw);
  if (!m) return { name: raw, unit: null };
  const inner = (m[1] ?? "").trim();
  const core = inner.replace(/累计|[，,、\s]/gu, "");
  const looksLikeUnit =
    core === "" ? /累计/u.test(inner) : core.length <= 6 && UNIT_CHARS.test(core);
  if (!looksLikeUnit) return { name: raw, unit: null };
  return { name: raw.slice(0, m.index).trim(), unit: inner.replace(/／/gu, "/") || null };
};
