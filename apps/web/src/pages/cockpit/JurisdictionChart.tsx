import { Empty } from "antd";

import { Chart } from "../../components/chart/Chart.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor } from "../../lib/status-colors.ts";
import type { CockpitJurisdictionRow } from "./types.ts";

/**
 * Completion per jurisdiction: one bar per jurisdiction below the root (with everything below it),
 * or the root's own when it has none, split by schedule state. `dark`: the 大屏's colours.
 */
export function JurisdictionChart({
  rows,
  dark = false,
  height,
}: {
  rows: CockpitJurisdictionRow[];
  dark?: boolean;
  height?: number;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!rows.length) return <Empty description={t("common.empty")} />;
  // ECharts draws the first category at the bottom: reverse so the tree order reads downwards
  const shown = [...rows].reverse();
  const text = dark ? "#e6f4ff" : undefined;
  const series = (
    [
      ["COMPLETED", "completed", scheduleColor.COMPLETED],
      ["ON_SCHEDULE", "onSchedule", scheduleColor.ON_SCHEDULE],
      ["LAGGING", "lagging", scheduleColor.LAGGING],
      ["OVERDUE", "overdue", scheduleColor.OVERDUE],
    ] as const
  ).map(([state, field, color]) => ({
    name: labels.schedule(state),
    type: "bar" as const,
    stack: "tasks",
    itemStyle: { color },
    barMaxWidth: dark ? 28 : 18,
    data: shown.map((r) => r.subtree[field]),
  }));
  return (
    <Chart
      label={t("cockpit.byJurisdiction")}
      height={height ?? Math.max(220, shown.length * (dark ? 40 : 30) + 70)}
      option={{
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0, textStyle: { color: text, fontSize: dark ? 16 : 12 } },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1, axisLabel: { color: text } },
        yAxis: {
          type: "category",
          data: shown.map((r) => `${r.name} ${r.subtree.completionRate}%`),
          axisLabel: { width: 160, overflow: "truncate", color: text, fontSize: dark ? 16 : 12 },
        },
        series,
      }}
    />
  );
}
