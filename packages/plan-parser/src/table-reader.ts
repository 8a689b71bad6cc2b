// Tables inside the line walk: indicator tables (rows parsed into values, continued after
// interruptions when the row numbering continues) and other captioned tables (kept as cells).
import type { Drafts, IndicatorDraft, NodeDraft, TableDraft } from "./drafts.ts";
import { matchBox, matchHeading, matchTableCaption } from "./headings.ts";
import { columnRole } from "./indicator-header.ts";
import { parseCells, parseRow, type ParsedRow } from "./indicator-rows.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import {
  appendToName,
  CATEGORY_ROW,
  CONTINUED_CAPTION,
  fitCells,
  isNameFragment,
  prependToName,
  readCellLineRow,
  readIndicatorHeader,
  sameHeader,
} from "./table-lines.ts";
import type { Piece } from "./text-map.ts";
import { cleanInline, endsWithPunctuation, maxOf, truncate } from "./text.ts";

const CONTINUATION_WINDOW = 240;
const ROW_START = /^\d{1,3}\s/u;
export class TableReader {
  private open: IndicatorDraft | null = null;
  private openAt = 0;
  private generic: TableDraft | null = null;
  /** A category row was just read: the next row may restart its numbering at 1. */
  private afterCategory = false;
  private extent = { from: -1, end: -1 };

  constructor(
    private readonly d: Drafts,
    private readonly lines: readonly SourceLine[],
  ) {}

  /** An indicator table header at line i (or a caption followed by one)? Returns lines consumed. */
  startIndicator(i: number, caption: string | null, node: NodeDraft | null, body: Piece[]): number {
    const first = this.lines[i];
    if (!first || first.text.length > 160) return 0;
    // "表1 主要指标" then "单位：万元、%": the unit note sits between caption and header.
    const unitNote = caption !== null && /^(?:计量)?单位[：:]/u.test(this.lines[i + 1]?.text ?? "");
    const headerAt = caption ? i + (unitNote ? 2 : 1) : i;
    const header = readIndicatorHeader(this.lines, headerAt);
    if (!header) {
      if (!caption) this.warnUnreadHeader(i);
      return 0;
    }
    const end = headerAt + header.used;
    // The same header again soon after the open table (a page break, 续表): the table goes on.
    const open = this.open;
    if (
      open &&
      sameHeader(open.columns, header.columns) &&
      (i - this.openAt <= 40 || (caption !== null && CONTINUED_CAPTION.test(caption))) &&
      this.rowAt(end, open, false, true) > 0
    ) {
      return end - i + this.readRows(end, open, false);
    }
    let title = caption;
    let lineStart = first.no;
    if (!title) {
      const prev = body[body.length - 1];
      if (prev && isTitleLike(prev.text) && prev.no === this.lines[i - 1]?.no) {
        body.pop();
        title = cleanInline(prev.text);
        lineStart = prev.no;
      }
    }
    const table: IndicatorDraft = {
      title,
      node,
      columns: header.columns,
      rows: [],
      lineStart,
      lineEnd: this.lines[end - 1]?.no ?? first.no,
      expectedNext: 1,
      category: null,
    };
    this.d.indicators.push(table);
    this.open = table;
    this.afterCategory = false;
    const taken = this.readRows(end, table, false);
    if (table.rows.length === 0) {
      const last = this.lines[this.tableLikeEnd(end) - 1]?.no ?? first.no;
      const name = title ?? header.columns.headers.join(" ");
      this.d.warnings.push({
        code: "EMPTY_INDICATOR_TABLE",
        message:
          `指标表“${name}”（第 ${lineStart}–${last} 行）没有可识别的数据行，请人工录入 / ` +
          `no indicator row could be read from this table (lines ${lineStart}–${last})`,
        line: first.no,
      });
    }
    return end - i + taken;
  }

  /** Rows of the last indicator table that resume after prose or a page break. */
  continueIndicator(i: number): number {
    const t = this.open;
    const line = this.lines[i];
    if (!t || !line || i - this.openAt > CONTINUATION_WINDOW) return 0;
    const cellStart = t.columns.cellLines && /^\d{1,3}$/u.test(line.text);
    if (!ROW_START.test(line.text) && !cellStart) return 0;
    if (Number(/^\d+/u.exec(line.text)?.[0]) !== t.expectedNext) return 0;
    const from = t.expectedNext;
    const taken = this.readRows(i, t, true);
    if (taken > 0) {
      this.d.warnings.push({
        code: "TABLE_CONTINUED",
        message: `指标表“${t.title ?? "主要指标"}”被正文隔开，第 ${from} 行起在第 ${line.no} 行续接`,
        line: line.no,
      });
    }
    return taken;
  }

  startGeneric(title: string, no: number, node: NodeDraft | null): void {
    this.closeGeneric();
    this.generic = { title, node, rows: [], lineStart: no, lineEnd: no };
    this.d.tables.push(this.generic);
  }

  takeGeneric(line: SourceLine): boolean {
    if (!this.generic) return false;
    this.generic.rows.push(
      line.cells
        ? line.cells.map((c) => cleanInline(c))
        : line.text
            .split(" ")
            .map((c) => cleanInline(c))
            .filter((c) => c !== ""),
    );
    this.generic.lineEnd = line.no;
    return true;
  }

  closeGeneric(): void {
    const g = this.generic;
    if (!g) return;
    this.generic = null;
    if (g.rows.some((r) => r.length <= 1)) {
      this.d.warnings.push({
        code: "TABLE_UNSTRUCTURED",
        message: `表格“${g.title}”的单元格在文本提取时被打散，已按原始行保留（${g.rows.length} 行）`,
        line: g.lineStart,
      });
    }
  }

  finish(): void {
    this.closeGeneric();
    for (const t of this.d.indicators) {
      const numbers = t.rows.map((r) => r.number);
      const present = new Set(numbers);
      for (let n = 1; n < maxOf(0, numbers); n++) {
        if (!present.has(n))
          this.d.warnings.push({
            code: "MISSING_TABLE_ROW",
            message: `指标表“${t.title ?? "主要指标"}”缺少序号为 ${n} 的行`,
            line: t.lineStart,
          });
      }
    }
  }

  /**
   * A line that reads like a table header (three or more cells naming columns: 序号, 指标, 单位,
   * 属性, 基期, 目标, years) that no layout could read: a warning naming its lines, never a silent
   * drop. A header of years by row (年份 | 指标A | 指标B: one row per year) is warned as transposed.
   */
  private warnUnreadHeader(i: number): void {
    const l = this.lines[i];
    if (
      !l ||
      l.width > 80 ||
      !/指标|名称|项目|年份|年度/u.test(l.text) ||
      /[。；;，,]/u.test(l.text)
    )
      return;
    const cells = l.cells ?? l.text.replace(/((?:19|20)\d{2})\s+(年)/gu, "$1$2").split(" ");
    if (cells.length < 3 || cells.length > 16) return;
    const next = this.lines[i + 1]?.text ?? "";
    if (
      /^(?:年份|年度|年)$/u.test(cells[0]?.trim() ?? "") &&
      !/\d/u.test(cells[1] ?? "") &&
      /^(?:19|20)\d{2}(?:年)?(?:\s|$)/u.test(next)
    ) {
      this.d.warnings.push({
        code: "TRANSPOSED_INDICATOR_TABLE",
        message:
          `第 ${l.no}–${this.lines[this.tableLikeEnd(i + 1) - 1]?.no ?? l.no} 行的表格每行一年，` +
          `未读取为指标，请人工录入 / a table with one row per year was not read as indicators`,
        line: l.no,
      });
      return;
    }
    // A 分工表 header (序号 重点任务 牵头单位 配合单位 完成时限) names no indicator or value column.
    const roles = cells.map((c) => columnRole(c));
    const known = roles.filter((r) => r !== null).length;
    const strong =
      roles.includes("name") && roles.some((r) => r === "value" || r === "unit" || r === "nature");
    if (!strong || known < 3 || known * 2 < cells.length) return;
    const last = this.tableLikeEnd(i + 1);
    this.d.warnings.push({
      code: "EMPTY_INDICATOR_TABLE",
      message:
        `第 ${l.no}–${this.lines[last - 1]?.no ?? l.no} 行像是指标表（表头“${cleanInline(l.text)}”），` +
        `但无法按列读取，内容留在正文中，请人工录入 / ` +
        `this looks like an indicator table but its columns could not be read`,
      line: l.no,
    });
  }

  /** Index after the short, unpunctuated lines that follow a header (the table's extent). */
  private tableLikeEnd(from: number): number {
    // A run of header-like lines asks for the same extent again and again: answer from the last
    // scan so a pathological document stays linear.
    if (from > this.extent.from && from < this.extent.end) return this.extent.end;
    const end = this.scanExtent(from);
    this.extent = { from, end };
    return end;
  }

  private scanExtent(from: number): number {
    let k = from;
    while (k < this.lines.length && k - from < 200) {
      const l = this.lines[k] as SourceLine;
      if (l.width > 60 || /[。；;]$/u.test(l.text) || matchBox(l.text) || matchTableCaption(l.text))
        break;
      const h = matchHeading(l.text);
      if (h && h.kind !== "item") break;
      k++;
    }
    return Math.max(k, from);
  }

  /** Page-break furniture at j: page numbers, `续表`, the header repeated. Lines it takes. */
  private furnitureAt(j: number, t: IndicatorDraft): number {
    let k = j;
    while (k < this.lines.length && k - j < 20) {
      const l = this.lines[k] as SourceLine;
      if (isPageNumber(l.text) && !ROW_START.test(l.text)) {
        k++;
        continue;
      }
      if (CONTINUED_CAPTION.test(l.text)) {
        k++;
        continue;
      }
      const h = readIndicatorHeader(this.lines, k);
      if (h && sameHeader(t.columns, h.columns)) {
        k += h.used;
        continue;
      }
      break;
    }
    return k - j;
  }

  /** `一、资源利用` (or a cell row with one label and no values) followed by a row: a group label. */
  private categoryAt(j: number, t: IndicatorDraft): string | null {
    const l = this.lines[j];
    if (!l || l.width > 26) return null;
    let label: string | null = null;
    const filled = l.cells?.filter((c) => c.trim() !== "") ?? [];
    if (l.cells && filled.length === 1 && !/\d/u.test(filled[0] ?? ""))
      label = cleanInline(filled[0] ?? "");
    else if (CATEGORY_ROW.test(l.text) && !endsWithPunctuation(l.text))
      label = cleanInline(CATEGORY_ROW.exec(l.text)?.[1] ?? l.text);
    else if (
      t.columns.tabbed &&
      !l.cells &&
      l.width <= 20 &&
      !/\d/u.test(l.text) &&
      !endsWithPunctuation(l.text)
    )
      label = cleanInline(l.text);
    if (!label) return null;
    label = cleanInline(CATEGORY_ROW.exec(label)?.[1] ?? label);
    const before = this.afterCategory;
    this.afterCategory = true;
    const next = this.rowAt(j + 1, t, false, true);
    this.afterCategory = before;
    return next > 0 ? label : null;
  }

  private readRows(start: number, t: IndicatorDraft, strict: boolean): number {
    let j = start;
    let lastRowEnd = -1;
    while (j < this.lines.length) {
      const l = this.lines[j] as SourceLine;
      // Known cells come first: a 序号 cell `1.` or `5` must not read as a heading or a page number.
      if (t.columns.cellLines || l.cells) {
        const row = this.rowAt(j, t, strict);
        if (row) {
          j += row;
          lastRowEnd = j;
          continue;
        }
      }
      const furniture = this.furnitureAt(j, t);
      if (furniture > 0) {
        if (this.rowAt(j + furniture, t, strict, true) || this.categoryAt(j + furniture, t)) {
          j += furniture;
          continue;
        }
        break;
      }
      if (!strict) {
        const category = this.categoryAt(j, t);
        if (category) {
          t.category = category;
          this.afterCategory = true;
          j++;
          continue;
        }
      }
      if (matchHeading(l.text) || matchBox(l.text) || matchTableCaption(l.text)) break;
      const row = this.rowAt(j, t, strict);
      if (row) {
        j += row;
        lastRowEnd = j;
        continue;
      }
      if (strict) break;
      if (
        t.columns.category &&
        l.width <= 10 &&
        !/\d/u.test(l.text) &&
        !endsWithPunctuation(l.text)
      ) {
        t.category = cleanInline(l.text);
        j++;
        continue;
      }
      if (
        !t.columns.tabbed &&
        isNameFragment(l) &&
        lastRowEnd === j &&
        this.endsRowGroup(j + 1, t)
      ) {
        // "1 规模以上工业企业研发 % 30 50" then "机构覆盖率": the name cell wrapped below the row.
        appendToName(t.rows[t.rows.length - 1], l.text);
        t.lineEnd = l.no;
        lastRowEnd = j + 1;
        j++;
        continue;
      }
      if (l.width <= 30 && !endsWithPunctuation(l.text) && this.rowAt(j + 1, t, false, true)) {
        if (!t.columns.tabbed && isNameFragment(l) && lastRowEnd !== j) {
          // "规模以上工业企业" then "1 研发机构覆盖率 % 30 50": the name cell began above the row.
          const used = this.rowAt(j + 1, t, false);
          prependToName(t.rows[t.rows.length - 1], l.text);
          j += 1 + used;
          lastRowEnd = j;
          continue;
        }
        this.d.warnings.push({
          code: "UNKNOWN_TABLE_ROW",
          message: `指标表中第 ${l.no} 行“${l.text}”无法识别为指标行，已忽略`,
          line: l.no,
        });
        j++;
        continue;
      }
      if (this.skipUnreadableRow(j, t)) {
        j++;
        continue;
      }
      break;
    }
    if (j > start) {
      this.openAt = j;
      t.lineEnd = this.lines[j - 1]?.no ?? t.lineEnd;
    }
    return j - start;
  }

  /**
   * A line numbered as the next row that reads as no row (`3 某指标 详见附件 …`), followed by the
   * row after it: warned and skipped, so the rows after it are not lost to the body text.
   */
  private skipUnreadableRow(j: number, t: IndicatorDraft): boolean {
    const l = this.lines[j];
    if (!l || !ROW_START.test(l.text) || l.text.length > 300) return false;
    const n = Number(/^\d+/u.exec(l.text)?.[0]);
    if (n !== t.expectedNext) return false;
    t.expectedNext = n + 1;
    if (this.rowAt(j + 1, t, false, true) > 0) {
      this.d.warnings.push({
        code: "UNKNOWN_TABLE_ROW",
        message:
          `指标表第 ${n} 行（第 ${l.no} 行“${truncate(l.text, 40)}”）无法识别，已跳过，` +
          `请人工录入 / row ${n} could not be read and was skipped`,
        line: l.no,
      });
      return true;
    }
    t.expectedNext = n;
    return false;
  }

  /** After a wrapped name tail: another row, page furniture, or nothing more. */
  private endsRowGroup(j: number, t: IndicatorDraft): boolean {
    if (j >= this.lines.length) return true;
    return this.rowAt(j, t, false, true) > 0 || this.furnitureAt(j, t) > 0;
  }

  /** Parse a row starting at line j; returns lines used, or 0. */
  private rowAt(j: number, t: IndicatorDraft, strict: boolean, dryRun = false): number {
    const first = this.lines[j];
    if (!first || first.text.length > 300) return 0;
    const numbered = ROW_START.test(first.text) || /^\d{1,3}$/u.test(first.text);
    if (strict && !numbered) return 0;
    if (t.columns.cellLines) {
      const got = readCellLineRow(this.lines, j, t.columns);
      if (got && this.accepts(got.row, t, strict)) {
        if (!dryRun) this.push(got.row, t, first);
        return got.used;
      }
    }
    for (const cells of first.cells ? fitCells(first.cells, t.columns.list.length) : []) {
      const row = parseCells(cells, t.columns);
      if (row && this.accepts(row, t, strict)) {
        if (!dryRun) this.push(row, t, first);
        return 1;
      }
    }
    let text = first.text;
    for (let used = 1; used <= 3; used++) {
      if (used > 1) {
        const next = this.lines[j + used - 1];
        if (
          !next ||
          (ROW_START.test(next.text) &&
            Number(/^\d+/u.exec(next.text)?.[0]) >= t.expectedNext &&
            Number(/^\d+/u.exec(next.text)?.[0]) <= t.expectedNext + 1)
        )
          return 0;
        if (matchHeading(next.text) || endsWithPunctuation(next.text)) return 0;
        text += ` ${next.text}`;
      }
      const row = parseRow(text, t.columns);
      if (!row) continue;
      if (!this.accepts(row, t, strict)) return 0;
      if (dryRun) return used;
      this.push(row, t, first);
      return used;
    }
    return 0;
  }

  /** The row's number fits the table's numbering (or restarts at 1 after a category row). */
  private accepts(row: ParsedRow, t: IndicatorDraft, strict: boolean): boolean {
    const restart = this.afterCategory && row.number === 1;
    if (
      row.numbered &&
      !restart &&
      (row.number < t.expectedNext || row.number > t.expectedNext + 3)
    )
      return false;
    return !(strict && row.number !== t.expectedNext);
  }

  private push(row: ParsedRow, t: IndicatorDraft, first: SourceLine): void {
    if (!row.numbered) {
      row.number = t.expectedNext;
      if (t.columns.list.some((c) => c.role === "serial"))
        this.d.warnings.push({
          code: "MISSING_ROW_NUMBER",
          message: `指标表第 ${first.no} 行“${row.name}”缺少序号，按顺序视为第 ${row.number} 行`,
          line: first.no,
        });
    }
    if (row.cellsMissing)
      this.d.warnings.push({
        code: "TABLE_CELLS_MISSING",
        message:
          `指标表第 ${first.no} 行“${row.name}”的数值少于表头的数值列，` +
          `已按基期、目标、其他列的顺序填入，请核对 / ` +
          `fewer values than value columns: placed as baseline, target, then the others`,
        line: first.no,
      });
    const { numbered: _numbered, cellsMissing: _missing, ...rest } = row;
    t.rows.push({ ...rest, category: row.category ?? t.category, line: first.no });
    if (row.category) t.category = row.category;
    t.expectedNext = row.number + 1;
    this.afterCategory = false;
  }
}

const isTitleLike = (text: string): boolean =>
  text.length <= 60 &&
  !endsWithPunctuation(text) &&
  /指标|目标|表|一览/u.test(text) &&
  !matchHeading(text);
