// PDF text items → text lines, rebuilt from glyph positions. pdf.js returns text in content-stream
// order with a space wherever two glyphs are 0.1–0.6 em apart, so typeset Chinese comes out as
// `第 一 部 分` (letter-spaced or justified lines), `7 5 2 9 . 2`, and quotes drawn in a second font
// land at the start of the line (`“ ”（二）…`). Here items are grouped into lines by baseline,
// sorted by x, and a space is kept only where the gap is wider than the line's letter spacing.

/** One pdf.js `getTextContent()` item: text, text matrix `[a, b, c, d, x, y]`, width in points. */
export type PdfTextItem = { str: string; transform: number[]; width: number };

/**
 * One page's items with its box (points): top and bottom tell headers and footers apart; left and
 * right (default 0) place them when the page's text runs sideways.
 */
export type PdfPageItems = {
  items: readonly PdfTextItem[];
  top: number;
  bottom: number;
  left?: number;
  right?: number;
};

type Placed = { str: string; x: number; y: number; end: number; size: number };

/** A printed line; `rotated` for text not set left to right (a watermark, a vertical label). */
type PageLine = { text: string; y: number; size: number; rotated?: boolean };

/** A gap this much wider than the letter spacing (in em) is a word space or a column gap. */
const WORD_GAP_EM = 0.2;
/** A gap this much wider (in em) separates table cells: written as a TAB, as Word rows are. */
const CELL_GAP_EM = 2;
/** Baselines closer than this fraction of the font size are one line. */
const SAME_LINE = 0.4;
/** Headers and footers live in this top and bottom fraction of the page. */
const MARGIN_BAND = 0.1;

const FULL_WIDTH = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’…—]/u;

/** Nominal advance of a glyph in em: CJK and full-width forms 1, anything else about half. */
const nominal = (ch: string): number => (FULL_WIDTH.test(ch) ? 1 : 0.5);

const place = (item: PdfTextItem): Placed | null => {
  if (item.str.trim() === "") return null;
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
  return { str: item.str, x, y, end: x + item.width, size };
};

/** Text set left to right: its matrix is a scale, perhaps with a slight skew (fake italics). */
const isUpright = (item: PdfTextItem): boolean => {
  const [a = 0, b = 0, c = 0, d = 0] = item.transform;
  return a > 0 && d > 0 && Math.abs(b) <= 0.1 * a && Math.abs(c) <= 0.3 * d;
};

/** Items on one baseline (within SAME_LINE of the font size), top of the page first. */
const groupLines = (items: readonly PdfTextItem[]): Placed[][] => {
  const placed = items
    .filter(isUpright)
    .map(place)
    .filter((p): p is Placed => p !== null);
  placed.sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Placed[][] = [];
  let current: Placed[] = [];
  let baseline = Number.NaN;
  let size = 0;
  for (const p of placed) {
    // the larger size decides, so a superscript note mark stays on its line
    if (current.length > 0 && Math.abs(p.y - baseline) <= SAME_LINE * Math.max(p.size, size)) {
      current.push(p);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [p];
    baseline = p.y;
    size = p.size;
  }
  if (current.length > 0) lines.push(current);
  return lines.map((line) => withoutOverprint(line.sort((p, q) => p.x - q.x)));
};

/**
 * Drops an item drawn again over itself: fake bold (WPS and some printers draw a bold heading
 * two or three times, a fraction of a point apart), which would read `第第一一章章`.
 */
const withoutOverprint = (line: Placed[]): Placed[] =>
  line.filter(
    (p, i) =>
      !line
        .slice(0, i)
        .some(
          (q) =>
            q.str === p.str &&
            Math.abs(q.x - p.x) < 0.2 * p.size &&
            Math.abs(q.y - p.y) < 0.2 * p.size,
        ),
  );

/**
 * Letter spacing of a line in em: the median over its items of the width left after each glyph's
 * nominal advance, per gap between glyphs. Pure full-width items measure it exactly; 0 when no
 * item has two glyphs.
 */
const letterSpacing = (line: readonly Placed[]): number => {
  const samples: number[] = [];
  for (const p of line) {
    const glyphs = [...p.str.replace(/\s+/gu, "")];
    if (glyphs.length < 2) continue;
    const advance = glyphs.reduce((s, g) => s + nominal(g), 0);
    samples.push(Math.max(0, ((p.end - p.x) / p.size - advance) / (glyphs.length - 1)));
  }
  if (samples.length === 0) return 0;
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
};

/**
 * True when pdf.js put a space between (nearly) every two glyphs of the line's items: then every
 * glyph gap is over 0.1 em and those spaces are letter spacing, not words.
 */
const isLetterSpaced = (line: readonly Placed[]): boolean => {
  let spaced = 0;
  let tight = 0;
  for (const p of line) {
    const s = p.str.trim();
    for (let i = 1; i < s.length; i++) {
      const ch = s[i] as string;
      if (/\s/u.test(ch)) continue;
      if (/\s/u.test(s[i - 1] as string)) spaced++;
      else tight++;
    }
  }
  // one spaced pair and no tight one (`2 0`, a page number) is letter spacing too
  return (spaced >= 1 && tight === 0) || (spaced >= 2 && tight <= spaced * 0.1);
};

/** A run of glyphs without a space, with its x range estimated inside its item. */
type Chunk = { str: string; x: number; end: number; size: number; item: number; index: number };

/** Weight of an in-item space when sharing out an item's width (about a Latin space, in em). */
const SPACE_EM = 0.33;

/**
 * Splits an item at its spaces and shares its width out by nominal advance, so a glyph drawn by
 * another item in the middle of it (a quote in a second font) can be put back in its place.
 */
const chunks = (p: Placed, item: number): Chunk[] => {
  const parts = p.str.trim().split(/(\s+)/u);
  const weight = (part: string) =>
    /^\s/u.test(part) ? SPACE_EM : [...part].reduce((s, g) => s + nominal(g), 0);
  const total = parts.reduce((s, part) => s + weight(part), 0) || 1;
  const scale = (p.end - p.x) / total;
  const out: Chunk[] = [];
  let at = p.x;
  for (const part of parts) {
    const w = weight(part) * scale;
    if (!/^\s/u.test(part) && part !== "")
      out.push({ str: part, x: at, end: at + w, size: p.size, item, index: out.length });
    at += w;
  }
  return out;
};

/**
 * Spacing so wide that pdf.js made every glyph an item of its own (over 0.6 em): at least four
 * items, nearly all of one glyph, with nearly equal gaps. Words and table cells are longer items.
 */
const uniformGap = (line: readonly Placed[]): number => {
  if (line.length < 4) return 0;
  const single = line.filter((p) => [...p.str.trim()].length === 1).length;
  if (single < line.length * 0.9) return 0;
  const gaps: number[] = [];
  for (let i = 1; i < line.length; i++) {
    const p = line[i] as Placed;
    const q = line[i - 1] as Placed;
    gaps.push((p.x - q.end) / Math.max(p.size, q.size));
  }
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const near = gaps.filter((g) => Math.abs(g - median) <= 0.1).length;
  // wider than 2 em is a table's column gap, not spacing
  return median > 0 && median < 2 && near >= gaps.length * 0.75 ? median : 0;
};

const joinLine = (line: readonly Placed[]): string => {
  const spacedOut = isLetterSpaced(line);
  const spacing = Math.max(spacedOut ? letterSpacing(line) : 0, uniformGap(line));
  const pieces = line.flatMap((p, i) => chunks(p, i));
  pieces.sort((a, b) => a.x - b.x || a.item - b.item || a.index - b.index);
  let out = "";
  let prev: Chunk | null = null;
  for (const c of pieces) {
    if (prev) {
      const sameItem = prev.item === c.item && prev.index + 1 === c.index;
      const gap = (c.x - prev.end) / Math.max(c.size, prev.size);
      // pdf.js wrote a space between these two: a word space unless the line is letter-spaced
      if (sameItem && !spacedOut) out += " ";
      else if (!sameItem && gap - spacing >= CELL_GAP_EM) out += "\t";
      else if (!sameItem && gap - spacing > WORD_GAP_EM) out += " ";
    }
    out += c.str;
    prev = c;
  }
  return out;
};

/** Quarter turns (0–3) of an item's baseline, or -1 when it is not a multiple of 90°. */
const quarterTurns = (item: PdfTextItem): number => {
  const [a = 0, b = 0] = item.transform;
  const angle = Math.atan2(b, a);
  const q = Math.round(angle / (Math.PI / 2));
  if (Math.abs(angle - (q * Math.PI) / 2) > 0.09) return -1;
  return ((q % 4) + 4) % 4;
};

/** [a, b, c, d, e, f] turned by `q` quarter turns clockwise. */
const turn = (t: readonly number[], q: number): number[] => {
  const cos = Math.round(Math.cos((-q * Math.PI) / 2));
  const sin = Math.round(Math.sin((-q * Math.PI) / 2));
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = t;
  return [
    a * cos - b * sin,
    a * sin + b * cos,
    c * cos - d * sin,
    c * sin + d * cos,
    e * cos - f * sin,
    e * sin + f * cos,
  ];
};

/**
 * A page whose text mostly runs sideways (a landscape table page drawn turned, shown with /Rotate)
 * turned so that its text runs left to right, with its box turned too.
 */
const turnedUpright = (page: PdfPageItems): PdfPageItems => {
  const weight = [0, 0, 0, 0];
  for (const i of page.items) {
    const q = quarterTurns(i);
    if (q >= 0) weight[q] = (weight[q] ?? 0) + i.str.length;
  }
  const q = weight.indexOf(Math.max(...weight));
  if (q <= 0) return page;
  const corners = [
    [page.left ?? 0, page.bottom],
    [page.right ?? 0, page.top],
  ].map(([x = 0, y = 0]) => turn([1, 0, 0, 1, x, y], q)[5] ?? 0);
  return {
    items: page.items.map((i) => ({ ...i, transform: turn(i.transform, q) })),
    top: Math.max(...corners),
    bottom: Math.min(...corners),
  };
};

/**
 * The page's lines top to bottom, then its rotated text, one item a line in drawing order: kept
 * apart so a diagonal watermark or a vertical label never lands inside a line of prose.
 */
const pageLines = (page: PdfPageItems): PageLine[] => {
  const upright = groupLines(page.items).map((line) => ({
    text: joinLine(line),
    y: line[0]?.y ?? 0,
    size: line[0]?.size ?? 0,
  }));
  const rotated = page.items
    .filter((i) => !isUpright(i) && i.str.trim() !== "")
    .map((i) => ({ text: i.str.trim(), y: Number.NaN, size: 0, rotated: true }));
  return [...upright, ...rotated];
};

/** A line's text with its digits folded, so `— 3 —` and `— 4 —` are the same running footer. */
const furnitureKey = (text: string): string => text.replace(/\s+/gu, "").replace(/\d+/gu, "#");

/** "top" or "bottom" when the line sits in the page's header or footer band, else null. */
const band = (line: PageLine, page: PdfPageItems | undefined): string | null => {
  const height = page ? page.top - page.bottom : 0;
  if (!page || height <= 0) return null;
  if (line.y > page.top - height * MARGIN_BAND) return "top";
  return line.y < page.bottom + height * MARGIN_BAND ? "bottom" : null;
};

const marginKey = (line: PageLine, page: PdfPageItems | undefined): string | null => {
  // rotated text repeated on the pages is a watermark, wherever it stands
  const where = line.rotated ? "rotated" : band(line, page);
  return where ? `${where}:${furnitureKey(line.text)}` : null;
};

/**
 * Page furniture: lines in the top or bottom tenth of the page whose text (digits folded) repeats
 * on at least three pages and half of them — running titles, `第 3 页 共 9 页`, `— 3 —`.
 */
const furnitureKeys = (
  pages: readonly PageLine[][],
  boxes: readonly PdfPageItems[],
): Set<string> => {
  const seen = new Map<string | null, number>();
  pages.forEach((lines, i) => {
    const keys = new Set(lines.map((l) => marginKey(l, boxes[i])));
    keys.delete(null);
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  });
  const min = Math.max(3, pages.length / 2);
  return new Set([...seen].filter(([, n]) => n >= min).map(([k]) => k ?? ""));
};

/**
 * Text of a PDF from its pages' text items: one output line per printed line, top to bottom,
 * left to right; spaces only where the gap between glyphs is more than WORD_GAP_EM wider than the
 * line's letter spacing, a TAB where it is CELL_GAP_EM wider (table columns, as in Word rows);
 * rotated text after its page's lines, dropped when it repeats like a running header (a watermark); running headers and footers (page numbers included) dropped when they
 * repeat on at least three pages and half of them.
 */
export const pdfText = (given: readonly PdfPageItems[]): string => {
  const pages = given.map(turnedUpright);
  const lines = pages.map(pageLines);
  const furniture = furnitureKeys(lines, pages);
  furniture.delete("");
  const out: string[] = [];
  lines.forEach((page, i) => {
    for (const l of page) {
      const key = marginKey(l, pages[i]);
      if (key && furniture.has(key)) continue;
      out.push(l.text);
    }
  });
  return out.join("\n");
};
