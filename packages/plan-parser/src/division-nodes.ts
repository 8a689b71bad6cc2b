// The node tree of an Excel 分工表: codes like the text parser's (`一.（一）.3`), open groups by level.
import { toChineseNumeral } from "./numerals.ts";
import type { NodeKind, ParsedNode, ParseWarning } from "./types.ts";

/** Node kinds by depth: 0 a sheet (when there are several), 1 `一、`, 2 and deeper `（一）`. */
const kindAt = (level: number): NodeKind =>
  level === 0 ? "part" : level === 1 ? "section" : "subsection";

/** Nodes in document order with unique codes, and the groups open above the current row. */
export class NodeBuilder {
  readonly nodes: ParsedNode[] = [];
  /** open groups, index = level */
  private stack: (ParsedNode | undefined)[] = [];
  private readonly codes = new Set<string>();
  /** groups opened per parent and kind, to number unnumbered ones without rescanning */
  private readonly opened = new Map<string, number>();

  constructor(readonly warnings: ParseWarning[]) {}

  /** Closes every open group (a new sheet). */
  reset() {
    this.stack = [];
  }

  /** The innermost open group above `level` (any level when omitted), or null. */
  parentAt(level = this.stack.length): ParsedNode | null {
    for (let l = Math.min(level, this.stack.length) - 1; l >= 0; l--)
      if (this.stack[l]) return this.stack[l]!;
    return null;
  }

  /**
   * Opens a group at `level`, closing any open at that level or deeper. Unnumbered groups are
   * numbered in order among their siblings: `一` `二` at level 1, `（1）` `（2）` deeper.
   */
  open(level: number, number: string | null, title: string, line: number): ParsedNode {
    const parent = this.parentAt(level);
    const kind = kindAt(level);
    const key = `${parent?.code ?? ""}\u0000${kind}`;
    const siblings = this.opened.get(key) ?? 0;
    this.opened.set(key, siblings + 1);
    const written = number ?? (level <= 1 ? toChineseNumeral(siblings + 1) : `（${siblings + 1}）`);
    const node = this.add(kind, parent, written, title, "", line);
    this.stack = this.stack.slice(0, level);
    this.stack[level] = node;
    return node;
  }

  /** Adds a node under `parent`; a code already taken gets `#2`, `#3`… and DUPLICATE_CODE. */
  add(
    kind: NodeKind,
    parent: ParsedNode | null,
    number: string,
    title: string,
    body: string,
    line: number,
  ): ParsedNode {
    // `.` separates a code's segments: a sheet named "1.1" must not read as two levels
    const segment = number.replace(/\./gu, "·");
    const base = parent ? `${parent.code}.${segment}` : segment;
    let code = base;
    for (let n = 2; this.codes.has(code); n++) code = `${base}#${n}`;
    if (code !== base)
      this.warnings.push({
        code: "DUPLICATE_CODE",
        message: `编号“${base}”重复，第 ${line} 行记为“${code}”`,
        line,
      });
    this.codes.add(code);
    const node: ParsedNode = {
      code,
      parentCode: parent?.code ?? null,
      kind,
      number,
      title: oneLine(title),
      body,
      order: this.nodes.length,
      lineStart: line,
      lineEnd: line,
    };
    this.nodes.push(node);
    return node;
  }

  /** Each group's lineEnd reaches its last descendant's (children come after parents). */
  closeRanges() {
    const byCode = new Map(this.nodes.map((n) => [n.code, n]));
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const n = this.nodes[i]!;
      const parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
      if (parent) parent.lineEnd = Math.max(parent.lineEnd, n.lineEnd);
    }
  }
}

/**
 * A title typed over several lines in its cell (`医疗\n卫生`, Alt+Enter in Excel) on one line: the
 * break goes away between Chinese characters and becomes a space between Latin words.
 */
export const oneLine = (text: string): string =>
  text.replace(/\s*[\r\n]+\s*/gu, (m: string, at: number, all: string) => {
    const before = all[at - 1] ?? "";
    const after = all[at + m.length] ?? "";
    return /^[!-~]$/u.test(before) && /^[!-~]$/u.test(after) ? " " : "";
  });
