// A 分工表 inside a text document: the task-division table of a Word 分工方案 (docx-text.ts gives
// each table row as one line, cells separated by a TAB) or a PDF line with its cells 2+ spaces
// apart. Its rows are read the way an Excel 分工表's are (division-workbook.ts), so the columns
// 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 in any order give the same tasks.
import { findHeader } from "./division-columns.ts";
import { columnOf } from "./division-rows.ts";
import { parseDivisionSheets } from "./division-workbook.ts";
import { matchHeading } from "./headings.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import type { ParsedNode, ParseOptions, ParseResult } from "./types.ts";
import type { WorkbookRow, WorkbookSheet } from "./workbook-sheets.ts";

/** A table found in the text: the lines it takes (indexes into the source lines) and its reading. */
export type TextDivisionTable = {
  /** index of the header line in the source lines */
  start: number;
  /** index after its last line */
  end: number;
  /** source line numbers of the table's lines */
  lineNos: number[];
  /** the table's rows, as a sheet's (row and line: the source line number) */
  rows: WorkbookRow[];
};

const SECTION_LIKE =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)/u;

const rowOf = (line: SourceLine): WorkbookRow => {
  const texts = line.cells ?? [line.text];
  return {
    row: line.no,
    line: line.no,
    cells: texts
      .map((text, k) => ({ col: k + 1, text, masterRow: line.no, masterCol: k + 1 }))
      .filter((c) => c.text !== ""),
  };
};

/**
 * The 分工表 starting at `lines[i]` when that line is a header row (findHeader: a task column and a
 * 牵头/责任/配合单位 or 完成时限 column, in separated cells), else null. The table runs over the
 * lines with cells after it; a page number, a `skip`ped line (running header) or one line of text
 * between rows is a row merged across the table (`一、优化营商环境`) when numbered like a section,
 * else the task cell of the row above wrapped onto its own line (`推行…，全程` + `网上办理`: joined;
 * also after the last row when short and not a sentence). Null when the line is no header; `{failedEnd}` (index after the
 * run) when it is one but its rows yield no task. Never throws.
 */
export const readTextDivisionTable = (
  lines: readonly SourceLine[],
  i: number,
  skip: ReadonlySet<number>,
): TextDivisionTable | { failedEnd: number } | null => {
  const first = lines[i];
  if (!first?.cells || first.cells.length < 3) return null;
  const header = findHeader([rowOf(first)]);
  if (!header) return null;
  const textCol = columnOf(header.columns, "measure") ?? columnOf(header.columns, "task");
  const rows: WorkbookRow[] = [rowOf(first)];
  let end = i + 1;
  for (let k = i + 1; k < lines.length; k++) {
    const line = lines[k] as SourceLine;
    if (line.cells) {
      rows.push(rowOf(line));
      end = k + 1;
      continue;
    }
    if (skip.has(k) || isPageNumber(line.text)) continue;
    const next = lines[k + 1];
    const prev = rows[rows.length - 1] as WorkbookRow;
    // a task cell wrapped onto a line of its own (`推行…，全程` + `网上办理`): its text goes on
    const cell = prev.row !== first.no ? prev.cells.find((c) => c.col === textCol) : undefined;
    const wrapped =
      cell !== undefined &&
      !SECTION_LIKE.test(line.text) &&
      !matchHeading(line.text) &&
      (next?.cells !== undefined || (line.width <= 20 && !/[。；;]/u.test(line.text)));
    if (wrapped) {
      cell.text = `${cell.text}${line.text}`;
      end = k + 1;
      continue;
    }
    // one line without cells between rows: a merged row, only if the table goes on after it
    if (next?.cells && (SECTION_LIKE.test(line.text) || !matchHeading(line.text))) {
      rows.push(rowOf(line));
      continue;
    }
    break;
  }
  // a header that gives no table: the caller passes over its run (no re-reading from each line)
  if (rows.length < 2) return { failedEnd: end };
  const table = { start: i, end, lineNos: rows.map((r) => r.line), rows };
  try {
    if (readTable(table, null, {}).candidateTasks.length === 0) return { failedEnd: end };
  } catch {
    return { failedEnd: end };
  }
  return table;
};

/**
 * The table read as a one-sheet 分工表 (parseDivisionSheets) with the document's title above its
 * header, so that its period dates `6月底前` in an annual document. Nodes are coded from the
 * table, not yet under a heading (graftTable). Throws what parseDivisionSheets throws.
 */
export const readTable = (
  table: TextDivisionTable,
  title: string | null,
  options: ParseOptions,
): ParseResult => {
  const top = table.rows[0]?.row ?? 1;
  const titleRow: WorkbookRow[] = title
    ? [
        {
          row: top - 1,
          line: top - 1,
          cells: [{ col: 1, text: title, masterRow: top - 1, masterCol: 1 }],
        },
      ]
    : [];
  const sheet: WorkbookSheet = { name: `第${top}行起的表格`, rows: [...titleRow, ...table.rows] };
  return parseDivisionSheets([sheet], options);
};

/**
 * Puts a text 分工表's nodes under the heading it stands in (`parent`, null at the top): codes are
 * prefixed with the parent's code, top nodes get the parent as parentCode. Returns the nodes and
 * tasks with their codes changed; the table's own title/period/place warnings are dropped (the
 * document has its own), its row warnings are kept.
 */
export const graftTable = (
  read: ParseResult,
  parent: ParsedNode | null,
): Pick<ParseResult, "nodes" | "candidateTasks" | "warnings"> => {
  const prefix = parent ? `${parent.code}.` : "";
  const recode = (code: string) => `${prefix}${code}`;
  const nodes = read.nodes.map((n) => ({
    ...n,
    code: recode(n.code),
    parentCode: n.parentCode ? recode(n.parentCode) : (parent?.code ?? null),
  }));
  const candidateTasks = read.candidateTasks.map((t) => ({
    ...t,
    nodeCode: recode(t.nodeCode),
  }));
  const META = new Set(["TITLE_MISSING", "PERIOD_MISSING", "JURISDICTION_MISSING"]);
  const warnings = read.warnings.filter((w) => !META.has(w.code));
  return { nodes, candidateTasks, warnings };
};
