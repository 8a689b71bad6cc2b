import { textWidth } from "./page-layout.ts";

export type ColumnRole = "name" | "text" | "number";

/** the narrowest a `name` column may be, in characters (issue #18) */
export const NAME_MIN_CHARS = 6;
/** the narrowest a free-text column may be, in characters (so it never wraps character by character) */
const TEXT_MIN_CHARS = 4;

/**
 * A header may wrap, but never into lines of one or two characters: a header up to four characters
 * wide keeps its width, a longer one may go down to half of it (two lines), never under three.
 */
function headerMin(title: string): number {
  const w = textWidth(title);
  return w <= 4 ? w : Math.max(3, Math.ceil(w / 2));
}

export type ColumnPlan = {
  /** the width each column's text gets, in characters of the table's font size */
  chars: number[];
};

/**
 * Column widths in characters for a table that must fit `available` characters (the type area
 * less the cells' padding): each column starts at its widest cell (CJK 1, Latin ½; textWidth);
 * `number` columns never go under their widest value (a number is never wrapped); `name` columns
 * never under six characters; `text` columns never under four. When the natural widths do not fit,
 * the widest shrinkable column is narrowed first, step by step (water-filling), until the table
 * fits; room left over goes to the name and text columns in proportion to their natural width.
 * Returns null when even the minimum widths do not fit (the caller tries a smaller font).
 */
export function planColumns(
  columns: ReadonlyArray<{ title: string; role?: ColumnRole }>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  available: number,
  /** names up to this many characters stay on one line (never fewer than six) */
  wholeNames = NAME_MIN_CHARS,
): ColumnPlan | null {
  const natural = columns.map((c, i) =>
    Math.max(
      textWidth(c.title),
      ...rows.map((r) => textWidth(r[i] ?? "")),
      c.role === "name" ? NAME_MIN_CHARS : 1,
    ),
  );
  const minimum = columns.map((c, i) => {
    const values = Math.max(0, ...rows.map((r) => textWidth(r[i] ?? "")));
    const head = headerMin(c.title);
    if (c.role === "number") return Math.max(values, head);
    const floor =
      c.role === "name"
        ? Math.max(NAME_MIN_CHARS, Math.min(natural[i]!, wholeNames))
        : TEXT_MIN_CHARS;
    return Math.min(natural[i]!, Math.max(floor, head));
  });
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  if (sum(minimum) > available) return null;
  const chars = [...natural];
  // water-filling: lower the widest column(s) that can still shrink to the next level down
  while (sum(chars) > available + 1e-9) {
    const shrinkable = chars.map((w, i) => (w > minimum[i]! ? i : -1)).filter((i) => i >= 0);
    const top = Math.max(...shrinkable.map((i) => chars[i]!));
    const atTop = shrinkable.filter((i) => chars[i] === top);
    const next = Math.max(...chars.filter((w) => w < top), ...atTop.map((i) => minimum[i]!), 0);
    const excess = sum(chars) - available;
    const step = Math.min(top - next, excess / atTop.length);
    for (const i of atTop) chars[i] = Math.max(minimum[i]!, chars[i]! - step);
  }
  const spare = available - sum(chars);
  if (spare > 0) {
    const growers = columns.map((c, i) => (c.role === "number" ? -1 : i)).filter((i) => i >= 0);
    const pool = growers.length ? growers : columns.map((_, i) => i);
    const weight = sum(pool.map((i) => natural[i]!));
    for (const i of pool) chars[i] = chars[i]! + (spare * natural[i]!) / weight;
  }
  return { chars };
}
