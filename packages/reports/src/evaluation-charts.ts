import { trajectoryChart, type ChartImage } from "./charts.ts";
import type { EvaluationDocument } from "./evaluation-types.ts";
import type { OfficialBlock } from "./official/official-types.ts";

export const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** a figure as printed in a table: rounded to two decimals, no trailing zeros; — when unknown */
export const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : String(Math.round(v * 100) / 100);

/** a rendered chart as a block of the official document; none when it could not be drawn */
export const chartBlock = (caption: string, chart: ChartImage | null): OfficialBlock[] =>
  chart ? [{ kind: "chart", caption, ...chart }] : [];

/** at most this many trajectory charts per document (each costs ~0.2 s to render) */
const MAX_CHARTS = 30;

/**
 * One trajectory chart per indicator that has something to draw (an expected path or a reported
 * value), in indicator order: expected path, annual targets when set, reported values.
 */
export function indicatorCharts(data: EvaluationDocument): OfficialBlock[] {
  return data.indicators
    .filter(
      (i) =>
        i.trajectory &&
        (i.trajectory.reported.length > 0 || i.trajectory.expected.some((e) => e.value !== null)),
    )
    .slice(0, MAX_CHARTS)
    .flatMap((i) =>
      chartBlock(
        `图 ${i.number}  ${i.name}${i.unit ? `（${i.unit}）` : ""}：序时目标与实际值`,
        trajectoryChart({ name: i.name, unit: i.unit, ...i.trajectory! }),
      ),
    );
}
