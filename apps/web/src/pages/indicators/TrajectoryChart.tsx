import { Empty } from "antd";

import { Chart } from "../../components/chart/Chart.tsx";
import { indicatorLight } from "../../components/indicator/lights.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { chartData } from "./trajectory.ts";
import type { IndicatorRow } from "./types.ts";

/** The expected path from baseline to target (dashed) and the reported values, each point in its light's colour. */
export function TrajectoryChart({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useI18n();
  const labels = useLabels();
  const data = chartData(indicator.path, indicator.series);
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
        grid: { left: 8, right: 72, top: 36, bottom: 8, containLabel: true },
        // year ends sit on the year: a value "for 2026" is drawn at 2026, quarters in between
        xAxis: {
          type: "value",
          min: indicator.baselineYear,
          max: Math.max(indicator.targetYear, ...data.reported.map((r) => Math.ceil(r.value[0]))),
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
