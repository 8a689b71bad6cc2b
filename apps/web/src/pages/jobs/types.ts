import type { RouterInputs, RouterOutputs } from "../../lib/trpc.ts";

export type JobOverview = RouterOutputs["jobs"]["list"][number];
export type JobName = JobOverview["name"];
export type JobRun = RouterOutputs["jobs"]["runs"][number];
export type RunNowInput = RouterInputs["jobs"]["runNow"];
/** A run's answer, or (a real send-notifications run) the job queued for the worker: `queued` tells. */
export type RunNowResult = RouterOutputs["jobs"]["runNow"];
/** One email a run would send: to whom, what, why, and how it is delivered. */
export type Recipient = NonNullable<Extract<RunNowResult, { queued: false }>["recipients"]>[number];
/** One robot post or SMS a dry run would make (mobile masked), and whether the office forces it. */
export type ChannelLine = NonNullable<Extract<RunNowResult, { queued: false }>["channels"]>[number];
