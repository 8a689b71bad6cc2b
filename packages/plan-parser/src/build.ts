// One pass over the source lines: headings, 专栏, tables and body text go where they belong.
// Decisions that need context (numbering sequence, open tables, box scope) live here;
// recognising a single line is headings.ts's job.
import { BoxReader } from "./box-reader.ts";
import { readTextDivisionTable } from "./division-text-table.ts";
import type { Drafts, NodeDraft } from "./drafts.ts";
import { findFigureLines } from "./figures.ts";
import {
  headingLabel,
  isPrefaceHeading,
  LEVEL,
  matchBox,
  matchHeading,
  matchTableCaption,
  type HeadingMatch,
} from "./headings.ts";
import { isPageNumber, typicalWidth, type SourceLine } from "./lines.ts";
import { previousEmptyLeaf } from "./repair.ts";
import { findRunningHeaders } from "./running-headers.ts";
import { readIndicatorHeader } from "./table-lines.ts";
import { TableReader } from "./table-reader.ts";
import { endsSentence, hasPunctuation } from "./text.ts";
import { findTitleBlock } from "./title-block.ts";
import { findTableOfContents } from "./toc.ts";

/** A unit annotation on an item's line (`（牵头单位：…）`, `县科技局牵头`): the line is a task. */
const NAMES_UNITS = /牵头|牽頭|责任单位|責任單位|配合单位|配合單位|主责单位/u;

/**
 * `division`: the document is a task-division document (kind.ts), where an item whose line names
 * its units is a task even when its number breaks the sequence (a typo, a duplicated number).
 */
export const buildDrafts = (
  lines: readonly SourceLine[],
  options: { division?: boolean } = {},
): Drafts => {
  const d: Drafts = {
    titleLine: null,
    preface: [],
    prefaceLabelled: false,
    nodes: [],
    boxes: [],
    indicators: [],
    tables: [],
    warnings: [],
    typicalWidth: typicalWidth(lines),
    lastLine: lines[lines.length - 1]?.no ?? 0,
  };
  const skip = new Set<number>();
  // page chrome, 文号 and a 印发通知 are set aside with the title (title-block.ts)
  const titleBlock = findTitleBlock(lines);
  if (titleBlock?.title) {
    d.titleLine = {
      title: titleBlock.title,
      lines: titleBlock.lineIndexes.map((i) => lines[i]?.no ?? 0),
    };
  }
  // An indicator table right under the title is a table, not part of the title block.
  const blockLines = titleBlock?.lineIndexes ?? [];
  const tableAt = blockLines.find((i) => readIndicatorHeader(lines, i) !== null);
  for (const i of blockLines) {
    const tableLine =
      tableAt !== undefined &&
      i >= tableAt - 1 &&
      (i >= tableAt || matchTableCaption(lines[i]?.text ?? "") !== null);
    if (!tableLine) skip.add(i);
  }
  d.warnings.push(...(titleBlock?.warnings ?? []));
  // the title or a 公报 line printed on every page, between the pages' text
  const running = findRunningHeaders(
    lines,
    titleBlock?.title ?? null,
    blockLines.length > 0 ? Math.max(...blockLines) + 1 : 0,
  );
  for (const i of running.indexes) skip.add(i);
  if (running.warning) d.warnings.push(running.warning);
  d.issuer = titleBlock?.issuer ?? null;
  const toc = findTableOfContents(lines);
  for (const i of toc?.indexes ?? []) skip.add(i);
  if (toc) d.warnings.push(toc.warning);
  for (const f of findFigureLines(lines)) {
    for (const i of f.indexes) skip.add(i);
    d.warnings.push({
      code: "FIGURE_REMOVED",
      message: `图“${f.caption}”及其图中文字（${f.indexes.length} 行）无法转为文本，已从正文移除`,
      line: f.line,
    });
  }

  const stack: NodeDraft[] = [];
  const tables = new TableReader(d, lines);
  const boxes = new BoxReader(d);
  let seq = 0;
  let chapterCount = 0;
  let partCount = 0;
  let started = false;
  /** lines of a 分工表-like run that gave no table: not tried again from each of its lines */
  let noTableBefore = 0;

  const top = (): NodeDraft | null => stack[stack.length - 1] ?? null;
  const sinkBody = () => (started ? (top()?.body ?? d.preface) : d.preface);
  const lastValue = new Map<NodeDraft | null, Map<string, number>>();
  /** the last accepted heading of each kind, for numbering that runs through the document */
  const lastOfKind = new Map<string, NodeDraft>();

  const parentIndex = (h: HeadingMatch): number => {
    let i = stack.length - 1;
    while (i >= 0 && LEVEL[(stack[i] as NodeDraft).kind] >= LEVEL[h.kind]) i--;
    return i;
  };

  /** Numbering must continue the siblings' sequence; one missing number is tolerated for clean short titles. */
  const fits = (h: HeadingMatch): "yes" | "gap" | "jump" | "no" => {
    if (h.kind === "part" || h.kind === "chapter") return "yes";
    const parent = stack[parentIndex(h)] ?? null;
    const last = lastValue.get(parent)?.get(h.kind) ?? 0;
    if (h.value === last + 1) return "yes";
    if (last === 0 && runsOn(h, parent)) return "yes";
    const strong = !h.inlineBody && h.title.length <= 25 && !hasPunctuation(h.title);
    if (h.value === last + 2 && strong) return "gap";
    if (options.division && h.kind === "item" && NAMES_UNITS.test(`${h.title}${h.inlineBody}`))
      return "jump";
    return "no";
  };

  /**
   * Numbering that runs through the document (分工方案: `（一）… 1. 2. 3.` then `（二）… 4. 5.`):
   * the first item under a new parent may continue the previous item under an earlier parent
   * (`（二）` then `4.`; `二、保障措施` then `5.`; `二、主要目标 1. 2.` then `三、（一）3.`). Only for the first one: after it, the parent's own sequence applies.
   */
  const runsOn = (h: HeadingMatch, parent: NodeDraft | null): boolean => {
    const prev = lastOfKind.get(h.kind);
    if (!prev || !prev.parent || !parent || prev.parent === parent) return false;
    if (h.value !== prev.value + 1 || h.value <= 1) return false;
    // the new parent comes after the previous item's parent: never one of its ancestors
    for (let a: NodeDraft | null = prev.parent; a; a = a.parent) if (a === parent) return false;
    return true;
  };

  const accept = (h: HeadingMatch, lineNo: number): NodeDraft | null => {
    const verdict = fits(h);
    if (verdict === "no") return null;
    const pi = parentIndex(h);
    const parent = stack[pi] ?? null;
    stack.length = pi + 1;
    if (verdict === "jump")
      d.warnings.push({
        code: "NUMBER_GAP",
        message: `第 ${lineNo} 行条目“${headingLabel(h.kind, h.number, h.title)}”的编号与上一条不连续，因写明了责任单位，仍作为单独的任务`,
        line: lineNo,
      });
    if (verdict === "gap")
      d.warnings.push({
        code: "NUMBER_GAP",
        message: `标题“${headingLabel(h.kind, h.number, h.title)}”前缺少编号为 ${h.value - 1} 的同级标题`,
      });
    if (h.kind === "part" || h.kind === "chapter") {
      const prev = h.kind === "part" ? partCount : chapterCount;
      if (h.value !== prev + 1)
        d.warnings.push({
          code: "NUMBER_GAP",
          message: `“${h.number}”的编号不连续（上一个为第 ${prev} ${h.kind === "part" ? "部分" : "章"}）`,
        });
      if (h.kind === "part") partCount = h.value;
      else chapterCount = h.value;
    }
    const node: NodeDraft = {
      seq: seq++,
      kind: h.kind,
      number: h.number,
      value: h.value,
      title: h.title,
      parent,
      children: [],
      boxes: [],
      line: 0,
      titleEnd: 0,
      body: [],
    };
    if (parent) parent.children.push(node);
    d.nodes.push(node);
    const values = lastValue.get(parent) ?? new Map<string, number>();
    values.set(h.kind, h.value);
    lastValue.set(parent, values);
    lastOfKind.set(h.kind, node);
    return node;
  };

  for (let i = 0; i < lines.length; i++) {
    if (skip.has(i)) continue;
    const line = lines[i] as SourceLine;
    const text = line.text;
    // a 分工表 in the text (a Word table's rows, cells split by TAB): its rows are tasks
    if (options.division && line.cells && i >= noTableBefore) {
      const table = readTextDivisionTable(lines, i, skip);
      if (table && "failedEnd" in table) noTableBefore = table.failedEnd;
      else if (table) {
        boxes.close();
        tables.closeGeneric();
        started = true;
        (d.divisionTables ??= []).push({ table, parent: top() });
        i = table.end - 1;
        continue;
      }
    }
    // before the page-number skip: a lone "5" may be the 序号 cell of a one-cell-per-line table
    const rowsTaken = tables.continueIndicator(i);
    if (rowsTaken > 0) {
      i += rowsTaken - 1;
      continue;
    }
    if (isPageNumber(text)) continue;
    const caption = matchTableCaption(text);
    const indicatorTaken = tables.startIndicator(i, caption, top(), sinkBody());
    if (indicatorTaken > 0) {
      boxes.close();
      tables.closeGeneric();
      i += indicatorTaken - 1;
      continue;
    }
    if (caption) {
      boxes.close();
      tables.startGeneric(caption, line.no, top());
      continue;
    }
    if (!started && isPrefaceHeading(text.replace(/\s+/gu, ""))) {
      d.prefaceLabelled = true;
      continue;
    }

    const box = matchBox(text);
    if (box) {
      tables.closeGeneric();
      started = true;
      boxes.open(box, line, top(), seq++, lines[i + 1]);
      if (boxes.titleTookNextLine) i++;
      continue;
    }

    const heading = matchHeading(text);
    if (heading && boxes.isOpen() && boxes.takesItem(heading, line)) continue;
    if (heading && (heading.kind !== "item" || !boxes.isOpen() || fits(heading) !== "no")) {
      const node = accept(heading, line.no);
      if (node) {
        boxes.close();
        tables.closeGeneric();
        started = true;
        node.line = line.no;
        node.titleEnd = line.no;
        if (heading.inlineBody) node.body.push({ text: heading.inlineBody, no: line.no });
        stack.push(node);
        const took = absorbTitleContinuation(node, heading, lines, i, d.typicalWidth);
        i += took;
        if (took === 0 && options.division)
          i += absorbWrappedSentence(node, heading, lines, i, d.typicalWidth);
        continue;
      }
    }

    if (tables.takeGeneric(line)) continue;
    if (boxes.isOpen()) {
      boxes.addText(line);
      continue;
    }
    const current = top();
    if (started && current && takeHeadingFragment(d, current, line, lines, i)) continue;
    sinkBody().push({ text, no: line.no });
  }
  boxes.close();
  tables.finish();
  return d;
};

/** "六、提升……保障" + "能力" on the next line: a heading wrapped at the page width. */
const absorbTitleContinuation = (
  node: NodeDraft,
  h: HeadingMatch,
  lines: readonly SourceLine[],
  i: number,
  width: number,
): number => {
  if (!h.open) return 0;
  const line = lines[i] as SourceLine;
  const next = lines[i + 1];
  if (!next || next.no - line.no > 3) return 0;
  const fits =
    next.width <= 12 &&
    !hasPunctuation(next.text) &&
    !/\d/u.test(next.text) &&
    !matchHeading(next.text) &&
    !isPageNumber(next.text);
  if (!fits) return 0;
  if (node.title !== "" && line.width < width * 0.8) return 0;
  node.title += next.text.replace(/\s+/gu, "");
  node.titleEnd = next.no;
  return 1;
};

/** An annotation line under an item (`责任单位：…`, `市科技局牵头，…`): never part of a title. */
const ANNOTATION_LINE =
  /^[（(]?(?:牵头|牽頭|责任|責任|配合|协同|協同|主责|主責|参与|參與|完成时限|完成時限|时间节点|時間節點)|(?:牵头|牽頭|负责|負責|配合)[，,。；;]?$/u;

/**
 * A division item whose first sentence was wrapped at the page width (`3.培育……推动农产品加工业` +
 * `与乡村旅游融合发展。责任单位：…`): the title is the whole first sentence, so the wrapped lines
 * up to its end are joined to it (at most 3); the rest of the last line goes to the body. Only when
 * the heading line reaches the text width and ends inside a sentence, so a short heading
 * (`1.加强组织领导`) above its paragraph keeps its title.
 */
const absorbWrappedSentence = (
  node: NodeDraft,
  h: HeadingMatch,
  lines: readonly SourceLine[],
  i: number,
  width: number,
): number => {
  if (h.kind !== "item" || !h.open || h.inlineBody !== "") return 0;
  const line = lines[i] as SourceLine;
  if (line.width < width * 0.8 || endsSentence(line.text.trim())) return 0;
  const parts: string[] = [];
  for (let k = 1; k <= 3; k++) {
    const next = lines[i + k];
    const prevNo = lines[i + k - 1]?.no ?? 0;
    if (!next || next.no - prevNo > 2) return 0;
    const text = next.text.trim();
    if (matchHeading(text) || matchBox(text) || isPageNumber(text) || ANNOTATION_LINE.test(text))
      return 0;
    // a wrapped line is the widest of its paragraph: a heading shorter than the line under it
    // (`1.加强组织领导，健全工作机制` + its paragraph) was not wrapped
    if (next.width > (lines[i + k - 1] as SourceLine).width + 2) return 0;
    const end = text.search(/[。；;！？!?]/u);
    if (end < 0) {
      // a whole line inside the sentence: only when it, too, runs to the text width
      if (next.width < width * 0.8) return 0;
      parts.push(text);
      continue;
    }
    parts.push(text.slice(0, end));
    node.title += parts.join("").replace(/\s+/gu, "");
    node.titleEnd = next.no;
    const rest = text.slice(end + 1).trim();
    if (rest !== "") node.body.push({ text: rest, no: next.no });
    return k;
  }
  return 0;
};

/**
 * A heading broken with its tail several lines later ("二、基本原" … "则"). When the heading
 * before it is an empty leaf, the text in between was displaced from it and is moved back.
 */
const takeHeadingFragment = (
  d: Drafts,
  node: NodeDraft,
  line: SourceLine,
  lines: readonly SourceLine[],
  i: number,
): boolean => {
  const text = line.text.replace(/\s+/gu, "");
  if (!/^[\u4e00-\u9fff]{1,3}$/u.test(text) || node.title === "") return false;
  if (node.children.length > 0 || node.boxes.length > 0) return false;
  if (line.no - node.titleEnd > 80) return false;
  const prev = node.body[node.body.length - 1];
  if (prev && !endsSentence(prev.text)) return false;
  const next = lines[i + 1];
  if (next && /^[，。、；：）]/u.test(next.text)) return false;
  const displaced = node.body.splice(0);
  node.title += text;
  node.titleEnd = line.no;
  d.warnings.push({
    code: "HEADING_REJOINED",
    message: `标题“${headingLabel(node.kind, node.number, node.title)}”被拆开，第 ${line.no} 行的“${text}”已接回标题`,
    line: line.no,
  });
  if (displaced.length === 0) return true;
  const target = previousEmptyLeaf(d, node);
  if (target) {
    target.body.push(...displaced);
    d.warnings.push({
      code: "PARAGRAPH_MOVED",
      message: `第 ${displaced[0]?.no}–${displaced[displaced.length - 1]?.no} 行夹在被拆开的标题中间，已归入前一个无正文的标题“${headingLabel(target.kind, target.number, target.title)}”`,
      line: displaced[0]?.no,
    });
  } else {
    node.body.push(...displaced);
  }
  return true;
};
