// The line shapes indicator tables come in: where a header starts (one line, several lines, one
// cell per line), one row written one cell per line, and the small line tests the table reader
// needs (page-break furniture, category rows, wrapped name cells).
import type { IndicatorDraft } from "./drafts.ts";
import { matchHeading } from "./headings.ts";
import {
  headerCellRole,
  isHeaderContinuation,
  mergeHeaderRow,
  parseHeader,
  type ColumnRole,
  type Columns,
} from "./indicator-header.ts";
import { parseCells, splitUnit, type ParsedRow } from "./indicator-rows.ts";
import { isValueCell, NATURE } from "./indicator-values.ts";
import type { SourceLine } from "./lines.ts";
import { joinWrapped } from "./text.ts";

/** `一、资源利用`, `（一）创新投入`: a numbered group of rows inside a table. */
export const CATEGORY_ROW =
  /^(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[、.．]?)\s*([^\s\d，。；：,;:]{2,20})$/u;
/** `续表`, `表 1（续）`: what a table split across pages repeats above its header. */
export const CONTINUED_CAPTION =
  /^(?:[（(]?续表[）)]?|续表\s*\S{0,12}|(?:附)?表\s*\S{1,8}\s*[（(]续(?:表)?[）)].{0,40})$/u;

/**
 * An indicator table header starting at line index `at`: a header line (tab or spaced cells, or
 * words), a header broken over up to four lines, or one header cell per line. Null when none.
 */
export const readIndicatorHeader = (
  lines: readonly SourceLine[],
  at: number,
): { columns: Columns; used: number } | null => {
  const l0 = lines[at];
  if (!l0 || l0.text.length > 160) return null;
  const perLine = readCellLineHeader(lines, at);
  if (perLine) return perLine;
  if (!/指标|名称/u.test(l0.text)) return null;
  if (l0.cells) {
    const columns = parseHeader(l0.text, l0.cells);
    if (columns) return { columns, used: 1 };
  }
  let text = l0.text;
  let used = 1;
  let columns = parseHeader(text);
  while (!columns && used < 3 && l0.width <= 30) {
    const next = lines[at + used];
    if (!next || !isHeaderContinuation(next.text)) break;
    text += ` ${next.text}`;
    used++;
    columns = parseHeader(text);
  }
  if (!columns) return null;
  while (used < 4) {
    const next = lines[at + used];
    if (!next || !isHeaderContinuation(next.text)) break;
    const wider = parseHeader(`${text} ${next.text}`);
    if (!wider) break;
    text += ` ${next.text}`;
    columns = { ...(mergeHeaderRow(columns, next.text) ?? wider), headers: wider.headers };
    used++;
  }
  return { columns, used };
};

/** 序号 / 指标名称 / 单位 / 2020年 / 2025年 / 属性, one per line: the one-cell-per-line layout. */
const readCellLineHeader = (
  lines: readonly SourceLine[],
  at: number,
): { columns: Columns; used: number } | null => {
  const first = lines[at];
  if (!first || first.cells) return null;
  const role0 = headerCellRole(first.text);
  if (role0 !== "serial" && role0 !== "name" && role0 !== "category") return null;
  const cells: string[] = [];
  let k = at;
  while (k < lines.length && cells.length < 16) {
    const l = lines[k] as SourceLine;
    if (l.cells || headerCellRole(l.text) === null) break;
    cells.push(l.text);
    k++;
  }
  if (cells.length < 3) return null;
  const columns = parseHeader(cells.join(" "), cells);
  if (!columns) return null;
  columns.cellLines = true;
  columns.tabbed = false;
  return { columns, used: cells.length };
};

/**
 * A tab row fitted to the header's column count: trailing (then leading) empty cells dropped when
 * there are too many; when too few, padded at the end (empty last cells not written) or, as the
 * second choice, at the start (a merged 类别 cell written only on the first row of its group).
 */
export const fitCells = (cells: readonly string[], n: number): string[][] => {
  const out = [...cells];
  while (out.length > n && (out[out.length - 1] ?? "").trim() === "") out.pop();
  while (out.length > n && (out[0] ?? "").trim() === "") out.shift();
  if (out.length >= n) return [out];
  const pad = Array.from({ length: n - out.length }, () => "");
  return [
    [...out, ...pad],
    [...pad, ...out],
  ];
};

export const sameHeader = (a: Columns, b: Columns): boolean =>
  a.headers.join("").replace(/\s+/gu, "") === b.headers.join("").replace(/\s+/gu, "");

/** A short piece of a name (no digits, no punctuation): a wrapped name cell. */
export const isNameFragment = (l: SourceLine): boolean =>
  l.width <= 16 &&
  !/\d/u.test(l.text) &&
  /^[\u4e00-\u9fffA-Za-z&（）()/]+$/u.test(l.text.replace(/\s+/gu, "")) &&
  !matchHeading(l.text) &&
  !/^(?:预期性|约束性)$/u.test(l.text);

export const appendToName = (
  row: IndicatorDraft["rows"][number] | undefined,
  text: string,
): void => {
  if (!row) return;
  const joined = joinWrapped([row.name, text]);
  if (row.unit) {
    row.name = joined;
    return;
  }
  const { name, unit } = splitUnit(joined);
  row.name = name;
  row.unit = unit;
};

export const prependToName = (
  row: IndicatorDraft["rows"][number] | undefined,
  text: string,
): void => {
  if (row) row.name = joinWrapped([text, row.name]);
};

/**
 * One row in the one-cell-per-line layout: 序号, the name over one to three lines, then the
 * columns after the name, an empty 单位/属性/备注 cell having produced no line. The line after
 * the row must not be a value (which would mean the cells were misaligned).
 */
export const readCellLineRow = (
  lines: readonly SourceLine[],
  j: number,
  columns: Columns,
): { row: ParsedRow; used: number } | null => {
  const list = columns.list;
  const nameAt = list.findIndex((c) => c.role === "name");
  const cells: string[] = list.map(() => "");
  let p = j;
  for (let k = 0; k < nameAt; k++) {
    const l = lines[p];
    if (!l) return null;
    const role = list[k]?.role;
    if (role === "serial") {
      if (!/^\d{1,3}$/u.test(l.text)) return null;
    } else if (role === "category") {
      const next = lines[p + 1];
      if (/^\d/u.test(l.text) || !next || !/^\d{1,3}$/u.test(next.text)) continue;
    }
    cells[k] = l.text;
    p++;
  }
  for (let nk = 1; nk <= 3; nk++) {
    const nameLines = lines.slice(p, p + nk);
    if (nameLines.length < nk) return null;
    const last = nameLines[nk - 1] as SourceLine;
    if (isValueCell(last.text) || matchHeading(last.text) || /[。；;，,：:！？]$/u.test(last.text))
      return null;
    let r = p + nk;
    let ok = true;
    const got = [...cells];
    for (let k = nameAt + 1; k < list.length; k++) {
      const role = list[k]?.role;
      const l = lines[r];
      const fits = l !== undefined && role !== undefined && cellFits(role, l.text);
      if (fits) {
        got[k] = (l as SourceLine).text;
        r++;
      } else if (role === "value") {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    // a value right after the row means the cells were misaligned: try a longer name
    const after = lines[r];
    if (after && isValueCell(after.text) && !/^\d{1,3}$/u.test(after.text)) continue;
    got[nameAt] = joinWrapped(nameLines.map((l) => l.text));
    const row = parseCells(got, columns);
    if (row) return { row, used: r - j };
  }
  return null;
};

/** Does the text of one line fit a cell of this column (one-cell-per-line layout)? */
const cellFits = (role: ColumnRole, text: string): boolean => {
  switch (role) {
    case "value":
      return isValueCell(text);
    case "nature":
      return NATURE.test(text);
    case "unit":
      return text.length <= 10 && !isValueCell(text) && !/性$/u.test(text);
    default:
      return text.length <= 30 && !/^\d{1,3}$/u.test(text);
  }
};
