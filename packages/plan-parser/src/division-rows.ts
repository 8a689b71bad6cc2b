// One row of an Excel 分工表 below its header: a section heading, a task, or nothing to read.
import type { Column, ColumnRole } from "./division-columns.ts";
import type { WorkbookCell, WorkbookRow } from "./workbook-sheets.ts";

const CN = "〇零一二两三四五六七八九十百";
const PART_NO = new RegExp(`^(第\\s*[${CN}\\d]{1,6}\\s*(?:部分|篇|章))\\s*[：:、.．]?\\s*`, "u");
const SECTION_NO = new RegExp(`^([${CN}]{1,4})\\s*[、．.]\\s*`, "u");
const SUBSECTION_NO = new RegExp(`^[（(]\\s*([${CN}]{1,4})\\s*[）)]\\s*[、.．]?\\s*`, "u");
const BARE_SECTION = new RegExp(`^([${CN}]{1,4})\\s*[、．.]?$`, "u");
const BARE_SUBSECTION = new RegExp(`^[（(]\\s*([${CN}]{1,4})\\s*[）)]$`, "u");

/** A section heading's numbering: level 1 for 第一部分 / 一、, level 2 for （一）. */
export type Numbering = { level: 1 | 2; number: string; title: string };

/** `一、优化营商环境` → level 1, `一`; `（一）…` → level 2, `（一）`; `第一部分…` → level 1. */
export const sectionNumbering = (text: string): Numbering | null => {
  const t = text.trim();
  let m = PART_NO.exec(t);
  if (m) return { level: 1, number: m[1]!.replace(/\s+/gu, ""), title: t.slice(m[0].length) };
  m = SECTION_NO.exec(t);
  if (m) return { level: 1, number: m[1]!, title: t.slice(m[0].length) };
  m = SUBSECTION_NO.exec(t);
  if (m) return { level: 2, number: `（${m[1]}）`, title: t.slice(m[0].length) };
  return null;
};

/** A 序号 cell that numbers a section rather than a task: `一`, `一、`, `（一）`. */
const bareNumbering = (text: string): Omit<Numbering, "title"> | null => {
  const t = text.trim();
  let m = BARE_SECTION.exec(t);
  if (m) return { level: 1, number: m[1]! };
  m = BARE_SUBSECTION.exec(t);
  if (m) return { level: 2, number: `（${m[1]}）` };
  return null;
};

export type RowCells = {
  /** the cell of a column, merged continuation included */
  at: (col: number | undefined) => WorkbookCell | undefined;
  /** the cell's text when the row holds it itself (not a merged range starting above) */
  own: (col: number | undefined) => string;
  /** the cell belongs to a merged range that starts on an earlier row */
  continued: (col: number | undefined) => boolean;
};

export const rowCells = (row: WorkbookRow): RowCells => {
  const byCol = new Map(row.cells.map((c) => [c.col, c]));
  const at = (col: number | undefined) => (col === undefined ? undefined : byCol.get(col));
  return {
    at,
    own: (col) => {
      const c = at(col);
      return c && c.masterRow === row.row ? c.text : "";
    },
    continued: (col) => {
      const c = at(col);
      return c !== undefined && c.masterRow < row.row;
    },
  };
};

/** The unit and deadline cells a section row may carry for the tasks under it. */
export type SectionUnits = Partial<Record<"lead" | "responsible" | "support" | "deadline", string>>;

export type SectionRow = {
  level: 1 | 2 | null;
  number: string | null;
  title: string;
  /** units written on the section row itself (`一、优化营商环境 | 县发改局`), if any */
  units?: SectionUnits;
};

const NOTE = /^(?:注|备注|说明|附注|填表说明)\s*\d*\s*[：:.、]/u;

/**
 * A note under the table (`注：各单位每月5日前报送进展。`, a sentence across the row): its only
 * own text is one unnumbered value that starts with 注/备注/说明, or that reads as a sentence
 * (ends with `。` or is over 60 characters) and is merged across the row or lies outside the task
 * text column (a task row that only lacks its units stays a task). Returns the text, or null.
 */
export const readNoteRow = (row: WorkbookRow, textCol: number | undefined): string | null => {
  const own = row.cells.filter((c) => c.masterRow === row.row && c.masterCol === c.col);
  if (own.length !== 1) return null;
  const cell = own[0]!;
  const text = cell.text.trim();
  if (sectionNumbering(text)) return null;
  if (NOTE.test(text)) return text;
  const spans = row.cells.some((c) => c.masterCol === cell.col && c.col !== cell.col);
  const sentence = /。$/u.test(text) || text.length > 60;
  return sentence && (spans || cell.col !== textCol) ? text : null;
};

/**
 * A row that is a section heading rather than a task, or null (a task row that lacks its
 * 牵头单位 stays a task, and is warned about). A section is:
 * - one own text that is numbered (`一、…`, `（一）…`, `第一部分…`), merged across columns, or alone
 *   in the 序号 or category column (a number alone, `11`, is a blank pre-numbered row: `"blank"`);
 * - a 序号 `一` / `（一）` beside one text;
 * - one numbered text (`一、优化营商环境`) with no 序号 beside unit or deadline cells: those are
 *   the section's `units`, for its tasks that name none.
 * `level` is null for an unnumbered heading (the caller places it).
 */
export const readSectionRow = (
  row: WorkbookRow,
  columns: readonly Column[],
): SectionRow | "blank" | null => {
  const own = new Map<string, WorkbookCell>();
  for (const c of row.cells)
    if (c.masterRow === row.row) own.set(`${c.masterRow}:${c.masterCol}`, c);
  const roleAt = (col: number) => columns.find((c) => c.col === col)?.role ?? "extra";
  const units: SectionUnits = {};
  let number: WorkbookCell | undefined;
  const texts: WorkbookCell[] = [];
  for (const v of own.values()) {
    const role = roleAt(v.masterCol);
    if (role === "lead" || role === "responsible" || role === "support" || role === "deadline")
      units[role] = v.text;
    else if (role === "leader") continue;
    else if (role === "number") number = v;
    else texts.push(v);
  }
  const hasUnits = Object.keys(units).length > 0;
  const withUnits = (s: SectionRow): SectionRow => (hasUnits ? { ...s, units } : s);
  if (texts.length === 0 && number && !hasUnits) {
    if (/^\d+\s*[.、．]?$/u.test(number.text)) return "blank";
    return sectionNumbering(number.text) ?? { level: null, number: null, title: number.text };
  }
  if (texts.length !== 1) return null;
  const text = texts[0]!;
  if (number) {
    const bare = bareNumbering(number.text);
    return bare ? withUnits({ ...bare, title: text.text.trim() }) : null;
  }
  const numbering = sectionNumbering(text.text);
  if (numbering) return withUnits(numbering);
  if (hasUnits) return null;
  const spans = row.cells.some((c) => c.masterCol === text.masterCol && c.col !== text.masterCol);
  const role = roleAt(text.masterCol);
  if (spans || role === "category") return { level: null, number: null, title: text.text.trim() };
  return null;
};

/** The column holding each role in this header, if any. */
export const columnOf = (columns: readonly Column[], role: ColumnRole): number | undefined =>
  columns.find((c) => c.role === role)?.col;

/**
 * Is the 重点任务 column a grouping (one task cell over several 具体措施 rows, merged, left blank
 * or repeated) rather than each row's own title? Only when a measure column exists beside it.
 */
export const taskColumnGroups = (
  rows: readonly WorkbookRow[],
  columns: readonly Column[],
): boolean => {
  const task = columnOf(columns, "task");
  const measure = columnOf(columns, "measure");
  if (task === undefined || measure === undefined) return false;
  let previous: string | null = null;
  for (const row of rows) {
    const cells = rowCells(row);
    if (!cells.at(measure)) continue;
    const t = cells.at(task);
    if (cells.continued(task)) return true;
    if (previous !== null && t && t.text === previous) return true;
    if (!t && previous !== null) return true;
    previous = t?.text ?? previous;
  }
  return false;
};
