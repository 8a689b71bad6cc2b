import type { RouterOutputs } from "../../lib/trpc.ts";

export type Completion = RouterOutputs["overview"]["completion"];
export type DepartmentRow = Completion["departments"][number];
export type Problem = Completion["problems"][number];
