import type { IsoDate } from "../calendar.ts";
import { expectedValueWithTargets } from "../indicators/annual-targets.ts";
import { shortfall, thresholdsOf, type IndicatorStatus } from "../indicators/indicator-status.ts";
import { periodEnd } from "../periods.ts";
import type { IndicatorRow } from "./types.ts";

/**
 * The status of one indicator for the assessment (INDICATOR_ATTAINMENT), in one small function so
 * the indicator-status rule can be swapped for the unified one at merge (issue #18, `targets`).
 * The latest reported value is compared with the value expected at the end of its own quarter:
 * the year's annual target where set, else the trajectory (expectedValueWithTargets), with the
 * indicator's thresholds (thresholdsOf). NO_TRAJECTORY when nothing is expected; NO_DATA when
 * nothing was reported. `_asOf` is kept for the unified rule's signature.
 */
export function indicatorStatusForScore(
  row: IndicatorRow,
  _asOf: IsoDate,
): { status: IndicatorStatus; expected: number | null; actual: number | null } {
  if (!row.actual) {
    const probe = expectedValueWithTargets(row.indicator, row.targets, _asOf);
    return { status: probe === null ? "NO_TRAJECTORY" : "NO_DATA", expected: probe, actual: null };
  }
  const expected = expectedValueWithTargets(
    row.indicator,
    row.targets,
    periodEnd(row.actual.period),
  );
  if (expected === null) return { status: "NO_TRAJECTORY", expected, actual: row.actual.value };
  const s = shortfall(row.indicator.direction, expected, row.actual.value);
  const t = thresholdsOf(row.indicator);
  return {
    status: s > t.offTrack ? "OFF_TRACK" : s > t.atRisk ? "AT_RISK" : "ON_TRACK",
    expected,
    actual: row.actual.value,
  };
}
