/** Positions on a timeline from `start` to `end` (YYYY-MM-DD, inclusive), as percentages. */
export type Span = { left: number; width: number };

const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export function timeline(start: string, end: string) {
  const from = day(start);
  const total = day(end) + 1 - from;
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  /** The left edge of a day, in % of the width. */
  const at = (d: string) => clamp(((day(d) - from) / total) * 100);
  /** A bar from the start of `a` to the end of `b`; at least a sliver so one-day items show. */
  const span = (a: string, b: string): Span => {
    const left = at(a);
    const right = clamp(((day(b) + 1 - from) / total) * 100);
    return { left, width: Math.max(right - left, 0.4) };
  };
  const years: Array<{ year: number } & Span> = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++)
    years.push({
      year: y,
      ...span(`${y}-01-01` < start ? start : `${y}-01-01`, `${y}-12-31` > end ? end : `${y}-12-31`),
    });
  // the axis: years, or a single year's quarters (the year filter windows the roadmap to one year)
  const oneYear = start.slice(0, 4) === end.slice(0, 4);
  const ticks: Array<{ key: string; label: string } & Span> = oneYear
    ? (["01-01", "04-01", "07-01", "10-01"] as const).map((from, i) => {
        const y = start.slice(0, 4);
        const to = ["03-31", "06-30", "09-30", "12-31"][i]!;
        const a = `${y}-${from}` < start ? start : `${y}-${from}`;
        const b = `${y}-${to}` > end ? end : `${y}-${to}`;
        return { key: `${y}Q${i + 1}`, label: `${y}Q${i + 1}`, ...span(a, b) };
      })
    : years.map((y) => ({
        key: String(y.year),
        label: String(y.year),
        left: y.left,
        width: y.width,
      }));
  return { at, span, years, ticks };
}

/** Groups rows by a key, keeping the first-seen order of the groups. */
export function groupBy<T>(items: T[], key: (t: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups];
}

/** The chapter a plan node code belongs to: "三.（一）.2" → "三"; 专栏 codes keep their box. */
export function chapterOf(code: string | null | undefined): string | null {
  if (!code) return null;
  return code.split(".")[0] ?? null;
}
