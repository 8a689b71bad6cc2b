// Small character-level helpers shared by every stage of the parser.

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

export const isCjkChar = (ch: string): boolean => CJK.test(ch);

export const countCjk = (text: string): number => {
  let n = 0;
  for (const ch of text) if (isCjkChar(ch)) n++;
  return n;
};

/** Width in "CJK cells": Latin letters and digits take half a cell, which is how PDF lines wrap. */
export const visualWidth = (text: string): number => {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    w += code < 0x2e80 ? 0.5 : 1;
  }
  return w;
};

/** Sentence-final punctuation: a line ending with one of these may end a paragraph. */
export const endsSentence = (text: string): boolean => /[。！？!?…；;][”’」』）)]?$/u.test(text);

/** Any punctuation at the end: a line ending without it was cut in the middle of a clause. */
export const endsWithPunctuation = (text: string): boolean =>
  /[。！？!?…；;，,、：:）)”’」』》]$/u.test(text);

export const hasPunctuation = (text: string): boolean => /[。！？!?；;，,、：:]/u.test(text);

/** Collapse whitespace; drop the stray spaces PDF extraction puts between two CJK characters. */
export const cleanInline = (text: string): string => {
  const collapsed = text.replace(/[\s\u3000\u00a0\ufeff]+/gu, " ").trim();
  return collapsed.replace(
    /([\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’]) (?=[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’])/gu,
    "$1",
  );
};

const ASCII_WORD_END = /^[A-Za-z0-9%.&]$/u;
const ASCII_WORD_START = /^[A-Za-z0-9&]/u;

/**
 * Re-join wrapped lines: no space between CJK, one space between two Latin words.
 * Only the last character of the result is ever inspected (kept apart, not sliced off the
 * growing string: slicing a concatenated string flattens it, which makes long bodies quadratic).
 */
export const joinWrapped = (parts: readonly string[]): string => {
  const out: string[] = [];
  let last = "";
  for (const raw of parts) {
    const part = cleanInline(raw);
    if (part === "") continue;
    if (last !== "" && ASCII_WORD_END.test(last) && ASCII_WORD_START.test(part)) out.push(" ");
    out.push(part);
    last = part.slice(-1);
  }
  return out.join("");
};

/** Strip trailing punctuation from a title. */
export const trimTitle = (text: string): string =>
  cleanInline(text).replace(/[\s。：:；;，,、]+$/u, "");

export const truncate = (text: string, max: number): string => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}…`;
};

/** Math.max without spreading: bodies can hold more lines than the call stack allows arguments. */
export const maxOf = (base: number, values: Iterable<number>): number => {
  let m = base;
  for (const v of values) if (v > m) m = v;
  return m;
};
