import type { RouterOutputs } from "../../lib/trpc.ts";

export type PlanDocument = RouterOutputs["plan"]["document"];
export type IndicatorList = RouterOutputs["indicator"]["list"];
export type IndicatorRow = IndicatorList["indicators"][number];
export type IndicatorWarning = IndicatorList["warnings"][number];
export type Observation = RouterOutputs["indicator"]["history"][number];
/** An indicator as parsed from the plan document (no observations). */
export type Indicator = PlanDocument["indicators"][number];
