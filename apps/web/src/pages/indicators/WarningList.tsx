import { Tag } from "antd";

import { useLabels } from "../../lib/labels.ts";
import type { IndicatorWarning } from "./types.ts";

const color = { OFF_TRACK: "red", AT_RISK: "orange", MISSING: "default" } as const;

/** The server's warnings (its Chinese message), each a button that opens the indicator. */
export function WarningList({
  warnings,
  onSelect,
}: {
  warnings: IndicatorWarning[];
  onSelect?: (indicatorId: string) => void;
}) {
  const labels = useLabels();
  return (
    <ul className="plain-list">
      {warnings.map((w) => (
        <li key={`${w.indicatorId}:${w.kind}:${w.period}`}>
          <Tag color={color[w.kind]}>{labels.indicatorWarning(w.kind)}</Tag>
          {onSelect ? (
            <button type="button" className="link-button" onClick={() => onSelect(w.indicatorId)}>
              {w.message}
            </button>
          ) : (
            w.message
          )}
        </li>
      ))}
    </ul>
  );
}
