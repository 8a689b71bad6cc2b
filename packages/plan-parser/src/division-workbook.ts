// Excel 分工表 → the same ParseResult (kind "division") a text task-division document gives:
// sections from section rows or a merged section column, one task per row with its units and
// deadline as written. Rows that cannot be read become warnings naming the sheet and row.
import { DEFAULT_DEPARTMENTS, DEFAULT_KEYWORD_RULES } from "./departments.ts";
import { findHeader, headerTexts, type Column, type Header } from "./division-columns.ts";
import { NodeBuilder, oneLine } from "./division-nodes.ts";
import {
  columnOf,
  readNoteRow,
  readSectionRow,
  rowCells,
  sectionNumbering,
  taskColumnGroups,
  type SectionUnits,
} from "./division-rows.ts";
import { addUnits, candidateOf, headOf, type TaskRow } from "./division-task.ts";
import { PlanInputError } from "./extract.ts";
import { jurisdictionFrom, periodFrom } from "./meta.ts";
import type { Directory } from "./suggest.ts";
import {
  PARSE_RESULT_VERSION,
  type NodeKind,
  type ParseOptions,
  type ParseResult,
  type ParseWarning,
} from "./types.ts";
import { readWorkbookSheets, renderedLines, type WorkbookSheet } from "./workbook-sheets.ts";

/**
 * Reads an Excel 分工表 (.xlsx bytes) into a ParseResult of kind "division" (see
 * parseDivisionSheets for the layouts read). An .xlsx is always read as a 分工表: ParseOptions.kind
 * does not apply. Throws PlanInputError CORRUPT (exceljs cannot open it) or NO_HEADER (no sheet
 * has a recognisable header row; the message names the header cells found). The caller bounds the
 * file (size, zip entries, inflated bytes, XML) before calling: see the server's upload guard.
 */
export const readDivisionWorkbook = async (
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<ParseResult> => parseDivisionSheets(await readWorkbookSheets(bytes), options);

/**
 * Sheets (readWorkbookSheets) → ParseResult, kind "division", `preface: ""`, line numbers into
 * workbookText(sheets).
 *
 * Per sheet, the header row is found by its words (findHeader: 序号, 重点任务/工作任务/主要任务,
 * 具体措施/工作措施, 牵头单位, 配合/协同/责任单位, 完成时限/时间节点… in any order, on any row, with
 * an optional second row of sub-columns). The first header's sheet gives the title: the rows above
 * the header (`西丰县2024年重点任务分工表`; 附件 and 填报 lines skipped). Below the header a row is:
 * - a section: one value numbered `一、`/`（一）`/`第一部分`, merged across the row, or alone in
 *   the 序号/category column; or a 序号 `一` / `（一）` beside a title with no unit;
 * - in a group of the category column, or of the 重点任务 column when it spans several 具体措施
 *   rows (merged, blank or repeated): each group is a section or subsection node;
 * - a task: node kind "item", code like the text parser's (`一.（一）.3`), number from 序号 (else
 *   a leading `3.` in the text, else the row's place); title the row's own 重点任务 or the text's
 *   first sentence; body the text verbatim; units and deadline as candidateOf reads them;
 * - the merged continuation of the task above: its units and deadline join that task;
 * - empty, or the header repeated: skipped.
 * With two or more headed sheets, each sheet is a "part" node named after the sheet.
 * Warnings name sheet and row: DIVISION_ROW_WITHOUT_TASK, DIVISION_MISSING_LEAD,
 * DIVISION_NO_LEAD_COLUMN, DEADLINE_UNREADABLE, SHEET_WITHOUT_HEADER, DUPLICATE_CODE; and
 * TITLE_MISSING, PERIOD_MISSING, JURISDICTION_MISSING.
 * Throws PlanInputError NO_HEADER when no sheet has a header.
 */
export const parseDivisionSheets = (
  sheets: readonly WorkbookSheet[],
  options: ParseOptions = {},
): ParseResult => {
  const headed = sheets.map((sheet) => ({ sheet, header: findHeader(sheet.rows) }));
  const first = headed.find((h) => h.header);
  if (!first?.header) throw new PlanInputError("NO_HEADER", headersFound(sheets));
  const warnings: ParseWarning[] = [];
  const title = titleAbove(first.sheet, first.header);
  if (!title) warnings.push({ code: "TITLE_MISSING", message: "表头上方没有分工表标题" });
  const period = periodOf(title);
  if (!period)
    warnings.push({ code: "PERIOD_MISSING", message: "未能从标题识别年度或规划期（如“2024年”）" });
  const jurisdictionName = jurisdictionFrom(title, "");
  if (!jurisdictionName)
    warnings.push({ code: "JURISDICTION_MISSING", message: "未能从标题识别所属地区" });

  const b = new NodeBuilder(warnings);
  const tasks: TaskRow[] = [];
  const asParts = headed.filter((h) => h.header).length > 1;
  for (const { sheet, header } of headed) {
    if (header) {
      tasks.push(...readSheet(b, sheet, header, asParts));
      continue;
    }
    const top = sheet.rows[0];
    if (top)
      warnings.push({
        code: "SHEET_WITHOUT_HEADER",
        message: `工作表“${sheet.name}”没有可识别的表头（第 ${top.row} 行：${headerTexts(top).join("、")}），未导入`,
        line: top.line,
      });
  }
  const dir: Directory = {
    entries: options.departments ?? DEFAULT_DEPARTMENTS,
    rules: options.rules ?? DEFAULT_KEYWORD_RULES,
  };
  const candidateTasks = tasks.map((t) => candidateOf(t, dir, period, warnings));
  // the node keeps what the task's description keeps (其他列, an unreadable 完成时限): a draft
  // task is made from the stored node
  tasks.forEach((t, i) => (t.node.body = candidateTasks[i]!.description));
  b.closeRanges();
  const count = (kind: NodeKind) => b.nodes.filter((n) => n.kind === kind).length;
  return {
    version: PARSE_RESULT_VERSION,
    kind: "division",
    title,
    jurisdictionName,
    period,
    preface: "",
    nodes: b.nodes,
    boxes: [],
    indicatorTables: [],
    tables: [],
    candidateTasks,
    warnings: warnings.sort((x, y) => (x.line ?? 0) - (y.line ?? 0)),
    stats: {
      lines: renderedLines(sheets),
      parts: count("part"),
      chapters: 0,
      sections: count("section"),
      subsections: count("subsection"),
      items: count("item"),
      boxes: 0,
      boxItems: 0,
      indicators: 0,
    },
  };
};

const NOT_TITLE = /^(?:附件|附表|填报|编制|制表|报送|单位[：:]|日期|时间[：:]|联系人|注[：:])/u;
const TITLE_WORD = /表|方案|清单|台账|计划|要点|任务|分工|意见|安排/u;

/**
 * The title written above a header: among the rows above it (one text each, 附件/填报/日期 lines
 * skipped), the first naming a 表/方案/清单/任务…, else the first; spaces removed. Null when none.
 */
export const titleAbove = (sheet: WorkbookSheet, header: Header): string | null => {
  const texts = sheet.rows
    .filter((r) => r.row < header.rows[0]!)
    .map((r) =>
      r.cells
        .filter((c) => c.masterRow === r.row && c.masterCol === c.col)
        .map((c) => c.text)
        .join(" "),
    )
    // a title wrapped in its cell: no space is left between Chinese characters
    .map((t) => t.replace(/(?<=[^\s -~])\s+|\s+(?=[^\s -~])/gu, "").trim())
    .filter((t) => t !== "" && !NOT_TITLE.test(t) && /[\u4e00-\u9fff]{4}/u.test(t));
  return texts.find((t) => TITLE_WORD.test(t)) ?? texts[0] ?? null;
};

/** `（2021—2025年）`, 十四五 (periodFrom), else one year written in the title (an annual 分工表). */
const periodOf = (title: string | null): { start: number; end: number } | null => {
  if (!title) return null;
  const range = periodFrom(title, "");
  if (range) return range;
  const year = /((?:19|20)\d{2})\s*年/u.exec(title);
  return year ? { start: Number(year[1]), end: Number(year[1]) } : null;
};

/** The refusal's detail: the first row of text in each sheet, as header cells. */
const headersFound = (sheets: readonly WorkbookSheet[]): string => {
  const found = sheets
    .filter((s) => s.rows.length > 0)
    .map((s) => {
      // the widest of the first rows: a title row above the header has one cell
      const rows = s.rows.slice(0, 10);
      const best = rows.reduce((a, r) => (headerTexts(r).length > headerTexts(a).length ? r : a));
      return `工作表“${s.name}”第 ${best.row} 行：${headerTexts(best).slice(0, 12).join(" | ")}`;
    });
  return found.length > 0
    ? `找到的表头 (headers found)：${found.join("；")}`
    : "工作簿是空的 (empty)";
};

/** Reads one headed sheet's rows into nodes; returns its task rows. */
const readSheet = (
  b: NodeBuilder,
  sheet: WorkbookSheet,
  header: Header,
  asPart: boolean,
): TaskRow[] => {
  const { columns } = header;
  const col = (role: Column["role"]) => columnOf(columns, role);
  const where = (row: number) => `工作表“${sheet.name}”第 ${row} 行`;
  const rows = sheet.rows.filter((r) => r.row > header.rows[header.rows.length - 1]!);
  b.reset();
  const headerLine = sheet.rows.find((r) => r.row === header.rows[0])!.line;
  if (asPart) b.open(0, sheet.name, titleAbove(sheet, header) ?? sheet.name, headerLine);
  const leadColumn = col("lead") !== undefined || col("responsible") !== undefined;
  if (!leadColumn)
    b.warnings.push({
      code: "DIVISION_NO_LEAD_COLUMN",
      message: `工作表“${sheet.name}”的表头没有“牵头单位”或“责任单位”列，牵头单位按关键词建议`,
      line: headerLine,
    });

  // unnumbered section rows sit under 一、 rows when the sheet has them; group columns below all
  const sections = rows.map((r) =>
    readNoteRow(r, col("measure") ?? col("task")) ? null : readSectionRow(r, columns),
  );
  const hasNumbered = sections.some((s) => s !== "blank" && s?.level === 1);
  const unnumbered = hasNumbered ? 2 : 1;
  const deepest = Math.max(
    0,
    ...sections.map((s) => (s && s !== "blank" ? (s.level ?? unnumbered) : 0)),
  );
  const taskGroups = taskColumnGroups(rows, columns);
  const groups = columns.filter((c) => c.role === "category" || (taskGroups && c.role === "task"));
  const textCol = col("measure") ?? col("task");
  const titleCol = taskGroups || col("measure") === undefined ? undefined : col("task");
  const groupCols = new Set(groups.map((g) => g.col));
  const headerRoles = columns.map((c) => c.role).join();
  const groupText = new Map<number, string>();
  const tasks: TaskRow[] = [];
  let previous: TaskRow | null = null;
  // units written on section rows, by level: for the tasks under them that name none
  let inherited: ({ units: SectionUnits; where: string } | undefined)[] = [];

  rows.forEach((row, index) => {
    const cells = rowCells(row);
    const repeated = findHeader([row]);
    if (repeated && repeated.columns.map((c) => c.role).join() === headerRoles) return;
    const note = readNoteRow(row, textCol);
    if (note) {
      b.warnings.push({
        code: "DIVISION_NOTE",
        message: `${where(row.row)}“${note.slice(0, 30)}”是说明而不是任务，未导入`,
        line: row.line,
      });
      return;
    }
    const section = sections[index];
    if (section === "blank") return;
    if (section) {
      const level = section.level ?? unnumbered;
      b.open(level, section.number, section.title, row.line);
      groupText.clear();
      previous = null;
      inherited = inherited.slice(0, level);
      if (section.units) {
        inherited[level] = { units: section.units, where: where(row.row) };
        b.warnings.push({
          code: "DIVISION_SECTION_UNITS",
          message: `${where(row.row)}是类别行“${section.title.slice(0, 20)}”，其单位（${Object.values(section.units).join("、").slice(0, 40)}）用于其下未写单位的任务`,
          line: row.line,
        });
      }
      return;
    }
    groups.forEach((g, i) => {
      const t = cells.at(g.col)?.text ?? "";
      // blank under a group is the same group: offices often write it once without merging
      if (t === "" || t === groupText.get(g.col)) return;
      groupText.set(g.col, t);
      for (const later of groups.slice(i + 1)) groupText.delete(later.col);
      const numbering = sectionNumbering(t);
      b.open(deepest + 1 + i, numbering?.number ?? null, numbering?.title ?? t, row.line);
      previous = null;
    });
    const ownTitle = titleCol === undefined ? "" : cells.own(titleCol);
    const text = cells.at(textCol)?.text || ownTitle;
    const units = {
      lead: cells.own(col("lead")),
      support: cells.own(col("support")),
      responsible: cells.own(col("responsible")),
      leader: cells.own(col("leader")),
      deadline: cells.own(col("deadline")),
    };
    const date = cells.own(col("deadline")) ? cells.at(col("deadline"))?.date : undefined;
    if (text !== "" && cells.continued(textCol) && previous) {
      // the task's text is merged over this row too: the row adds units or a deadline to it
      addUnits(previous, units, date);
      previous.node.lineEnd = row.line;
      return;
    }
    if (text === "") {
      const leftover = row.cells.filter(
        (c) => c.masterRow === row.row && c.masterCol === c.col && !groupCols.has(c.col),
      );
      if (leftover.length > 0)
        b.warnings.push({
          code: "DIVISION_ROW_WITHOUT_TASK",
          message: `${where(row.row)}有内容（${leftover.map((c) => c.text.slice(0, 20)).join("、")}）但没有任务内容，未导入`,
          line: row.line,
        });
      return;
    }
    const written = cells.own(col("number")).replace(/[、.．\s]+$/u, "");
    const numbered = /^(\d{1,3})\s*[.．、](?!\d)\s*/u.exec(text);
    const number = written || numbered?.[1] || String(tasks.length + 1);
    const body = text;
    // a cell typed over several lines (Alt+Enter) is one sentence: its title is not cut at the break
    const title =
      oneLine(ownTitle) || headOf(oneLine(numbered ? text.slice(numbered[0].length) : text));
    const extras = columns
      .filter((c) => c.role === "extra" && !groupCols.has(c.col))
      .map((c) => [c.header, cells.own(c.col)] as const)
      .filter(([, v]) => v !== "")
      .map(([h, v]) => `${h}：${v}`);
    const node = b.add("item", b.parentAt(), number, title, body, row.line);
    const task: TaskRow = {
      node,
      where: where(row.row),
      title,
      body,
      extras,
      lead: [],
      support: [],
      responsible: [],
      leaders: [],
      deadlines: [],
      leadColumn,
    };
    addUnits(task, units, date);
    const from = inherited.findLast((i) => i !== undefined);
    if (from && units.lead === "" && units.responsible === "") {
      const { lead = "", responsible = "", support = "", deadline = "" } = from.units;
      addUnits(
        task,
        {
          lead,
          responsible,
          support: units.support === "" ? support : "",
          leader: "",
          deadline: units.deadline === "" ? deadline : "",
        },
        undefined,
      );
      task.inheritedFrom = from.where;
    }
    tasks.push(task);
    previous = task;
  });
  return tasks;
};
