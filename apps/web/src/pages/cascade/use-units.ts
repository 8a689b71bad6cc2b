import { useQuery } from "@tanstack/react-query";

import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { unitGroups } from "./types.ts";

/**
 * The office's active units of `jurisdictionId` (departments, then 乡镇/街道: towns take tasks as
 * units, issue #19) and its active plans, from cascade.options, for the 分解 and 细化 forms.
 */
export function useOfficeOptions(jurisdictionId: string) {
  const trpc = useTRPC();
  const labels = useLabels();
  const query = useQuery(trpc.cascade.options.queryOptions({ jurisdictionId }));
  return {
    query,
    units: query.data ? unitGroups(query.data, (k) => labels.departmentKind(k)) : [],
    plans: query.data?.plans ?? [],
  };
}
