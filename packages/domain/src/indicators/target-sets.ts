import type { DbOrTx } from "@duban/db";

import type { AnnualTargetPoint } from "./annual-targets.ts";

/** One current 年度目标 row as the status code needs it: whole jurisdiction when both ids are null. */
export type TargetRow = {
  indicatorId: string;
  year: number;
  districtId: string | null;
  departmentId: string | null;
  value: number;
};

/**
 * The annual targets in force for each of `indicators` (their ids, or `{ planId }` for all of a
 * plan's, so the caller need not wait for the indicators first), keyed by indicator id (issue #18).
 * Without `asOf` the current rows (supersededAt null); with it, the rows as they stood at that
 * moment (set by then and not yet replaced), so an evaluation dated in the past uses the targets
 * of its day. One query for any number of indicators.
 */
export async function loadAnnualTargets(
  db: DbOrTx,
  indicators: readonly string[] | { planId: string },
  asOf?: Date,
): Promise<Map<string, TargetRow[]>> {
  const out = new Map<string, TargetRow[]>();
  if (Array.isArray(indicators) && !indicators.length) return out;
  const rows = await db.indicatorAnnualTarget.findMany({
    where: {
      ...(Array.isArray(indicators)
        ? { indicatorId: { in: [...indicators] } }
        : { indicator: { planId: (indicators as { planId: string }).planId } }),
      ...(asOf
        ? { setAt: { lte: asOf }, OR: [{ supersededAt: null }, { supersededAt: { gt: asOf } }] }
        : { supersededAt: null }),
    },
    orderBy: [{ year: "asc" }, { setAt: "asc" }, { id: "asc" }],
    select: { indicatorId: true, year: true, districtId: true, departmentId: true, value: true },
  });
  for (const r of rows) out.set(r.indicatorId, [...(out.get(r.indicatorId) ?? []), r]);
  return out;
}

/**
 * The per-year targets that apply to one view of an indicator, for expectedValueWithTargets: the
 * whole jurisdiction's (no scope), or a 片区's / a unit's, where each year takes that 片区's or
 * unit's own target when one is set and the whole jurisdiction's otherwise (issue #18: a
 * district's observations are judged against the district's target when set).
 */
export function targetsFor(
  rows: readonly TargetRow[] | undefined,
  scope: { districtId?: string | null; departmentId?: string | null } = {},
): AnnualTargetPoint[] {
  const byYear = new Map<number, number>();
  const districtId = scope.districtId ?? null;
  const departmentId = scope.departmentId ?? null;
  for (const r of rows ?? [])
    if (r.districtId === null && r.departmentId === null) byYear.set(r.year, r.value);
  if (districtId || departmentId)
    for (const r of rows ?? [])
      if (
        (districtId && r.districtId === districtId && r.departmentId === null) ||
        (departmentId && r.departmentId === departmentId && r.districtId === null)
      )
        byYear.set(r.year, r.value);
  return [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, value]) => ({ year, value }));
}
