import type { RouterOutputs } from "../../lib/trpc.ts";
import type { TargetOption } from "./TargetsPicker.tsx";

/** The 待分解 / 已下达 lists (cascade.list). */
export type AssignmentList = RouterOutputs["cascade"]["list"];
export type AssignmentItem = AssignmentList["assignments"][number];
/** One assignment with its parent item read-only (cascade.get). */
export type AssignmentView = RouterOutputs["cascade"]["get"];
/** A task's place in the cascade (cascade.taskTree). */
export type TaskTree = RouterOutputs["cascade"]["taskTree"];
export type CascadeOptions = RouterOutputs["cascade"]["options"];

/** The 下达 form's choices from cascade.options. */
export function targetOptions(o: CascadeOptions): TargetOption[] {
  return o.children.map((c) => ({
    id: c.id,
    name: c.name,
    plans: c.plans.map((p) => ({ id: p.id, title: p.title })),
    assigned: c.assigned,
  }));
}
