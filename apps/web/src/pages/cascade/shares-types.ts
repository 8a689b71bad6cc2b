import type { RouterOutputs } from "../../lib/trpc.ts";

/** A parent indicator's shares side by side with the roll-up (district.indicatorShares). */
export type SharesView = RouterOutputs["district"]["indicatorShares"];
export type ShareRow = SharesView["children"][number];
