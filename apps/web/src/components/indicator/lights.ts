import type { IndicatorStatusKey } from "@duban/domain/i18n";

/** The assessment statuses the server gives an indicator (packages/domain/src/indicators/indicator-status.ts). */
export type { IndicatorStatusKey };

/** Dot colour and a text colour with at least 4.5:1 contrast on white. */
export const indicatorLight: Record<IndicatorStatusKey, { color: string; text: string }> = {
  ON_TRACK: { color: "#52c41a", text: "#25600a" },
  AT_RISK: { color: "#faad14", text: "#7c4a03" },
  OFF_TRACK: { color: "#f5222d", text: "#a8071a" },
  NO_DATA: { color: "#bfbfbf", text: "#595959" },
  NO_TRAJECTORY: { color: "#bfbfbf", text: "#595959" },
};

/** Worst first, for sorting and summaries. */
export const STATUS_ORDER: IndicatorStatusKey[] = [
  "OFF_TRACK",
  "AT_RISK",
  "ON_TRACK",
  "NO_DATA",
  "NO_TRAJECTORY",
];
