import { daysBetween, type IsoDate } from "../calendar.ts";
import { expectedValue, type TrajectoryIndicator } from "./trajectory.ts";

/** An indicator's 年度目标 for the whole jurisdiction: the value expected at the end of `year`. */
export type AnnualTargetPoint = { year: number; value: number };

/**
 * The value expected on `day` once annual targets exist (issue #18: set targets replace the
 * straight-line / compound trajectory for their year in every status, warning, chart and export).
 * Inside a year with a target the path runs straight from the previous year-end's expected value
 * (that year's target if set, else the trajectory; the baseline at the base year) to this year's
 * target on 31 December. A year without a target keeps the trajectory. Values are in the
 * indicator's unit, as reported (a level, or the running total of a CUMULATIVE indicator).
 * Null when neither gives a value.
 */
export function expectedValueWithTargets(
  ind: TrajectoryIndicator,
  targets: readonly AnnualTargetPoint[],
  day: IsoDate,
): number | null {
  const year = Number(day.slice(0, 4));
  const target = targets.find((t) => t.year === year);
  if (!target) return expectedValue(ind, day);
  const start = yearEndExpected(ind, targets, year - 1);
  if (start === null) return target.value;
  const yearLength = daysBetween(`${year - 1}-12-31`, `${year}-12-31`);
  const f = Math.min(1, Math.max(0, daysBetween(`${year - 1}-12-31`, day) / yearLength));
  return start + (target.value - start) * f;
}

/** The value expected on 31 December of `year`: its target, the baseline, or the trajectory. */
function yearEndExpected(
  ind: TrajectoryIndicator,
  targets: readonly AnnualTargetPoint[],
  year: number,
): number | null {
  const target = targets.find((t) => t.year === year);
  if (target) return target.value;
  if (year === ind.baselineYear) {
    return ind.accumulation === "CUMULATIVE" ? 0 : ind.baselineValue;
  }
  return expectedValue(ind, `${year}-12-31`);
}
