import { Skeleton } from "antd";
import { useEffect, useState, type ComponentType } from "react";

import type { DepartmentRow } from "./types.ts";

type ChartComponent = ComponentType<{ departments: DepartmentRow[] }>;

// ECharts (≈640 kB) is its own chunk: the figures and the ranking table never wait for it.
let loaded: ChartComponent | null = null;
export const loadChart = () =>
  import("./CompletionChart.tsx").then((m) => (loaded = m.CompletionChart));

/**
 * The completion chart, fetched in parallel with the page's data. Deliberately not React.lazy:
 * a Suspense boundary holds a revealed fallback for ~300 ms, which delayed the chart by that much
 * even when its code had arrived long before the data.
 */
export function LazyCompletionChart({ departments }: { departments: DepartmentRow[] }) {
  const [Chart, setChart] = useState<ChartComponent | null>(() => loaded);
  useEffect(() => {
    if (Chart) return;
    let live = true;
    void loadChart().then((c) => live && setChart(() => c));
    return () => {
      live = false;
    };
  }, [Chart]);
  return Chart ? <Chart departments={departments} /> : <Skeleton active paragraph={{ rows: 6 }} />;
}
