import type { z } from "zod";

import type { DomainContext } from "../context.ts";
import type { ZIndicatorYearInput } from "../schemas/indicator.ts";
import { readableIndicator } from "./indicator-access.ts";
import type { TrajectoryIndicator } from "./trajectory.ts";

type AdjustmentRow = {
  field: "BASELINE_VALUE" | "BASELINE_YEAR" | "TARGET_VALUE" | "TARGET_YEAR" | "ANNUAL_TARGET";
  fromValue: number | null;
  adjustedAt: Date;
};

/**
 * The indicator as the plan first set it, before any 动态调整 (issue #18: charts show the original
 * and the adjusted trajectory): each adjusted field takes the `fromValue` of its first adjustment
 * (the one that replaced the plan's own value). Null when no baseline or target was ever adjusted
 * (annual targets alone leave the original trajectory as it is).
 */
export function originalIndicator<T extends TrajectoryIndicator>(
  ind: T,
  adjustments: readonly AdjustmentRow[],
): T | null {
  const first = new Map<AdjustmentRow["field"], number | null>();
  for (const a of [...adjustments].sort((x, y) => x.adjustedAt.getTime() - y.adjustedAt.getTime()))
    if (a.field !== "ANNUAL_TARGET" && !first.has(a.field)) first.set(a.field, a.fromValue);
  if (!first.size) return null;
  const year = (v: number | null | undefined, own: number) => (v == null ? own : v);
  return {
    ...ind,
    baselineValue: first.has("BASELINE_VALUE") ? first.get("BASELINE_VALUE")! : ind.baselineValue,
    baselineYear: year(first.get("BASELINE_YEAR"), ind.baselineYear),
    targetValue: first.has("TARGET_VALUE") ? first.get("TARGET_VALUE")! : ind.targetValue,
    targetYear: year(first.get("TARGET_YEAR"), ind.targetYear),
  };
}

/**
 * An indicator's adjustments (动态调整), oldest first, optionally of one year's annual targets:
 * field, from → to, reason, 依据文件, the change request applied, who and when, with the 片区's /
 * unit's name for annual targets. For anyone who may read the plan (NOT_FOUND otherwise).
 */
export async function listAdjustments(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZIndicatorYearInput>,
) {
  await readableIndicator(db, actor, input.indicatorId);
  const rows = await db.indicatorAdjustment.findMany({
    where: { indicatorId: input.indicatorId, ...(input.year ? { year: input.year } : {}) },
    orderBy: [{ adjustedAt: "asc" }, { id: "asc" }],
  });
  const ids = (pick: (r: (typeof rows)[number]) => string | null) => [
    ...new Set(rows.map(pick).filter((v): v is string => v !== null)),
  ];
  const [users, districts, departments] = await Promise.all([
    db.user.findMany({
      where: { id: { in: ids((r) => r.adjustedById) } },
      select: { id: true, name: true },
    }),
    db.district.findMany({
      where: { id: { in: ids((r) => r.districtId) } },
      select: { id: true, name: true },
    }),
    db.department.findMany({
      where: { id: { in: ids((r) => r.departmentId) } },
      select: { id: true, name: true },
    }),
  ]);
  const name = (list: Array<{ id: string; name: string }>, id: string | null) =>
    (id && list.find((x) => x.id === id)?.name) || null;
  return rows.map((r) => ({
    ...r,
    adjustedByName: name(users, r.adjustedById),
    districtName: name(districts, r.districtId),
    departmentName: name(departments, r.departmentId),
  }));
}
