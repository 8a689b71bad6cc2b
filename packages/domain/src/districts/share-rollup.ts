import type { z } from "zod";

import { visibleJurisdictionIds } from "../access.ts";
import { shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { readableIndicator } from "../indicators/indicator-access.ts";
import { indicatorStatusOn } from "../indicators/indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "../indicators/target-sets.ts";
import { periodEnd } from "../periods.ts";
import type { ZIndicatorDistrictsInput } from "../schemas/cascade.ts";
import { judgedSeries, statusWarning, type RollupWarning } from "./district-series.ts";
import { comparisonRule, rollupPeriods } from "./rollup.ts";

/**
 * 指标份额汇总 (issue #19, the cascade): for a parent indicator whose shares were assigned to child
 * jurisdictions (Assignment kind INDICATOR, parentIndicatorId = it, not withdrawn), each child's
 * series side by side — the child's own indicator (Indicator.assignmentId) with its current
 * whole-jurisdiction values, judged by its own baseline/target (the assignment's share when the
 * child's indicator has none) and 年度目标 with indicatorStatusOn — and the rolled-up value per
 * quarter by the parent's `shareRollupRule` with the same machinery as the 片区 (rollupPeriods:
 * SUM / MEAN of the shares, null until every share reported; OWN: the parent's own value, with
 * `disagrees` against the shares' sum, or mean for rates). A share not yet decomposed has no values.
 *
 * Visibility: NOT_FOUND unless the actor reads the parent; only the child jurisdictions the actor
 * reads are listed (a county reading its city's indicator sees its own share, not its siblings'),
 * and then the roll-up is over those only, flagged `partial: true` with no SUM/MEAN total.
 */
export async function indicatorShares(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZIndicatorDistrictsInput>,
) {
  const parent = await readableIndicator(db, actor, input.indicatorId);
  const asOf = input.asOf ?? shanghaiDay(now ?? new Date());
  const [assignments, visible, ownValues] = await Promise.all([
    db.assignment.findMany({
      where: { parentIndicatorId: parent.id, kind: "INDICATOR", state: { not: "WITHDRAWN" } },
      include: {
        toJurisdiction: { select: { id: true, name: true } },
        indicator: {
          include: {
            observations: {
              where: { supersededAt: null, districtId: null },
              orderBy: { period: "asc" },
              select: { period: true, value: true },
            },
          },
        },
      },
      orderBy: [{ toJurisdiction: { name: "asc" } }],
    }),
    visibleJurisdictionIds(db, actor),
    db.indicatorObservation.findMany({
      where: { indicatorId: parent.id, supersededAt: null, districtId: null },
      select: { period: true, value: true },
    }),
  ]);
  const shown = assignments.filter((a) => visible.includes(a.toJurisdictionId));
  const partial = shown.length < assignments.length;
  const targetRows = await loadAnnualTargets(db, [
    parent.id,
    ...shown.flatMap((a) => (a.indicator ? [a.indicator.id] : [])),
  ]);
  const warnings: RollupWarning[] = [];
  const children = shown.map((a) => {
    const child = a.indicator;
    const ind = child
      ? {
          ...child,
          baselineValue: child.baselineValue ?? a.shareBaseline,
          targetValue: child.targetValue ?? a.shareTarget,
        }
      : { ...parent, baselineValue: a.shareBaseline, targetValue: a.shareTarget };
    const judged = judgedSeries(
      ind,
      child ? targetsFor(targetRows.get(child.id)) : [],
      child?.observations ?? [],
      asOf,
    );
    warnings.push(...statusWarning(a.toJurisdictionId, a.toJurisdiction.name, judged.latest));
    return {
      assignmentId: a.id,
      jurisdiction: a.toJurisdiction,
      state: a.state,
      weight: a.weight,
      shareBaseline: a.shareBaseline,
      shareTarget: a.shareTarget,
      /** the child's indicator carrying the share; null until decomposed */
      indicatorId: child?.id ?? null,
      planId: child?.planId ?? a.targetPlanId,
      ...judged,
    };
  });
  const rule = partial && parent.shareRollupRule !== "OWN" ? "OWN" : parent.shareRollupRule;
  const comparison = comparisonRule(parent);
  const rolled = rollupPeriods(
    rule,
    comparison,
    children.map((c) => ({
      key: c.jurisdiction.id,
      values: new Map(c.series.map((s) => [s.period, s.value])),
      expectedIn: () => true,
    })),
    new Map(
      (partial && parent.shareRollupRule !== "OWN" ? [] : ownValues).map((o) => [
        o.period,
        o.value,
      ]),
    ),
  );
  const wholeTargets = targetsFor(targetRows.get(parent.id));
  const total = rolled.map((r) => ({
    ...r,
    // a partial view checks nothing against a total it cannot see whole
    disagrees: partial ? false : r.disagrees,
    day: periodEnd(r.period),
    ...indicatorStatusOn(parent, wholeTargets, periodEnd(r.period), r.value),
  }));
  for (const r of total.filter((t) => t.disagrees))
    warnings.push({
      kind: "DISAGREES",
      partId: null,
      period: r.period,
      message: `${parent.name} ${r.period} 报送值 ${r.ownValue} 与各下级${comparison === "SUM" ? "合计" : "平均"} ${r.partsValue?.toFixed(2)} 不一致`,
      messageEn: `${parent.name} ${r.period}: the reported value ${r.ownValue} disagrees with the shares' ${comparison === "SUM" ? "sum" : "mean"} ${r.partsValue?.toFixed(2)}`,
    });
  return {
    asOf,
    indicator: {
      id: parent.id,
      name: parent.name,
      unit: parent.unit,
      rule: parent.shareRollupRule,
      comparison,
    },
    partial,
    periods: total.map((t) => t.period),
    children,
    total,
    warnings,
  };
}
