// Tables inside the line walk: indicator tables (rows parsed into values, continued after
// interruptions when the row numbering continues) and other captioned tables (kept as cells).
import type { Drafts, IndicatorDraft, NodeDraft, TableDraft } from "./drafts.ts";
import { matchBox, matchHeading, matchTableCaption } from "./headings.ts";
import { isHeaderContinuation, parseHeader, parseRow, type Columns } from "./indicator-rows.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import type { Piece } from "./text-map.ts";
import { cleanInline, endsWithPunctuation, maxOf } from "./text.ts";

const CONTINUATION_WINDOW = 240;
const ROW_START = /^\d{1,3}\s/u;

export class TableReader {
  private open: IndicatorDraft | null = null;
  private openAt = 0;
  private generic: TableDraft | null = null;

  constructor(
    private readonly d: Drafts,
    private readonly lines: readonly SourceLine[],
  ) {}

  /** An indicator table header at line i (or a caption followed by one)? Returns lines consumed. */
  startIndicator(i: number, caption: string | null, node: NodeDraft | null, body: Piece[]): number {
    const first = this.lines[i];
    if (!first || first.text.length > 160) return 0;
    const headerAt = caption ? i + 1 : i;
    const header = this.readHeader(headerAt);
    if (!header) return 0;
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
      lineEnd: this.lines[headerAt + header.used - 1]?.no ?? first.no,
      expectedNext: 1,
      category: null,
    };
    this.d.indicators.push(table);
    this.open = table;
    const end = headerAt + header.used;
    const taken = this.readRows(end, table, false);
    if (table.rows.length === 0)
      this.d.warnings.push({
        code: "EMPTY_INDICATOR_TABLE",
        message: `指标表“${title ?? header.columns.headers.join(" ")}”没有可识别的数据行`,
        line: first.no,
      });
    return end - i + taken;
  }

  /** Rows of the last indicator table that resume after prose or a page break. */
  continueIndicator(i: number): number {
    const t = this.open;
    const line = this.lines[i];
    if (!t || !line || i - this.openAt > CONTINUATION_WINDOW || !ROW_START.test(line.text))
      return 0;
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
      line.text
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

  private readHeader(at: number): { columns: Columns; used: number } | null {
    const l0 = this.lines[at];
    if (!l0 || !/指标|名称/u.test(l0.text)) return null;
    let text = l0.text;
    let used = 1;
    let columns = parseHeader(text);
    while (!columns && used < 3 && l0.width <= 30) {
      const next = this.lines[at + used];
      if (!next || !isHeaderContinuation(next.text)) break;
      text += ` ${next.text}`;
      used++;
      columns = parseHeader(text);
    }
    if (!columns) return null;
    while (used < 4) {
      const next = this.lines[at + used];
      if (!next || !isHeaderContinuation(next.text)) break;
      const wider = parseHeader(`${text} ${next.text}`);
      if (!wider) break;
      text += ` ${next.text}`;
      columns = wider;
      used++;
    }
    return { columns, used };
  }

  private readRows(start: number, t: IndicatorDraft, strict: boolean): number {
    let j = start;
    while (j < this.lines.length) {
      const l = this.lines[j] as SourceLine;
      if (isPageNumber(l.text) && !ROW_START.test(l.text)) {
        if (this.rowAt(j + 1, t, strict)) {
          j++;
          continue;
        }
        break;
      }
      if (matchHeading(l.text) || matchBox(l.text) || matchTableCaption(l.text)) break;
      const row = this.rowAt(j, t, strict);
      if (row) {
        j += row;
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
      if (l.width <= 30 && !endsWithPunctuation(l.text) && this.rowAt(j + 1, t, false, true)) {
        this.d.warnings.push({
          code: "UNKNOWN_TABLE_ROW",
          message: `指标表中第 ${l.no} 行“${l.text}”无法识别为指标行，已忽略`,
          line: l.no,
        });
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

  /** Parse a row starting at line j (joining up to three lines); returns lines used, or 0. */
  private rowAt(j: number, t: IndicatorDraft, strict: boolean, dryRun = false): number {
    const first = this.lines[j];
    if (!first || first.text.length > 300) return 0;
    const numbered = ROW_START.test(first.text) || /^\d{1,3}$/u.test(first.text);
    if (strict && !numbered) return 0;
    let text = first.text;
    for (let used = 1; used <= 3; used++) {
      if (used > 1) {
        const next = this.lines[j + used - 1];
        if (
          !next ||
          (ROW_START.test(next.text) && Number(/^\d+/u.exec(next.text)?.[0]) === t.expectedNext + 1)
        )
          return 0;
        if (matchHeading(next.text) || endsWithPunctuation(next.text)) return 0;
        text += ` ${next.text}`;
      }
      const row = parseRow(text, t.columns);
      if (!row) continue;
      if (row.numbered && (row.number < t.expectedNext || row.number > t.expectedNext + 3))
        return 0;
      if (strict && row.number !== t.expectedNext) return 0;
      if (dryRun) return used;
      if (!row.numbered) {
        row.number = t.expectedNext;
        this.d.warnings.push({
          code: "MISSING_ROW_NUMBER",
          message: `指标表第 ${first.no} 行“${row.name}”缺少序号，按顺序视为第 ${row.number} 行`,
          line: first.no,
        });
      }
      const { numbered: _numbered, ...rest } = row;
      t.rows.push({ ...rest, category: row.category ?? t.category, line: first.no });
      if (row.category) t.category = row.category;
      t.expectedNext = row.number + 1;
      return used;
    }
    return 0;
  }
}

const isTitleLike = (text: string): boolean =>
  text.length <= 60 &&
  !endsWithPunctuation(text) &&
  /指标|目标|表|一览/u.test(text) &&
  !matchHeading(text);
