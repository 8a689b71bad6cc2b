import type { RouterInputs, RouterOutputs } from "../../lib/trpc.ts";

export type JobOverview = RouterOutputs["jobs"]["list"][number];
export type JobName = JobOverview["name"];
export type JobRun = RouterOutputs["jobs"]["runs"][number];
export type RunNowInput = RouterInputs["jobs"]["runNow"];
