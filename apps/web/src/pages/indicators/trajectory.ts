/**
 * The linear target path from baseline to target, one point per year: the value an indicator
 * "should" have reached by each year-end if it moved evenly. Null when either end is unknown.
 */
export function linearPath(i: { baselineYear: number; baselineValue: number | null; targetYear: number; targetValue: number | null }): Array<[number, number]> | null {
  if (i.baselineValue === null || i.targetValue === null || i.targetYear <= i.baselineYear) return null;
  const span = i.targetYear - i.baselineYear;
  const out: Array<[number, number]> = [];
  for (let y = i.baselineYear; y <= i.targetYear; y++) {
    out.push([y, round(i.baselineValue + ((i.targetValue - i.baselineValue) * (y - i.baselineYear)) / span)]);
  }
  return out;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Numbers as people write them in plans: no trailing zeros, thousands unseparated. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return String(round(v));
}
