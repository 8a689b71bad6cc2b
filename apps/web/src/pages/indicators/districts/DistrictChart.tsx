import { Empty } from "antd";

import { Chart } from "../../../components/chart/Chart.tsx";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { shownPeriods, type DistrictView } from "./types.ts";

const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);

/**
 * The 片区 side by side (issue #19): for each of the latest quarters a bar per 片区, its expected
 * value (its own trajectory and 年度目标) as a marker on the bar, and the total on the right
 * axis (a sum dwarfs its parts).
 */
export function DistrictChart({ view }: { view: DistrictView }) {
  const { t } = useI18n();
  const labels = useLabels();
  const periods = shownPeriods(view, 8);
  if (!periods.length || !view.districts.length)
    return <Empty description={t("districts.noValues")} />;
  const summary = view.districts
    .map((d) => `${d.name} ${d.latest ? `${d.latest.period} ${d.latest.value}` : "—"}`)
    .join("，");
  const totals = new Map(view.total.map((r) => [r.period, r]));
  return (
    <Chart
      label={`${view.indicator.name} ${t("districts.chart")}：${summary}`}
      height={320}
      option={{
        tooltip: { trigger: "axis" },
        legend: { top: 0, type: "scroll" },
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: periods.map((p) => labels.period(p)) },
        yAxis: [
          { type: "value", scale: true, name: view.indicator.unit ?? "" },
          { type: "value", scale: true, name: t("districts.total"), splitLine: { show: false } },
        ],
        series: [
          ...view.districts.map((d) => {
            const byPeriod = new Map(d.series.map((s) => [s.period, s]));
            return {
              name: d.name,
              type: "bar" as const,
              data: periods.map((p) => round(byPeriod.get(p)?.value ?? null)),
              markPoint: {
                symbol: "diamond",
                symbolSize: 10,
                label: { show: false },
                data: periods.flatMap((p, i) => {
                  const e = byPeriod.get(p)?.expected ?? null;
                  return e === null
                    ? []
                    : [
                        {
                          coord: [i, round(e)!],
                          name: t("indicators.expectedNow"),
                          value: round(e)!,
                        },
                      ];
                }),
              },
            };
          }),
          {
            name: `${t("districts.total")}（${labels.rollupRule(view.indicator.totalRule)}）`,
            type: "line" as const,
            yAxisIndex: 1,
            connectNulls: false,
            itemStyle: { color: "#b8202e" },
            data: periods.map((p) => round(totals.get(p)?.value ?? null)),
          },
        ],
      }}
    />
  );
}
