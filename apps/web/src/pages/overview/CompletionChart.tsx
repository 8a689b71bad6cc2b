import { Empty } from "antd";

import { Chart } from "../../components/chart/Chart.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor } from "../../lib/status-colors.ts";
import type { DepartmentRow } from "./types.ts";

/** Stacked horizontal bars: one row per lead unit, its tasks split by schedule state. */
export function CompletionChart({ departments }: { departments: DepartmentRow[] }) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!departments.length) return <Empty description={t("common.empty")} />;
  // ECharts draws the first category at the bottom: reverse so the best-ranked unit is on top
  const rows = [...departments].reverse();
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
    barMaxWidth: 18,
    data: rows.map((r) => r[field]),
  }));
  return (
    <Chart
      label={t("overview.byDepartment")}
      height={Math.max(220, rows.length * 30 + 70)}
      option={{
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category",
          data: rows.map((r) => r.name),
          axisLabel: { width: 120, overflow: "truncate" },
        },
        series,
      }}
    />
  );
}
