import type { RouterOutputs } from "../../../lib/trpc.ts";

/** An indicator's 片区 side by side (district.indicatorDistricts). */
export type DistrictView = RouterOutputs["district"]["indicatorDistricts"];
export type DistrictRow = DistrictView["districts"][number];
export type DistrictWarning = DistrictView["warnings"][number];

/** The quarters shown as columns: the latest `max` with any value, oldest first. */
export function shownPeriods(view: Pick<DistrictView, "periods">, max = 6): string[] {
  return view.periods.slice(-max);
}
