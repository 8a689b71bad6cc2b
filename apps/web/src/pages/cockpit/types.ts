import type { RouterOutputs } from "../../lib/trpc.ts";

export type CockpitData = RouterOutputs["cockpit"]["summary"];
export type CockpitJurisdictionRow = CockpitData["jurisdictions"][number];
export type CockpitCompletion = CockpitJurisdictionRow["subtree"];
