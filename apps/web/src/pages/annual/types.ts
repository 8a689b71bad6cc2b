import type { RouterOutputs } from "../../lib/trpc.ts";

export type AnnualDetail = RouterOutputs["annualPlan"]["get"];
export type AnnualItem = AnnualDetail["items"][number];
