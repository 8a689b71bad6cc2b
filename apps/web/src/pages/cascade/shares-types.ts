import type { RouterOutputs } from "../../lib/trpc.ts";

/** A parent indicator's shares side by side with the roll-up (district.indicatorShares). */
export type SharesView = RouterOutputs["district"]["indicatorShares"];
export type ShareRow = SharesView["children"][number];

/** The quarters shown as columns: the latest `max` with any value, oldest first. */
export function shownSharePeriods(view: Pick<SharesView, "periods">, max = 6): string[] {
  return view.periods.slice(-max);
}
