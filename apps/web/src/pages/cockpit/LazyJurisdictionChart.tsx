import { Skeleton } from "antd";
import { useEffect, useState, type ComponentProps, type ComponentType } from "react";

import type { JurisdictionChart as ChartType } from "./JurisdictionChart.tsx";

type Props = ComponentProps<typeof ChartType>;

// ECharts is its own chunk (as on the overview): the figures never wait for it
let loaded: ComponentType<Props> | null = null;
export const loadJurisdictionChart = () =>
  import("./JurisdictionChart.tsx").then((m) => (loaded = m.JurisdictionChart));

/** The per-jurisdiction chart, its code fetched in parallel with the cockpit's figures. */
export function LazyJurisdictionChart(props: Props) {
  const [Chart, setChart] = useState<ComponentType<Props> | null>(() => loaded);
  useEffect(() => {
    if (Chart) return;
    let live = true;
    void loadJurisdictionChart().then((c) => live && setChart(() => c));
    return () => {
      live = false;
    };
  }, [Chart]);
  return Chart ? <Chart {...props} /> : <Skeleton active paragraph={{ rows: 6 }} />;
}
