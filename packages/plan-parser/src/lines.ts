// Source lines: the parser works on non-blank lines that remember their 1-based line number.
import { visualWidth } from "./text.ts";

export type SourceLine = {
  /** 1-based line number in the original text. */
  no: number;
  /** Whitespace collapsed, trimmed; inner spaces kept because table cells are separated by them. */
  text: string;
  width: number;
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
    out.push({ no: i + 1, text, width: visualWidth(text) });
  }
  return out;
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
