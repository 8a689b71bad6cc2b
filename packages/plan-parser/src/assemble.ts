// Drafts → the public shapes: stable unique codes, cleaned bodies, document order, line ranges.
import { cleanBody } from "./body.ts";
import { splitBoxItems } from "./box-items.ts";
import type { BoxDraft, Drafts, NodeDraft } from "./drafts.ts";
import { maxOf } from "./text.ts";
import type { Box, GenericTable, IndicatorTable, ParsedNode } from "./types.ts";

export type Assembled = {
  nodes: ParsedNode[];
  boxes: Box[];
  indicatorTables: IndicatorTable[];
  tables: GenericTable[];
  codeOf: Map<NodeDraft, string>;
};

export const assemble = (d: Drafts): Assembled => {
  const used = new Set<string>();
  const unique = (code: string, line: number): string => {
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
    let k = 2;
    while (used.has(`${code}#${k}`)) k++;
    const out = `${code}#${k}`;
    used.add(out);
    d.warnings.push({
      code: "DUPLICATE_CODE",
      message: `编号“${code}”重复出现，第 ${line} 行的标题改用“${out}”`,
      line,
    });
    return out;
  };

  const codeOf = new Map<NodeDraft, string>();
  const entries: { line: number; seq: number; node: ParsedNode }[] = [];
  const lineEnd = new Map<NodeDraft, number>();
  for (const n of [...d.nodes].reverse()) {
    const own = maxOf(
      Math.max(n.titleEnd, n.line),
      n.body.map((p) => p.no),
    );
    const kids = n.children.map((c) => lineEnd.get(c) ?? 0);
    const boxes = n.boxes.map(boxEnd);
    const tables = d.indicators.filter((t) => t.node === n).map((t) => t.lineEnd);
    lineEnd.set(n, maxOf(own, [...kids, ...boxes, ...tables]));
  }
  for (const n of d.nodes) {
    const parentCode = n.parent ? (codeOf.get(n.parent) ?? null) : null;
    const code = unique(parentCode ? `${parentCode}.${n.number}` : n.number, n.line);
    codeOf.set(n, code);
    entries.push({
      line: n.line,
      seq: n.seq,
      node: {
        code,
        parentCode,
        kind: n.kind,
        number: n.number,
        title: n.title,
        body: cleanBody(n.body, d.typicalWidth),
        order: 0,
        lineStart: n.line,
        lineEnd: lineEnd.get(n) ?? n.line,
      },
    });
  }

  const boxes: Box[] = [];
  d.boxes.forEach((b, index) => {
    const number = b.number ?? String(index + 1);
    const code = unique(`专栏${number}`, b.line);
    const parentCode = b.parent ? (codeOf.get(b.parent) ?? null) : null;
    const split = splitBoxItems(b, code, d.typicalWidth);
    const end = boxEnd(b);
    boxes.push({
      code,
      number,
      title: b.title,
      parentCode,
      items: split.items,
      body: split.full,
      lineStart: b.line,
      lineEnd: end,
    });
    entries.push({
      line: b.line,
      seq: b.seq,
      node: {
        code,
        parentCode,
        kind: "box",
        number,
        title: b.title,
        body: split.intro,
        order: 0,
        lineStart: b.line,
        lineEnd: end,
      },
    });
    split.items.forEach((it, k) => {
      entries.push({
        line: Math.max(it.lineStart, b.line),
        seq: b.seq + (k + 1) / (split.items.length + 1),
        node: {
          code: it.code,
          parentCode: code,
          kind: "boxItem",
          number: it.number ?? `a${k + 1}`,
          title: it.title,
          body: it.body,
          order: 0,
          lineStart: it.lineStart,
          lineEnd: it.lineEnd,
        },
      });
    });
  });

  entries.sort((a, b) => a.line - b.line || a.seq - b.seq);
  const nodes = entries.map((e, order) => ({ ...e.node, order }));

  const indicatorTables: IndicatorTable[] = d.indicators.map((t) => ({
    title: t.title,
    nodeCode: t.node ? (codeOf.get(t.node) ?? null) : null,
    baselineYear: t.columns.baselineYear,
    targetYear: t.columns.targetYear,
    headers: t.columns.headers,
    rows: t.rows,
    lineStart: t.lineStart,
    lineEnd: t.lineEnd,
  }));
  const tables: GenericTable[] = d.tables.map((t) => ({
    title: t.title,
    nodeCode: t.node ? (codeOf.get(t.node) ?? null) : null,
    rows: t.rows,
    lineStart: t.lineStart,
    lineEnd: t.lineEnd,
  }));
  return { nodes, boxes, indicatorTables, tables, codeOf };
};

const boxEnd = (b: BoxDraft): number =>
  maxOf(b.line, [
    ...b.intro.map((p) => p.no),
    ...b.items.flatMap((it) => [it.line, ...it.body.map((p) => p.no)]),
  ]);
