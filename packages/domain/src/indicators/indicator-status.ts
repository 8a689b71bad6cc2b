import type { IsoDate } from "../calendar.ts";
import { expectedValueWithTargets, type AnnualTargetPoint } from "./annual-targets.ts";
import type { TrajectoryIndicator } from "./trajectory.ts";

export type IndicatorStatus = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "NO_DATA" | "NO_TRAJECTORY";

/** Shortfall against the trajectory (a fraction of the expected value) at which a warning starts. */
export const DEFAULT_THRESHOLDS = { atRisk: 0.05, offTrack: 0.15 };
/** 约束性 (binding) indicators are commitments: they warn at half the shortfall. */
export const BINDING_FACTOR = 0.5;

export type StatusIndicator = TrajectoryIndicator & {
  nature: "EXPECTED" | "BINDING";
  atRiskThreshold: number | null;
  offTrackThreshold: number | null;
};

export function thresholdsOf(
  ind: Pick<StatusIndicator, "nature" | "atRiskThreshold" | "offTrackThreshold">,
) {
  const factor = ind.nature === "BINDING" ? BINDING_FACTOR : 1;
  return {
    atRisk: ind.atRiskThreshold ?? DEFAULT_THRESHOLDS.atRisk * factor,
    offTrack: ind.offTrackThreshold ?? DEFAULT_THRESHOLDS.offTrack * factor,
  };
}

/** How far the actual value falls short of the expected one, direction-aware; 0 when ahead. */
export function shortfall(
  direction: "INCREASE" | "DECREASE",
  expected: number,
  actual: number,
): number {
  const gap = direction === "INCREASE" ? expected - actual : actual - expected;
  if (gap <= 0) return 0;
  return gap / Math.max(Math.abs(expected), 1e-9);
}

export type IndicatorAssessment = {
  status: IndicatorStatus;
  expected: number | null;
  actual: number | null;
  shortfall: number | null;
};

/**
 * An indicator's status on `day` given the value reported for it (`actual`, null when none), the
 * one judgement every status, warning, chart, export, evaluation, quarterly summary and score uses
 * (issue #18): the expected value is expectedValueWithTargets — the year's 年度目标 where set, the
 * straight-line / compound trajectory otherwise — and the shortfall is measured against it with
 * the indicator's thresholds (thresholdsOf). Pass the targets of the view being judged:
 * `targetsFor(rows)` for the whole jurisdiction, `targetsFor(rows, { districtId })` for a 片区's
 * value, `targetsFor(rows, { departmentId })` for a unit's (target-sets.ts). NO_TRAJECTORY when
 * nothing gives an expected value, NO_DATA when nothing was reported.
 */
export function indicatorStatusOn(
  ind: StatusIndicator,
  targets: readonly AnnualTargetPoint[],
  day: IsoDate,
  actual: number | null,
): IndicatorAssessment {
  const expected = expectedValueWithTargets(ind, targets, day);
  if (expected === null) return { status: "NO_TRAJECTORY", expected, actual, shortfall: null };
  if (actual === null) return { status: "NO_DATA", expected, actual, shortfall: null };
  const s = shortfall(ind.direction, expected, actual);
  const t = thresholdsOf(ind);
  return {
    status: s > t.offTrack ? "OFF_TRACK" : s > t.atRisk ? "AT_RISK" : "ON_TRACK",
    expected,
    actual,
    shortfall: s,
  };
}
