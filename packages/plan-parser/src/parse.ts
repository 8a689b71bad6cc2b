// parsePlan: text in, plan structure out. Never throws: a bug in one stage becomes a warning.
import { assemble } from "./assemble.ts";
import { cleanBody } from "./body.ts";
import { buildDrafts } from "./build.ts";
import { checkProseAgainstTables } from "./consistency.ts";
import { DEFAULT_DEPARTMENTS, DEFAULT_KEYWORD_RULES } from "./departments.ts";
import { graftTable, readTable } from "./division-text-table.ts";
import type { Drafts } from "./drafts.ts";
import { detectKind } from "./kind.ts";
import { countLines, splitLines } from "./lines.ts";
import { jurisdictionFrom, periodFrom, titleFromText } from "./meta.ts";
import { trailingChromeCount } from "./page-chrome.ts";
import { moveInterleavedParagraphs, warnEmptyLeaves } from "./repair.ts";
import { readResponsibility } from "./responsibility.ts";
import { candidateTasks } from "./tasks.ts";
import { endsWithPunctuation } from "./text.ts";
import {
  PARSE_RESULT_VERSION,
  type CandidateTask,
  type DocumentKind,
  type ParsedNode,
  type ParseOptions,
  type ParseResult,
  type ParseWarning,
} from "./types.ts";

export const parsePlan = (text: string, options: ParseOptions = {}): ParseResult => {
  const input = typeof text === "string" ? text : "";
  try {
    return parseUnsafe(input, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...emptyResult(countLines(input)),
      kind: options.kind ?? "plan",
      warnings: [{ code: "INTERNAL_ERROR", message: `解析器内部错误，结果不完整：${message}` }],
    };
  }
};

const parseUnsafe = (text: string, options: ParseOptions): ParseResult => {
  const lines = splitLines(text);
  // the kind decides how strictly item numbers must run; the title is not known yet, so this
  // first guess reads the first lines and the annotations (detectKind without a title)
  const d = buildDrafts(lines, {
    division: (options.kind ?? detectKind(null, text).kind) === "division",
  });
  moveInterleavedParagraphs(d);
  warnEmptyLeaves(d);
  const a = assemble(d);
  const warnings: ParseWarning[] = [];

  let title = d.titleLine?.title ?? null;
  if (!title) {
    title = titleFromText(text);
    warnings.push(
      title
        ? { code: "TITLE_FROM_TEXT", message: `未找到标题行，标题取自正文中的“《${title}》”` }
        : {
            code: "TITLE_MISSING",
            message:
              "未找到文件标题（开头没有以“规划”“方案”“意见”“要点”“计划”等结尾的标题行），请在导入时填写标题",
          },
    );
  }
  const period = periodFrom(title, text);
  if (!period)
    warnings.push({
      code: "PERIOD_MISSING",
      message: "未能识别规划期（如“十四五”或“2021—2025年”）",
    });
  const jurisdictionName = jurisdictionFrom(title, text, {
    directory: options.jurisdictions,
    issuer: d.issuer,
  });
  if (!jurisdictionName)
    warnings.push({
      code: "JURISDICTION_MISSING",
      message: "未能识别文件所属地区（标题和正文中没有可确认的县、市、区名称）",
    });

  if (d.preface.length > 0 && !d.prefaceLabelled && !d.titleLine) {
    const first = d.preface[0]?.no ?? 0;
    const last = d.preface[d.preface.length - 1]?.no ?? first;
    warnings.push({
      code: "ORPHAN_TEXT",
      message: `第 ${first}–${last} 行位于第一个标题之前且没有标题或“前言”，已作为前言保留`,
      line: first,
    });
  }
  if (lines.length > 0 && a.nodes.length === 0)
    warnings.push({ code: "NO_HEADINGS", message: "未识别到任何章节标题" });
  // 打印本页 / 关闭窗口 after the text were set aside (title-block.ts): the text ends before them
  const lastLine = lines[lines.length - 1 - trailingChromeCount(lines)];
  const kind = options.kind ?? detectKind(title, text).kind;
  if (
    lastLine &&
    !(kind === "division" && isWholeAnnotation(lastLine.text)) &&
    a.nodes.length > 0 &&
    !endsWithPunctuation(lastLine.text) &&
    lastLine.no > (a.nodes[a.nodes.length - 1]?.lineStart ?? 0)
  ) {
    warnings.push({
      code: "TRUNCATED_END",
      message: `文末第 ${lastLine.no} 行“${lastLine.text.slice(-20)}”没有结束标点，文件可能被截断`,
      line: lastLine.no,
    });
  }
  const last = a.nodes[a.nodes.length - 1];
  // a division document's last item is often one line (`5.加强督促检查。`): complete, not cut
  const oneLineItem =
    kind === "division" && last?.kind === "item" && endsWithPunctuation(lastLine?.text ?? "");
  // `（一）加强督查。县政府督查室每季度开展一次专项督查。`: the heading's text is on its line
  const ownText = last?.body !== "" && endsWithPunctuation(lastLine?.text ?? "");
  if (
    last &&
    last.lineStart === lastLine?.no &&
    last.kind !== "boxItem" &&
    !oneLineItem &&
    !ownText
  ) {
    warnings.push({
      code: "TRUNCATED_END",
      message: `文件以标题“${last.number}${last.title}”结束，其后没有正文，文件可能被截断`,
      line: last.lineStart,
    });
  }

  const scopes = [{ pieces: d.preface }, ...d.nodes.map((n) => ({ pieces: n.body }))];
  warnings.push(...checkProseAgainstTables(scopes, a.indicatorTables));

  const dir = {
    entries: options.departments ?? DEFAULT_DEPARTMENTS,
    rules: options.rules ?? DEFAULT_KEYWORD_RULES,
  };
  const taskWarnings: ParseWarning[] = [];
  const grafted = graftDivisionTables(d, a.nodes, title, options, taskWarnings);
  // a heading whose text is its 分工表 is not empty
  const tableParents = new Set(
    a.nodes.filter((n) => grafted.codes.has(n.code) && n.parentCode).map((n) => n.parentCode),
  );
  const filled = new Set(a.nodes.filter((n) => tableParents.has(n.code)).map((n) => n.lineStart));
  d.warnings = d.warnings.filter((w) => w.code !== "EMPTY_NODE" || !filled.has(w.line ?? -1));
  const tasks = candidateTasks(a.nodes, a.boxes, dir, {
    kind,
    period,
    warnings: taskWarnings,
    skip: grafted.codes,
  });
  if (grafted.tasks.length > 0) {
    const order = new Map(a.nodes.map((n) => [n.code, n.order]));
    tasks.push(...grafted.tasks);
    tasks.sort((x, y) => (order.get(x.nodeCode) ?? 0) - (order.get(y.nodeCode) ?? 0));
  }
  const count = (k: string) => a.nodes.filter((n) => n.kind === k).length;
  return {
    version: PARSE_RESULT_VERSION,
    kind,
    title,
    jurisdictionName,
    period,
    preface: cleanBody(d.preface, d.typicalWidth),
    nodes: a.nodes,
    boxes: a.boxes,
    indicatorTables: a.indicatorTables,
    tables: a.tables,
    candidateTasks: tasks,
    warnings: [...structureWarnings(d.warnings, kind, a.nodes), ...warnings, ...taskWarnings].sort(
      (x, y) => (x.line ?? 0) - (y.line ?? 0),
    ),
    stats: {
      lines: countLines(text),
      parts: count("part"),
      chapters: count("chapter"),
      sections: count("section"),
      subsections: count("subsection"),
      items: count("item"),
      boxes: count("box"),
      boxItems: count("boxItem"),
      indicators: a.indicatorTables.reduce((s, t) => s + t.rows.length, 0),
    },
  };
};

/**
 * In a division document a one-line item (`4.建设县级科技成果转化平台。`) is the whole task: its
 * EMPTY_NODE warning says nothing and is dropped; NO_LEAD_UNIT covers what is missing.
 */
const structureWarnings = (
  warnings: ParseWarning[],
  kind: DocumentKind,
  nodes: readonly ParsedNode[],
): ParseWarning[] => {
  if (kind !== "division") return warnings;
  const itemLines = new Set(nodes.filter((n) => n.kind === "item").map((n) => n.lineStart));
  return warnings.filter((w) => w.code !== "EMPTY_NODE" || !itemLines.has(w.line ?? -1));
};

const emptyResult = (lines: number): ParseResult => ({
  version: PARSE_RESULT_VERSION,
  kind: "plan",
  title: null,
  jurisdictionName: null,
  period: null,
  preface: "",
  nodes: [],
  boxes: [],
  indicatorTables: [],
  tables: [],
  candidateTasks: [],
  warnings: [],
  stats: {
    lines,
    parts: 0,
    chapters: 0,
    sections: 0,
    subsections: 0,
    items: 0,
    boxes: 0,
    boxItems: 0,
    indicators: 0,
  },
});

/**
 * A line that is only a unit or deadline annotation (`完成时限：每年`, `市财政局负责`): in a
 * division document such a line closes an item without punctuation, so it is no sign of a cut end.
 */
const isWholeAnnotation = (line: string): boolean => {
  const r = readResponsibility(line);
  return (
    r.rest === "" &&
    r.unreadable.length === 0 &&
    (r.leadText !== null || r.supportText !== null || r.deadlineText !== null)
  );
};

/**
 * The 分工表 tables found in the text (build.ts, division documents): each is read as a one-sheet
 * Excel 分工表 (readTable) and its nodes are put under the heading it stands in, after the nodes
 * before it; `order` is renumbered and the enclosing headings' lineEnd extended. Returns the
 * grafted node codes (their tasks come from the table, not from tasks.ts) and their tasks; the
 * table's row warnings go to `warnings`.
 */
const graftDivisionTables = (
  d: Drafts,
  nodes: ParsedNode[],
  title: string | null,
  options: ParseOptions,
  warnings: ParseWarning[],
): { codes: Set<string>; tasks: CandidateTask[] } => {
  const codes = new Set<string>();
  const tasks: CandidateTask[] = [];
  if (!d.divisionTables?.length) return { codes, tasks };
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  for (const { table, parent } of d.divisionTables) {
    const first = table.lineNos[0] ?? 0;
    const last = table.lineNos[table.lineNos.length - 1] ?? first;
    const parentNode = parent
      ? (nodes.find((n) => n.lineStart === parent.line && n.kind === parent.kind) ?? null)
      : null;
    const g = graftTable(readTable(table, title, options), parentNode);
    const at = nodes.findIndex((n) => n.lineStart > first);
    nodes.splice(at < 0 ? nodes.length : at, 0, ...g.nodes);
    for (const n of g.nodes) {
      codes.add(n.code);
      byCode.set(n.code, n);
    }
    tasks.push(...g.candidateTasks);
    warnings.push(...g.warnings);
    for (let p = parentNode; p; p = p.parentCode ? (byCode.get(p.parentCode) ?? null) : null)
      p.lineEnd = Math.max(p.lineEnd, last);
  }
  nodes.forEach((n, k) => (n.order = k));
  return { codes, tasks };
};
