import type { DbOrTx } from "@duban/db";

import type { IsoDate } from "../calendar.ts";
import { indicatorStatusOn, type StatusIndicator } from "../indicators/indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "../indicators/target-sets.ts";
import { periodEnd, periodOfDay } from "../periods.ts";
import {
  districtStatusIndicator,
  districtTargets,
  districtUnitId,
  judgedSeries,
  statusWarning,
  type RollupWarning,
} from "./district-series.ts";
import { comparisonRule, rollupPeriods } from "./rollup.ts";

/** What districtViews needs of an indicator (an Indicator row has it all). */
export type DistrictViewIndicator = StatusIndicator & {
  id: string;
  planId: string;
  name: string;
  unit: string | null;
  version: number;
  byDistrict: boolean;
  districtTotalRule: "SUM" | "MEAN" | "OWN";
  responsibleDepartmentId: string | null;
};

/**
 * The 片区 of each of `indicators` side by side (issue #19), in four queries for any number of
 * indicators — no visibility check: the caller has checked that the actor reads them (the cockpit
 * and summaries call it for the indicators of plans they already cut by visibility).
 *
 * Per indicator, keyed by its id:
 * - `districts`: each configured 片区 in display order (retired ones too, `active: false`) with its
 *   基期值 / 目标值, entering unit (`unitId`, `unit`: the one set on the indicator, else the 片区's
 *   town unit, else the indicator's unit; districtUnitId), and its values per quarter judged
 *   against its own trajectory and 年度目标 (judgedSeries of districtStatusIndicator /
 *   districtTargets: indicatorStatusOn, the one rule): `series`, `latest`, `assessment` (its
 *   latest quarter on or before `asOf`), `path`, `annualTargets`;
 * - `total`: per quarter the total by the indicator's rule (rollupPeriods: SUM / MEAN once every
 *   expected 片区 reported, OWN with `disagrees`), judged by the whole jurisdiction's trajectory
 *   and 年度目标; `periods` its quarters;
 * - `warnings` (zh `message`, en `messageEn`): a 片区 or the total OFF_TRACK / AT_RISK at its
 *   latest quarter, DISAGREES for every quarter an OWN total disagrees with the 片区 (sum for
 *   amounts, mean for rates: comparisonRule), MISSING for each 片区 absent from the latest quarter
 *   some reported.
 * `options.reportedBy`: the values and 年度目标 as they stood then, quarters up to `asOf`'s.
 */
export async function districtViews(
  db: DbOrTx,
  indicators: readonly DistrictViewIndicator[],
  asOf: IsoDate,
  options: { reportedBy?: Date } = {},
) {
  const cutoff = options.reportedBy;
  const ids = indicators.map((i) => i.id);
  const [configs, observations, targetRows, units] = await Promise.all([
    db.indicatorDistrict.findMany({
      where: { indicatorId: { in: ids } },
      include: {
        district: { include: { department: { select: { id: true, name: true } } } },
        responsibleDepartment: { select: { id: true, name: true } },
      },
      orderBy: [{ district: { order: "asc" } }, { district: { name: "asc" } }],
    }),
    db.indicatorObservation.findMany({
      where: {
        indicatorId: { in: ids },
        ...(cutoff
          ? {
              reportedAt: { lte: cutoff },
              period: { lte: periodOfDay(asOf) },
              OR: [{ supersededAt: null }, { supersededAt: { gt: cutoff } }],
            }
          : { supersededAt: null }),
      },
      orderBy: { period: "asc" },
      select: { indicatorId: true, period: true, districtId: true, value: true },
    }),
    loadAnnualTargets(db, ids, cutoff),
    db.department.findMany({
      where: { id: { in: indicators.flatMap((i) => i.responsibleDepartmentId ?? []) } },
      select: { id: true, name: true },
    }),
  ]);
  const out = new Map<string, ReturnType<typeof viewOf>>();
  for (const ind of indicators)
    out.set(
      ind.id,
      viewOf(
        ind,
        configs.filter((c) => c.indicatorId === ind.id),
        observations.filter((o) => o.indicatorId === ind.id),
        targetRows.get(ind.id),
        units.find((u) => u.id === ind.responsibleDepartmentId) ?? null,
        asOf,
      ),
    );
  return out;
}

type Config = {
  districtId: string;
  baselineValue: number | null;
  targetValue: number | null;
  responsibleDepartmentId: string | null;
  district: {
    name: string;
    order: number;
    active: boolean;
    departmentId: string | null;
    department: { id: string; name: string } | null;
  };
  responsibleDepartment: { id: string; name: string } | null;
};

function viewOf(
  indicator: DistrictViewIndicator,
  configs: Config[],
  observations: Array<{ period: string; districtId: string | null; value: number }>,
  rows: Parameters<typeof targetsFor>[0],
  responsible: { id: string; name: string } | null,
  asOf: IsoDate,
) {
  const warnings: RollupWarning[] = [];
  const districts = configs.map((c) => {
    const judged = judgedSeries(
      districtStatusIndicator(indicator, c),
      districtTargets(rows, c.districtId),
      observations.filter((o) => o.districtId === c.districtId),
      asOf,
    );
    warnings.push(...statusWarning(c.districtId, c.district.name, judged.latest));
    const unitId = districtUnitId(c, c.district, indicator);
    return {
      districtId: c.districtId,
      name: c.district.name,
      order: c.district.order,
      active: c.district.active,
      baselineValue: c.baselineValue,
      targetValue: c.targetValue,
      /** the unit set on the indicator for this 片区 (null: the default applies) */
      responsibleDepartmentId: c.responsibleDepartmentId,
      /** the unit that enters its values in force (districtUnitId) */
      unitId,
      unit:
        c.responsibleDepartment ??
        c.district.department ??
        (unitId && unitId === responsible?.id ? responsible : null),
      ...judged,
    };
  });
  const comparison = comparisonRule(indicator);
  const rolled = rollupPeriods(
    indicator.districtTotalRule,
    comparison,
    districts.map((d) => ({
      key: d.districtId,
      values: new Map(d.series.map((s) => [s.period, s.value])),
      expectedIn: () => d.active,
    })),
    new Map(observations.filter((o) => o.districtId === null).map((o) => [o.period, o.value])),
  );
  const wholeTargets = targetsFor(rows);
  const total = rolled.map((r) => ({
    ...r,
    day: periodEnd(r.period),
    ...indicatorStatusOn(indicator, wholeTargets, periodEnd(r.period), r.value),
  }));
  const name = (id: string) => districts.find((d) => d.districtId === id)?.name ?? id;
  const word = comparison === "SUM" ? ["合计", "sum"] : ["平均", "mean"];
  for (const r of total.filter((t) => t.disagrees))
    warnings.push({
      kind: "DISAGREES",
      partId: null,
      period: r.period,
      message: `${indicator.name} ${r.period} 报送总量 ${r.ownValue} 与各片区${word[0]} ${r.partsValue?.toFixed(2)} 不一致`,
      messageEn: `${indicator.name} ${r.period}: the reported total ${r.ownValue} disagrees with the districts' ${word[1]} ${r.partsValue?.toFixed(2)}`,
    });
  const lastMissing = [...total].reverse().find((t) => t.missing.length && t.day <= asOf);
  if (lastMissing)
    for (const id of lastMissing.missing)
      warnings.push({
        kind: "MISSING",
        partId: id,
        period: lastMissing.period,
        message: `${name(id)} ${lastMissing.period} 数据未报送`,
        messageEn: `${name(id)} has not reported ${lastMissing.period}`,
      });
  const latestTotal = [...total].reverse().find((t) => t.day <= asOf && t.value !== null) ?? null;
  if (latestTotal)
    warnings.push(
      ...statusWarning(null, `${indicator.name}（合计）`, {
        ...latestTotal,
        value: latestTotal.value!,
      }),
    );
  return {
    asOf,
    indicator: {
      id: indicator.id,
      planId: indicator.planId,
      name: indicator.name,
      unit: indicator.unit,
      version: indicator.version,
      byDistrict: indicator.byDistrict,
      totalRule: indicator.districtTotalRule,
      /** what an OWN total is checked against: SUM for amounts, MEAN for rates */
      comparison,
      baselineYear: indicator.baselineYear,
      targetYear: indicator.targetYear,
      responsibleDepartment: responsible,
    },
    periods: total.map((t) => t.period),
    districts,
    total,
    warnings,
  };
}
