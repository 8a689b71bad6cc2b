import { daysBetween, type IsoDate } from "../calendar.ts";

export type TrajectoryIndicator = {
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number | null;
  direction: "INCREASE" | "DECREASE";
  trajectory: "LINEAR" | "COMPOUND";
  accumulation: "LEVEL" | "CUMULATIVE";
};

/**
 * Share of the way from the baseline to the target on `day`, in years: baseline values are
 * year-end figures (2020 → 31 Dec 2020) and so are targets, so each 31 December is a whole
 * step, whatever the length of the year.
 */
export function elapsedFraction(
  ind: Pick<TrajectoryIndicator, "baselineYear" | "targetYear">,
  day: IsoDate,
): number {
  const span = ind.targetYear - ind.baselineYear;
  if (span <= 0) return 1;
  const year = Number(day.slice(0, 4));
  const yearLength = daysBetween(`${year - 1}-12-31`, `${year}-12-31`);
  const years = year - 1 - ind.baselineYear + daysBetween(`${year - 1}-12-31`, day) / yearLength;
  return Math.min(1, Math.max(0, years / span));
}

/** Annual growth rate r with b·Σ(1+r)^k for k = 1..n equal to total (bisection; amounts grow each year). */
function cumulativeGrowthRate(b: number, n: number, total: number): number {
  const sum = (r: number) => {
    let s = 0;
    for (let k = 1; k <= n; k++) s += b * (1 + r) ** k;
    return s;
  };
  let lo = -0.99,
    hi = 10;
  if (sum(lo) > total || sum(hi) < total) return 0;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (sum(mid) < total) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The value the indicator should show on `day` if it moves steadily from baseline to target:
 * linear or compound, level or cumulative (a total over the plan period, such as 技术合同成交额累计).
 * Null when the plan gives no way to tell (a level indicator without a baseline).
 */
export function expectedValue(ind: TrajectoryIndicator, day: IsoDate): number | null {
  if (ind.targetValue === null) return null;
  const f = elapsedFraction(ind, day);
  const target = ind.targetValue;
  if (ind.accumulation === "CUMULATIVE") {
    const b = ind.baselineValue;
    const years = ind.targetYear - ind.baselineYear;
    if (ind.trajectory === "COMPOUND" && b !== null && b > 0 && years > 0) {
      const r = cumulativeGrowthRate(b, years, target);
      const t = f * years;
      const whole = Math.floor(t);
      let value = 0;
      for (let k = 1; k <= whole; k++) value += b * (1 + r) ** k;
      if (whole < years) value += (t - whole) * b * (1 + r) ** (whole + 1);
      return value;
    }
    return target * f;
  }
  const b = ind.baselineValue;
  if (b === null) return null;
  if (ind.trajectory === "COMPOUND" && b > 0 && target > 0) return b * (target / b) ** f;
  return b + (target - b) * f;
}

/**
 * Points of the expected path at each year end from baseline to target, for charts. With annual
 * targets (issue #18) a year that has one ends on it (expectedValueWithTargets is straight within
 * such a year, so the year-end points draw it exactly); without, the trajectory's own points.
 */
export function trajectoryPoints(
  ind: TrajectoryIndicator,
  targets: ReadonlyArray<{ year: number; value: number }> = [],
): Array<{ day: IsoDate; value: number | null }> {
  const points: Array<{ day: IsoDate; value: number | null }> = [];
  const last = Math.max(ind.targetYear, ...targets.map((t) => t.year));
  for (let y = ind.baselineYear; y <= last; y++) {
    const own = targets.find((t) => t.year === y);
    points.push({
      day: `${y}-12-31`,
      value:
        own?.value ??
        expectedValue(ind, `${y}-12-31`) ??
        (y === ind.baselineYear ? ind.baselineValue : null),
    });
  }
  return points;
}
