import type { RouterOutputs } from "../../lib/trpc.ts";
import type { UnitGroups } from "./ChildTasksFields.tsx";
import type { TargetOption } from "./TargetsPicker.tsx";

/** The 待分解 / 已下达 lists (cascade.list). */
export type AssignmentList = RouterOutputs["cascade"]["list"];
export type AssignmentItem = AssignmentList["items"][number];
/** One assignment with its parent item read-only (cascade.get). */
export type AssignmentView = RouterOutputs["cascade"]["get"];
/** A task's place in the cascade (cascade.taskTree). */
export type TaskTree = RouterOutputs["cascade"]["taskTree"];
/** What the office's cascade forms pick from (cascade.options). */
export type CascadeOptions = RouterOutputs["cascade"]["options"];

/**
 * The 下达 form's choices: the direct child jurisdictions with their active plans; the ones that
 * already carry a live assignment of the item (`assigned`) are shown but not offered again.
 */
export function targetOptions(o: CascadeOptions, assigned: ReadonlySet<string>): TargetOption[] {
  return o.children.map((c) => ({
    id: c.id,
    name: c.name,
    plans: c.plans.map((p) => ({ id: p.id, title: p.title })),
    assigned: assigned.has(c.id),
  }));
}

/** The office's own active units as grouped picker options: departments, then towns. */
export function unitGroups(
  o: Pick<CascadeOptions, "units">,
  groupLabel: (kind: "DEPARTMENT" | "TOWN") => string,
): UnitGroups {
  const groups: UnitGroups = [];
  for (const kind of ["DEPARTMENT", "TOWN"] as const) {
    const of = o.units.filter((u) => u.kind === kind);
    if (of.length)
      groups.push({
        label: groupLabel(kind),
        options: of.map((u) => ({ value: u.id, label: u.name })),
      });
  }
  return groups;
}
