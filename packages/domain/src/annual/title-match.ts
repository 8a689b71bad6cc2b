/**
 * Title similarity for matching a 分工方案 row to a plan task (issue #18 import): the texts are
 * normalised (numbering, brackets' content such as 牵头单位, punctuation and spaces dropped) and
 * compared by the Dice coefficient of their character bigrams, which suits Chinese (no word
 * breaks). One text containing the other (a row that quotes the task's title) scores at least 0.9.
 */
export function normaliseTitle(text: string): string {
  return text
    .replace(/^[\s（(]*[0-9０-９一二三四五六七八九十]+[）).、．]\s*/u, "")
    .replace(/[（(][^）)]*[）)]/gu, "")
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** 0–1: how alike two titles are (1 = the same after normalising). */
export function titleSimilarity(a: string, b: string): number {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const contained = x.length >= 4 && y.length >= 4 && (x.includes(y) || y.includes(x));
  const gx = bigrams(x);
  const gy = bigrams(y);
  let shared = 0;
  for (const [g, n] of gx) shared += Math.min(n, gy.get(g) ?? 0);
  const total = Math.max(
    1,
    [...gx.values()].reduce((s, n) => s + n, 0) + [...gy.values()].reduce((s, n) => s + n, 0),
  );
  const dice = (2 * shared) / total;
  return contained ? Math.max(0.9, dice) : dice;
}

/** A row matches a task when its best similarity reaches this. */
export const MATCH_THRESHOLD = 0.5;
