import { useQuery } from "@tanstack/react-query";

import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { UnitGroups } from "./ChildTasksFields.tsx";

type Unit = { id: string; name: string; active: boolean; kind?: "DEPARTMENT" | "TOWN" };

/**
 * The active units of a jurisdiction as grouped picker options: its departments, then its towns
 * (乡镇/街道 take tasks as units, issue #19). The office's list carries each unit's kind; a list
 * without it is one group.
 */
export function groupUnits(
  units: readonly Unit[] | undefined,
  groupLabel: (kind: "DEPARTMENT" | "TOWN") => string,
): UnitGroups {
  const active = (units ?? []).filter((u) => u.active);
  const groups: UnitGroups = [];
  for (const kind of ["DEPARTMENT", "TOWN"] as const) {
    const of = active.filter((u) => (u.kind ?? "DEPARTMENT") === kind);
    if (of.length)
      groups.push({
        label: groupLabel(kind),
        options: of.map((u) => ({ value: u.id, label: u.name })),
      });
  }
  return groups;
}

/** The grouped units of `jurisdictionId` (admin.departments), for the 分解 and 细化 forms. */
export function useUnitGroups(jurisdictionId: string | null | undefined) {
  const trpc = useTRPC();
  const labels = useLabels();
  const query = useQuery({
    ...trpc.admin.departments.queryOptions({ jurisdictionId: jurisdictionId ?? "" }),
    enabled: !!jurisdictionId,
  });
  return {
    units: groupUnits(query.data as Unit[] | undefined, (k) => labels.departmentKind(k)),
    loading: query.isPending && !!jurisdictionId,
  };
}
