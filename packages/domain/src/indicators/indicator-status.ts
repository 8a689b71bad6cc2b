import type { IsoDate } from "../calendar.ts";
import { expectedValue, type TrajectoryIndicator } from "./trajectory.ts";

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

export function assessIndicator(
  ind: StatusIndicator,
  day: IsoDate,
  actual: number | null,
): IndicatorAssessment {
  const expected = expectedValue(ind, day);
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
