// 专栏 items: numbered entries as written, otherwise a prose list split sensibly:
// bullet lines → one item each; a column of short lines → one item each; else sentences
// (。；); a single long sentence of comma-separated entries → one item per entry.
import { cleanBody } from "./body.ts";
import type { BoxDraft } from "./drafts.ts";
import { lineAt, mapPieces, type Piece } from "./text-map.ts";
import { maxOf, truncate, visualWidth } from "./text.ts";
import type { BoxItem } from "./types.ts";

const BULLET = /^[•·●○■□◆◇▪►\-—]+\s*/u;

export type SplitBox = { items: BoxItem[]; intro: string; full: string };

export const splitBoxItems = (box: BoxDraft, code: string, width: number): SplitBox => {
  const all = [
    ...box.intro,
    ...box.items.flatMap((it) => [{ text: it.number + it.title, no: it.line }, ...it.body]),
  ];
  const full = cleanBody(all, width);
  if (box.items.length > 0) {
    const items = box.items.map((it): BoxItem => {
      const body = cleanBody(it.body, width);
      const title = it.title || firstClause(body);
      return {
        code: `${code}.${it.number}`,
        number: it.number,
        title,
        body,
        lineStart: it.line,
        lineEnd: maxOf(
          it.line,
          it.body.map((p) => p.no),
        ),
      };
    });
    return { items, intro: cleanBody(box.intro, width), full };
  }
  const segments = proseSegments(box.intro);
  const items = segments.map((s, k): BoxItem => ({
    code: `${code}.a${k + 1}`,
    number: null,
    title: truncate(s.text.replace(/[。；;，,、！？\s]+$/u, ""), 40),
    body: s.text,
    lineStart: s.lineStart,
    lineEnd: s.lineEnd,
  }));
  return { items, intro: "", full };
};

type Segment = { text: string; lineStart: number; lineEnd: number };

const proseSegments = (pieces: readonly Piece[]): Segment[] => {
  if (pieces.length === 0) return [];
  if (pieces.filter((p) => BULLET.test(p.text)).length >= 2)
    return groupByStart(pieces, (p) => BULLET.test(p.text), BULLET);
  const shortColumn =
    pieces.length >= 2 &&
    pieces.every((p) => visualWidth(p.text) <= 20 && !/[，、,]$/u.test(p.text));
  if (shortColumn)
    return pieces.map((p) => ({ text: p.text.trim(), lineStart: p.no, lineEnd: p.no }));
  const mapped = mapPieces(pieces);
  const sentences = splitMapped(mapped, /[。；;！？!?]/gu);
  if (sentences.length >= 2) return sentences;
  const clauses = splitMapped(mapped, /[，,]/gu);
  if (clauses.length >= 3 && clauses.every((c) => visualWidth(c.text) >= 2)) return clauses;
  return sentences;
};

const splitMapped = (m: ReturnType<typeof mapPieces>, separators: RegExp): Segment[] => {
  const out: Segment[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = m.text.slice(start, end);
    const text = raw
      .trim()
      .replace(/^[，,、；;]+/u, "")
      .replace(/[，,、；;]+$/u, "");
    if (/[\u4e00-\u9fffA-Za-z]/u.test(text))
      out.push({ text, lineStart: lineAt(m, start), lineEnd: lineAt(m, Math.max(start, end - 1)) });
  };
  for (const match of m.text.matchAll(separators)) {
    const end = (match.index ?? 0) + match[0].length;
    push(/[，,]/u.test(match[0]) ? end - 1 : end);
    start = end;
  }
  push(m.text.length);
  return out;
};

const groupByStart = (
  pieces: readonly Piece[],
  starts: (p: Piece) => boolean,
  strip: RegExp,
): Segment[] => {
  const out: Segment[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (starts(p) || !last)
      out.push({ text: p.text.replace(strip, ""), lineStart: p.no, lineEnd: p.no });
    else {
      last.text += p.text;
      last.lineEnd = p.no;
    }
  }
  return out;
};

const firstClause = (text: string): string =>
  truncate((/^[^。：:；;，,]*/u.exec(text)?.[0] ?? text).trim(), 40);
