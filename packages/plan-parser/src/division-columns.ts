// The header of an Excel 分工表: which column holds what. Column names vary by office and year
// (重点任务 / 工作任务 / 主要任务, 牵头单位 / 牵头部门, 完成时限 / 时间节点…), so each is recognised
// by the words it contains, never by its position.
import type { WorkbookRow } from "./workbook-sheets.ts";

/**
 * What a column holds. `responsible` is 责任单位: the lead when no 牵头 column exists, else
 * supporting (a 责任单位 never leads when a 牵头单位 is written). `leader` is a person
 * (牵头县领导, 责任领导), never a unit. `extra` is any other headed column (工作目标, 备注): kept
 * in the task's description under its header.
 */
export type ColumnRole =
  | "number"
  | "category"
  | "task"
  | "measure"
  | "lead"
  | "responsible"
  | "support"
  | "leader"
  | "deadline"
  | "extra";

export type Column = { col: number; role: ColumnRole; header: string };

/** Header words, tried in this order: the first that matches names the column. */
const ROLES: [ColumnRole, RegExp][] = [
  ["number", /^(?:序号|编号|序|No\.?|#)$|编号$/iu],
  // about a task but not the task: 任务来源 must not take the task column
  ["extra", /来源|依据|出处|备注|说明|进展|完成情况|落实情况|成效/u],
  ["leader", /领导|负责人|联系人|责任人/u],
  ["lead", /牵头|主责|主办|牽頭/u],
  ["support", /配合|协同|协办|协助|参与|協同/u],
  ["responsible", /责任(?:单位|部门)|承办|实施(?:单位|主体)|责任主体|負責|责任处室|^单位$|^部门$/u],
  [
    "deadline",
    /时限|时间节点|完成时间|完成期限|时间要求|截止|进度安排|时间安排|完成日期|^时间$|^期限$|时間/u,
  ],
  ["measure", /措施|举措|具体任务|具体工作|具体内容|工作内容|任务内容|实施路径|主要内容|推进路径/u],
  // before `task`: 任务类别 is a category
  ["category", /类别|分类|领域|板块|类型|篇章/u],
  ["task", /任务|重点工作|工作事项|事项|项目名称|工作名称/u],
];

/** A header cell is short; longer text is data that happens to contain a header word. */
const MAX_HEADER = 16;

const compact = (s: string) => s.replace(/[\s\u3000]+/gu, "");

/** `一、重点任务`, `（一）…`, `1.…`: a numbered line is a section or a task, never a header */
const NUMBERED = /^(?:[（(]?[一二三四五六七八九十]+[）)、.．]|\d+[.．、])/u;

/** The role a header text names, or null when it names none of ROLES. */
export const roleOf = (header: string): ColumnRole | null => {
  const h = compact(header);
  if (h === "" || h.length > MAX_HEADER || NUMBERED.test(h)) return null;
  for (const [role, re] of ROLES) if (re.test(h)) return role;
  return null;
};

export type Header = {
  columns: Column[];
  /** the rows the header takes: one, or two when a row of sub-columns follows (责任单位 → 牵头 | 配合) */
  rows: number[];
};

/** Roles a header needs: a column of task text and one naming who or when. */
const isHeader = (roles: Set<ColumnRole>) =>
  (roles.has("task") || roles.has("measure")) &&
  (roles.has("lead") || roles.has("responsible") || roles.has("support") || roles.has("deadline"));

const rolesIn = (row: WorkbookRow): Map<number, { role: ColumnRole; header: string }> => {
  const out = new Map<number, { role: ColumnRole; header: string }>();
  for (const c of row.cells) {
    const role = roleOf(c.text);
    if (role) out.set(c.col, { role, header: compact(c.text) });
  }
  return out;
};

/**
 * The header of a sheet: the first row (among `rows`, in order) with a task or measure column and
 * a lead / responsible / support / deadline column, each cell at most 16 characters. When the
 * next row names sub-columns under it (`责任单位` over `牵头单位 | 配合单位`), both rows make the
 * header and the sub-column's name wins. A role named twice keeps its first column; the second
 * becomes `extra`. Unnamed header cells (`备注`, `工作目标`) are `extra` too. Null when no row is a
 * header.
 */
export const findHeader = (rows: readonly WorkbookRow[]): Header | null => {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.cells.some((c) => compact(c.text).length > MAX_HEADER * 2)) continue;
    const named = rolesIn(row);
    // a header is several cells: one text across the row is a title (`…重点任务清单`)
    const masters = new Set(
      row.cells.filter((c) => c.masterRow === row.row).map((c) => c.masterCol),
    );
    if (named.size === 0 || masters.size < 2) continue;
    const sub = subColumns(row, rows[i + 1]);
    const roles = new Set([...named.values(), ...(sub?.values() ?? [])].map((r) => r.role));
    if (!isHeader(roles)) continue;
    const byCol = new Map<number, { role: ColumnRole; header: string }>();
    for (const c of row.cells) {
      // a header cell merged across columns names only its first column
      if (c.masterCol !== c.col && c.masterRow === row.row && !named.has(c.col)) continue;
      byCol.set(c.col, named.get(c.col) ?? { role: "extra", header: compact(c.text) });
    }
    for (const [col, r] of sub ?? []) byCol.set(col, r);
    return { columns: dedupe(byCol), rows: sub ? [row.row, row.row + 1] : [row.row] };
  }
  return null;
};

/**
 * The sub-columns a row right under a header row names (`牵头单位 | 配合单位` under a merged
 * `责任单位` or `责任分工`), or null: every own cell of it short and named, several cells (never one
 * text across the row).
 */
const subColumns = (
  row: WorkbookRow,
  next: WorkbookRow | undefined,
): Map<number, { role: ColumnRole; header: string }> | null => {
  if (!next || next.row !== row.row + 1) return null;
  const sub = rolesIn(next);
  const own = next.cells.filter((c) => c.masterRow === next.row);
  const masters = new Set(own.map((c) => c.masterCol));
  const short = next.cells.every((c) => compact(c.text).length <= MAX_HEADER);
  if (sub.size === 0 || !short || masters.size < 2 || !own.every((c) => sub.has(c.col)))
    return null;
  for (const col of [...sub.keys()]) if (own.every((c) => c.col !== col)) sub.delete(col);
  return sub;
};

const dedupe = (byCol: Map<number, { role: ColumnRole; header: string }>): Column[] => {
  const seen = new Set<ColumnRole>();
  const columns: Column[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const { role, header } = byCol.get(col)!;
    const repeated = role !== "extra" && seen.has(role);
    seen.add(role);
    columns.push({ col, role: repeated ? "extra" : role, header });
  }
  return columns;
};

/** The header texts of a row, for the refusal that names what was found. */
export const headerTexts = (row: WorkbookRow): string[] =>
  row.cells
    .filter((c) => c.masterRow === row.row && c.masterCol === c.col)
    .map((c) => compact(c.text).slice(0, 20));
