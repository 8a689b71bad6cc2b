import type { RouterOutputs } from "../../lib/trpc.ts";

export type PlanDocument = RouterOutputs["plan"]["document"];
export type Indicator = PlanDocument["indicators"][number];
