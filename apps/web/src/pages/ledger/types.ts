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
