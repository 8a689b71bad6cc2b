import type { RouterOutputs } from "../../lib/trpc.ts";

export type TaskList = RouterOutputs["task"]["list"];
export type TaskItem = TaskList["items"][number];
export type TaskDetail = RouterOutputs["task"]["get"];
