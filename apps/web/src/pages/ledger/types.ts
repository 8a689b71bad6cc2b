import type { ReactNode } from "react";

import type { RouterOutputs } from "../../lib/trpc.ts";

export type Grid = RouterOutputs["ledger"]["grid"];
export type GridRow = Grid["rows"][number];
export type GridCell = GridRow["cells"][number];
export type Entry = RouterOutputs["ledger"]["entry"];
export type QueueEntry = RouterOutputs["ledger"]["reviewQueue"][number];
export type HistoryEntry = RouterOutputs["ledger"]["history"][number];
export type Cycle = RouterOutputs["ledger"]["cycles"][number];

/** The cell a user opened: which task, which unit's report, which quarter. */
export type OpenCell = { row: GridRow; cell: GridCell; canReport: boolean };

/** What the ledger's two views take (LedgerTable on a screen, LedgerCards on a phone). */
export type LedgerViewProps = {
  grid: Grid;
  /** the quarters shown, in the grid's order (oldest first) */
  periods: Array<{ period: string; i: number }>;
  unitName: (row: GridRow) => string;
  showRole: boolean;
  cell: (row: GridRow, period: string, i: number) => ReactNode;
  onPage: (page: number, pageSize: number) => void;
};
