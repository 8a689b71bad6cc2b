import { Empty } from "antd";

import { Chart } from "../../components/chart/Chart.tsx";
import { indicatorLight } from "../../components/indicator/lights.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { chartData } from "./trajectory.ts";
import type { IndicatorRow } from "./types.ts";

/**
 * The expected path in force (dashed; the 年度目标 replace the trajectory for their years), the
 * plan's original path when the baseline or target was adjusted (dotted, issue #18), the annual
 * targets as diamonds, and the reported values, each point in its light's colour.
 */
export function TrajectoryChart({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useI18n();
  const labels = useLabels();
  const data = chartData(indicator.path, indicator.series);
  const original = indicator.originalPath ? chartData(indicator.originalPath, []).expected : null;
  const targetPoints = indicator.annualTargets.map(
    (p) => [p.year, Math.round(p.value * 1000) / 1000] as [number, number],
  );
  if (data.expected.length < 2 && !data.reported.length)
    return <Empty description={t("indicators.noTrajectory")} />;
  const target = indicator.targetValue;
  return (
    <Chart
      label={`${indicator.name} ${t("indicators.trajectory")}：${data.reported.map((r) => `${r.period} ${r.value[1]}`).join("，") || t("indicators.noValue")}`}
      height={280}
      option={{
        tooltip: { trigger: "item" },
        legend: { top: 0 },
        // four legend entries wrap to two lines on a phone: leave them room above the plot
        grid: {
          left: 8,
          right: 72,
          top: original || targetPoints.length ? 60 : 36,
          bottom: 8,
          containLabel: true,
        },
        // year ends sit on the year: a value "for 2026" is drawn at 2026, quarters in between
        xAxis: {
          type: "value",
          min: Math.min(indicator.baselineYear, ...(original ?? []).map((p) => p[0])),
          max: Math.max(
            indicator.targetYear,
            ...(original ?? []).map((p) => p[0]),
            ...targetPoints.map((p) => p[0]),
            ...data.reported.map((r) => Math.ceil(r.value[0])),
          ),
          interval: 1,
          axisLabel: { formatter: (v: number) => String(v) },
        },
        yAxis: { type: "value", scale: true, name: indicator.unit ?? "" },
        series: [
          {
            name: t("indicators.expectedPath"),
            type: "line",
            data: data.expected,
            lineStyle: { type: "dashed" },
            itemStyle: { color: "#8c8c8c" },
            ...(target !== null
              ? {
                  markLine: {
                    symbol: "none",
                    silent: true,
                    label: { formatter: `${t("indicators.target")} ${target}` },
                    lineStyle: { color: "#8c8c8c", type: "dotted" },
                    data: [{ yAxis: target }],
                  },
                }
              : {}),
          },
          ...(original
            ? [
                {
                  name: t("indicators.originalPath"),
                  type: "line" as const,
                  data: original,
                  symbol: "none",
                  lineStyle: { type: "dotted" as const, color: "#bfbfbf" },
                  itemStyle: { color: "#bfbfbf" },
                },
              ]
            : []),
          ...(targetPoints.length
            ? [
                {
                  name: t("indicators.annualTargetPoints"),
                  type: "scatter" as const,
                  symbol: "diamond",
                  symbolSize: 12,
                  data: targetPoints,
                  itemStyle: { color: "#1677ff" },
                },
              ]
            : []),
          {
            name: t("indicators.reported"),
            type: "line",
            symbolSize: 10,
            itemStyle: { color: "#b8202e" },
            lineStyle: { color: "#b8202e" },
            tooltip: {
              formatter: (p: { dataIndex: number }) => {
                const r = data.reported[p.dataIndex]!;
                return `${r.period}：${r.value[1]}<br/>${t("indicators.expectedNow")}：${r.expected ?? "—"}<br/>${labels.indicatorStatus(r.status)}`;
              },
            },
            data: data.reported.map((r) => ({
              value: r.value,
              itemStyle: {
                color: indicatorLight[r.status].color,
                borderColor: "#fff",
                borderWidth: 1,
              },
            })),
          },
        ],
      }}
    />
  );
}
