import type { DbOrTx } from "@duban/db";

import { expectedValueWithTargets, type AnnualTargetPoint } from "../indicators/annual-targets.ts";
import type { TrajectoryIndicator } from "../indicators/trajectory.ts";

/** One indicator's series for the evaluation's trajectory chart (reports/charts.ts). */
export type IndicatorSeries = {
  /** the expected value at each year-end from the baseline year to the target year */
  expected: Array<{ year: number; value: number | null }>;
  /** the 年度目标 in force on the evaluation's date (whole jurisdiction) */
  annualTargets: AnnualTargetPoint[];
  /** the last value reported for each year (whole jurisdiction), up to the evaluation's date */
  reported: Array<{ year: number; value: number }>;
};

/**
 * The whole-jurisdiction 年度目标 of each indicator as they stood at `asOfEnd` (set by then, not
 * yet replaced), keyed by indicator id, years ascending. One query.
 */
export async function annualTargetsAt(
  db: DbOrTx,
  indicatorIds: readonly string[],
  asOfEnd: Date,
): Promise<Map<string, AnnualTargetPoint[]>> {
  const out = new Map<string, AnnualTargetPoint[]>();
  if (!indicatorIds.length) return out;
  const rows = await db.indicatorAnnualTarget.findMany({
    where: {
      indicatorId: { in: [...indicatorIds] },
      districtId: null,
      departmentId: null,
      setAt: { lte: asOfEnd },
      OR: [{ supersededAt: null }, { supersededAt: { gt: asOfEnd } }],
    },
    orderBy: [{ year: "asc" }, { setAt: "asc" }, { id: "asc" }],
    select: { indicatorId: true, year: true, value: true },
  });
  for (const r of rows) {
    const list = (out.get(r.indicatorId) ?? []).filter((t) => t.year !== r.year);
    out.set(r.indicatorId, [...list, { year: r.year, value: r.value }]);
  }
  return out;
}

/**
 * An indicator's trajectory for the chart: expected year-end values (expectedValueWithTargets:
 * the year's target where set, the trajectory otherwise), its targets and the values reported
 * (`observations` already limited to the whole jurisdiction, current on the evaluation's date,
 * in period order; the last of each year counts).
 */
export function indicatorSeries(
  ind: TrajectoryIndicator,
  targets: readonly AnnualTargetPoint[],
  observations: ReadonlyArray<{ period: string; value: number }>,
): IndicatorSeries {
  const expected: IndicatorSeries["expected"] = [];
  for (let year = ind.baselineYear; year <= ind.targetYear; year++) {
    const value =
      year === ind.baselineYear && targets.every((t) => t.year !== year)
        ? ind.accumulation === "CUMULATIVE"
          ? 0
          : ind.baselineValue
        : expectedValueWithTargets(ind, targets, `${year}-12-31`);
    expected.push({ year, value: value === null ? null : Math.round(value * 100) / 100 });
  }
  const byYear = new Map<number, number>();
  for (const o of observations) byYear.set(Number(o.period.slice(0, 4)), o.value);
  return {
    expected,
    annualTargets: [...targets],
    reported: [...byYear.entries()].map(([year, value]) => ({ year, value })),
  };
}
