// Source lines: the parser works on non-blank lines that remember their 1-based line number.
import { visualWidth } from "./text.ts";

export type SourceLine = {
  /** 1-based line number in the original text. */
  no: number;
  /** Whitespace collapsed, trimmed; inner spaces kept because table cells are separated by them. */
  text: string;
  width: number;
  /**
   * The raw line's cells when it separates them with tabs or 2+ spaces (a .docx table row, a PDF
   * table line), trimmed, empty cells kept between tabs; absent otherwise.
   */
  cells?: string[];
};

const PAGE_NUMBER =
  /^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/u;

export const isPageNumber = (text: string): boolean => text.length <= 24 && PAGE_NUMBER.test(text);

export const splitLines = (input: string): SourceLine[] => {
  const out: SourceLine[] = [];
  const raw = input.split(/\r\n|\r|\n|\u2028|\u2029/u);
  for (let i = 0; i < raw.length; i++) {
    const text = (raw[i] ?? "").replace(/[\s\u3000\u00a0\ufeff\u200b]+/gu, " ").trim();
    if (text === "") continue;
    const line: SourceLine = { no: i + 1, text, width: visualWidth(text) };
    const cells = splitCells(raw[i] ?? "");
    if (cells) line.cells = cells;
    out.push(line);
  }
  return out;
};

const CELL_GAP = /\S(?:\t|[ \u3000]{2,})\S/u;

/** Cells of a raw line separated by tabs (empty cells kept) or by 2+ spaces; null for prose. */
const splitCells = (raw: string): string[] | null => {
  if (raw.length > 2000) return null;
  if (!(raw.includes("\t") && /[^\s\t]/u.test(raw)) && !CELL_GAP.test(raw)) return null;
  const parts = raw.includes("\t")
    ? raw.replace(/^[\r\n]+|[\r\n]+$/gu, "").split("\t")
    : raw.trim().split(/[ \u3000]{2,}/u);
  const cells = parts.map((c) => c.replace(/[\s\u3000\u00a0\ufeff\u200b]+/gu, " ").trim());
  return cells.length >= 2 ? cells : null;
};

/** Line count as editors show it: a final newline does not start another line. */
export const countLines = (input: string): number => {
  if (input === "") return 0;
  const n = input.split(/\r\n|\r|\n|\u2028|\u2029/u).length;
  return /(?:\r\n|\r|\n|\u2028|\u2029)$/u.test(input) ? n - 1 : n;
};

/**
 * The width a full prose line wraps at. Lines clearly shorter than this that end a sentence
 * close a paragraph; a heading this wide may continue on the next line.
 */
export const typicalWidth = (lines: readonly SourceLine[]): number => {
  const widths = lines.map((l) => l.width).filter((w) => w >= 8 && w <= 120);
  if (widths.length === 0) return 30;
  widths.sort((a, b) => a - b);
  return widths[Math.floor(widths.length * 0.6)] ?? 30;
};
