import type { LedgerCellKey } from "@duban/domain/i18n";

import { useLabels } from "../../lib/labels.ts";
import { cellStyle } from "../../lib/status-colors.ts";

/** One ledger cell: a button when the user can act on it, plain text otherwise. */
export function CellTag({
  state,
  percent,
  onClick,
  label,
}: {
  state: LedgerCellKey;
  percent?: number | null;
  onClick?: () => void;
  label?: string;
}) {
  const labels = useLabels();
  const s = cellStyle[state];
  const text = `${labels.cell(state)}${percent !== null && percent !== undefined ? ` ${percent}%` : ""}`;
  const style = { background: s.background, color: s.color, borderColor: s.border };
  if (!onClick)
    return (
      <span className="ledger-cell" style={style}>
        {text}
      </span>
    );
  return (
    <button
      type="button"
      className="ledger-cell"
      style={style}
      onClick={onClick}
      aria-label={label ? `${label}：${text}` : text}
    >
      {text}
    </button>
  );
}
