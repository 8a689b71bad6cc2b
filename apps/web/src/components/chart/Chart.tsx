import type { EChartsOption } from "echarts";
import ReactEChartsCore from "echarts-for-react/esm/core.js";

import { echarts } from "./echarts.ts";

/**
 * A chart with the ARIA description on (screen readers get a summary) and SVG rendering (crisp
 * at any zoom, and text stays selectable in screenshots and prints). No animation: the figures are
 * the point, and a chart drawn at once is ready sooner.
 */
export function Chart({
  option,
  height = 320,
  label,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
}) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, animation: false, ...option }}
        style={{ height }}
        notMerge
        lazyUpdate
        opts={{ renderer: "svg" }}
      />
    </div>
  );
}
