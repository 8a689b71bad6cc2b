// Indicator rows: read one row into values from a line of space-separated tokens or from known
// cells (tab-separated, or one cell per line), by the columns its header names.
import {
  isCumulativeHeader,
  type Column,
  type ColumnRole,
  type Columns,
} from "./indicator-header.ts";
import {
  directionOf,
  isTextValue,
  isValueToken,
  NATURE,
  parseValue,
  readValue,
  toAscii,
  tokenize,
  VALUE_UNIT_SUFFIX,
} from "./indicator-values.ts";
import { cleanInline } from "./text.ts";
import type { IndicatorRow, IndicatorValue } from "./types.ts";

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

const looksLikeUnit = (t: string): boolean =>
  t.length <= 8 && !/^\d+$/u.test(t) && !isValueToken(t) && !NATURE.test(t);

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
  if (!list.some((c) => c.role === "nature") && NATURE.test(tokens[end - 1] ?? "")) {
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
      if (!NATURE.test(tok)) continue;
    } else if (col.role === "unit") {
      if (!looksLikeUnit(tok) || end - 1 <= leftCount) continue;
    } else if (adjacent || isValueToken(tok) || NATURE.test(tok) || tok.length > 20) {
      continue;
    }
    cells[k] = tok;
    end--;
  }
  const valueCols = list.flatMap((c, k) => (c.role === "value" ? [k] : []));
  const filled = valueCols.filter((k) => cells[k] !== null);
  if (numeric === 0 || filled.length === 0) return null;
  // One value alone must be the last cell, read as the target (a new indicator with no baseline).
  if (filled.length === 1 && valueCols.length >= 2 && filled[0] !== valueCols[valueCols.length - 1])
    return null;
  // A value column that is not there while one further left is: PDF text drops empty cells, so
  // put the values found in order of importance (baseline, target, then the others).
  let cellsMissing = false;
  if (filled.length < valueCols.length) {
    const found = filled.map((k) => cells[k] as string);
    for (const k of valueCols) cells[k] = null;
    const first = found.length === 1 ? [columns.targetAt] : [columns.baselineAt, columns.targetAt];
    const order = [...first, ...valueCols].filter(
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
    if (leftTokenFits(col.role, tok)) cells[k] = left.shift() ?? null;
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
    if (col.role === "serial") {
      if (!/^\d{1,3}[.．、]?$/u.test(v)) return null;
      cells[k] = v.replace(/[.．、]$/u, "");
    }
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
  // an indicator's name is never a sentence
  if (rawName === "" || !/[\u4e00-\u9fffA-Za-z]/u.test(rawName) || /[。；;！？!?]/u.test(rawName))
    return null;
  const { name, unit: nameUnit } = splitUnit(rawName);
  const cellOf = (role: ColumnRole): string | null => {
    const k = list.findIndex((c) => c.role === role);
    return k >= 0 ? (a.cells[k] ?? null) : null;
  };
  const unitText = cellOf("unit") ?? nameUnit;
  const natureText = cellOf("nature") ?? a.extraNature;
  const nature = natureOf(natureText);
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
  const cumulative =
    fromCumulative ||
    /累计/u.test(rawName) ||
    /累计/u.test(unitText ?? "") ||
    /^[〔[【]/u.test(targetText) ||
    (columns.targetAt >= 0 && /累计/u.test(list[columns.targetAt]?.header ?? ""));
  const direction = directionOf(name, baselineText, targetText, cumulative);
  const target = readValue(targetText, direction);
  const baseline = readValue(baselineText, direction);
  const suffix = VALUE_UNIT_SUFFIX.exec(targetText || baselineText)?.[1] ?? null;
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

/** A token before the name fits its column: 属性 (`预期性`), a short 单位, or a value. */
const leftTokenFits = (role: ColumnRole, tok: string): boolean => {
  if (role === "nature") return NATURE.test(tok);
  if (role === "unit") return looksLikeUnit(tok) && tok.length <= 6;
  return role === "value" && isValueToken(tok);
};

/** 约束性 → BINDING, 预期性 → EXPECTED (the two 属性 of plan indicators), else null. */
const natureOf = (text: string | null): IndicatorRow["nature"] => {
  if (text && /约束/u.test(text)) return "BINDING";
  if (text && /预期/u.test(text)) return "EXPECTED";
  return null;
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
