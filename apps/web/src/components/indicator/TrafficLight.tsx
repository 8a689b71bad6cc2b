import { Badge } from "antd";

import { useLabels } from "../../lib/labels.ts";
import { indicatorLight, type IndicatorStatusKey } from "./lights.ts";

/**
 * An indicator's traffic light: green on track, amber at risk, red off track, grey when there is
 * no value or no trajectory. The label is always shown next to the dot, so colour is never the
 * only signal.
 */
export function TrafficLight({ status, detail }: { status: IndicatorStatusKey; detail?: string }) {
  const labels = useLabels();
  const light = indicatorLight[status];
  const text = labels.indicatorStatus(status);
  return (
    <span data-status={status} title={detail} aria-label={detail ? `${text}：${detail}` : text}>
      <Badge color={light.color} text={<span style={{ color: light.text }}>{text}</span>} />
    </span>
  );
}
