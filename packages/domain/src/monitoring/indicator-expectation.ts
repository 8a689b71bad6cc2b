import { daysBetween, type IsoDate } from "../calendar.ts";

/**
 * A deliberately simple stand-in for the trajectory maths (packages/domain/src/indicators will
 * replace it): the value expected at `day` on a straight line from the baseline (end of the base
 * year) to the target (end of the target year).
 */
export function linearExpectedValue(
  ind: {
    baselineYear: number;
    baselineValue: number | null;
    targetYear: number;
    targetValue: number | null;
  },
  day: IsoDate,
): number | null {
  if (ind.baselineValue === null || ind.targetValue === null) return null;
  const start = `${ind.baselineYear}-12-31`;
  const end = `${ind.targetYear}-12-31`;
  const span = daysBetween(start, end);
  if (span <= 0) return ind.targetValue;
  const f = Math.min(1, Math.max(0, daysBetween(start, day) / span));
  return Math.round((ind.baselineValue + (ind.targetValue - ind.baselineValue) * f) * 1000) / 1000;
}

export type IndicatorStanding = "ON_TRACK" | "AT_RISK" | "OFF_TRACK" | "NO_DATA";

const DEFAULT_AT_RISK = 0.05;
const DEFAULT_OFF_TRACK = 0.15;

/** How far the actual value falls short of the expected one, as a fraction of the expected change. */
export function indicatorStanding(
  ind: {
    direction: "INCREASE" | "DECREASE";
    baselineValue: number | null;
    atRiskThreshold: number | null;
    offTrackThreshold: number | null;
  },
  expected: number | null,
  actual: number | null,
): IndicatorStanding {
  if (expected === null || actual === null) return "NO_DATA";
  const scale = Math.abs(expected - (ind.baselineValue ?? 0)) || Math.abs(expected) || 1;
  const shortfall = (ind.direction === "INCREASE" ? expected - actual : actual - expected) / scale;
  if (shortfall >= (ind.offTrackThreshold ?? DEFAULT_OFF_TRACK)) return "OFF_TRACK";
  if (shortfall >= (ind.atRiskThreshold ?? DEFAULT_AT_RISK)) return "AT_RISK";
  return "ON_TRACK";
}
