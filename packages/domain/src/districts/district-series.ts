import type { IsoDate } from "../calendar.ts";
import { indicatorStatusLabels } from "../i18n/labels.ts";
import {
  indicatorStatusOn,
  type IndicatorAssessment,
  type StatusIndicator,
} from "../indicators/indicator-status.ts";
import { targetsFor, type TargetRow } from "../indicators/target-sets.ts";
import { trajectoryPoints } from "../indicators/trajectory.ts";
import { periodEnd } from "../periods.ts";

/**
 * The indicator as one 片区 is judged: the indicator's direction, trajectory method, accumulation
 * and thresholds with the 片区's own 基期值 / 目标值 (IndicatorDistrict), so the 片区's
 * trajectory runs from its baseline to its target by the indicator's method (issue #19).
 */
export function districtStatusIndicator<T extends StatusIndicator>(
  indicator: T,
  config: { baselineValue: number | null; targetValue: number | null },
): T {
  return { ...indicator, baselineValue: config.baselineValue, targetValue: config.targetValue };
}

/**
 * The 年度目标 of one 片区 (IndicatorAnnualTarget rows with its districtId): each wins for its
 * year over the 片区's trajectory. The whole jurisdiction's targets are totals and never judge a
 * 片区 that has its own baseline/target.
 */
export function districtTargets(rows: readonly TargetRow[] | undefined, districtId: string) {
  return targetsFor(
    (rows ?? []).filter((r) => r.districtId === districtId),
    { districtId },
  );
}

export type SeriesPoint = IndicatorAssessment & { period: string; day: IsoDate; value: number };

/**
 * One judged series (a 片区's, a child jurisdiction's share, or a total): each quarter's value with
 * indicatorStatusOn against `targets`, the expected path, and the status of the latest quarter
 * on or before `asOf` (NO_DATA at `asOf` when none).
 */
export function judgedSeries(
  ind: StatusIndicator,
  targets: ReadonlyArray<{ year: number; value: number }>,
  values: ReadonlyArray<{ period: string; value: number }>,
  asOf: IsoDate,
) {
  const series: SeriesPoint[] = values.map((v) => ({
    period: v.period,
    day: periodEnd(v.period),
    value: v.value,
    ...indicatorStatusOn(ind, targets, periodEnd(v.period), v.value),
  }));
  const latest = [...series].reverse().find((s) => s.day <= asOf) ?? null;
  return {
    series,
    latest,
    assessment: latest ?? indicatorStatusOn(ind, targets, asOf, null),
    path: trajectoryPoints(ind, targets),
    annualTargets: [...targets],
  };
}

export type RollupWarning = {
  kind: "OFF_TRACK" | "AT_RISK" | "DISAGREES" | "MISSING";
  /** the 片区 (or child jurisdiction) concerned; null for the total */
  partId: string | null;
  period: string;
  message: string;
  messageEn: string;
};

/** OFF_TRACK / AT_RISK of a part's latest value, in both languages. */
export function statusWarning(
  partId: string | null,
  name: string,
  latest: SeriesPoint | null,
): RollupWarning[] {
  if (!latest || (latest.status !== "OFF_TRACK" && latest.status !== "AT_RISK")) return [];
  const label = indicatorStatusLabels[latest.status];
  return [
    {
      kind: latest.status,
      partId,
      period: latest.period,
      message: `${name} ${latest.period} 实际值 ${latest.value} 低于序时目标 ${latest.expected?.toFixed(2)}（${label.zh}）`,
      messageEn: `${name} ${latest.period}: ${latest.value} is behind the expected ${latest.expected?.toFixed(2)} (${label.en})`,
    },
  ];
}

/**
 * The unit that enters a 片区's values of an indicator: the one set for the 片区 on the indicator,
 * else the 片区's own town unit, else the indicator's responsible unit (issue #19). Null: the office only.
 */
export function districtUnitId(
  config: { responsibleDepartmentId: string | null },
  district: { departmentId: string | null },
  indicator: { responsibleDepartmentId: string | null },
): string | null {
  return (
    config.responsibleDepartmentId ??
    district.departmentId ??
    indicator.responsibleDepartmentId ??
    null
  );
}
