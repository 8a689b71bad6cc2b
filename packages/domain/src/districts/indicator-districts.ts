import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { actorDepartmentIds, isOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, invalid, staleVersion } from "../errors.ts";
import { officeIndicator, readableIndicator } from "../indicators/indicator-access.ts";
import { indicatorStatusOn } from "../indicators/indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "../indicators/target-sets.ts";
import { periodEnd, periodOfDay } from "../periods.ts";
import type { ZIndicatorDistrictsInput, ZSetIndicatorDistrictsInput } from "../schemas/cascade.ts";
import {
  districtStatusIndicator,
  districtTargets,
  judgedSeries,
  statusWarning,
  type RollupWarning,
} from "./district-series.ts";
import { comparisonRule, rollupPeriods } from "./rollup.ts";

/**
 * The unit that enters a 片区's values of an indicator: the one set for the 片区 on the indicator,
 * else the 片区's own town unit, else the indicator's responsible unit (issue #19). Null: the office only.
 */
export function districtUnitId(
  config: { responsibleDepartmentId: string | null },
  district: { departmentId: string | null },
  indicator: { responsibleDepartmentId: string | null },
): string | null {
  return (
    config.responsibleDepartmentId ??
    district.departmentId ??
    indicator.responsibleDepartmentId ??
    null
  );
}

/**
 * Who may enter an indicator's value for a 片区 (recordObservation): the 片区 must be configured
 * for the indicator (INVALID otherwise) and active (INVALID: a retired 片区 takes no new values);
 * the office of the jurisdiction or the 片区's unit (districtUnitId) may, anyone else is FORBIDDEN
 * (the caller checked that the actor reads the indicator). Returns the unit recorded with the value
 * (null when the office enters it).
 */
export async function assertDistrictEntry(
  db: DbOrTx,
  actor: Actor,
  indicator: { id: string; responsibleDepartmentId: string | null },
  jurisdictionId: string,
  districtId: string,
): Promise<string | null> {
  const config = await db.indicatorDistrict.findFirst({
    where: { indicatorId: indicator.id, districtId, district: { jurisdictionId } },
    include: { district: true },
  });
  if (!config)
    throw invalid(
      "该片区未纳入本指标的分片区监测",
      "the district is not monitored for this indicator",
      "districtId",
    );
  if (!config.district.active)
    throw invalid(
      "片区已停用，不再接收新数据",
      "the district is retired and takes no new values",
      "districtId",
    );
  const unit = districtUnitId(config, config.district, indicator);
  const mine = actorDepartmentIds(actor, jurisdictionId);
  if (unit && mine.includes(unit)) return unit;
  if (isOffice(actor, jurisdictionId)) return null;
  throw forbidden(
    `只有${config.district.name}的责任单位或领导小组办公室可以报送该片区数据`,
    `only the district's responsible unit or the office may report for ${config.district.name}`,
  );
}

/**
 * 分片区监测 settings of an indicator, by the office of its plan's jurisdiction: per-district
 * monitoring on or off, the total rule (SUM / MEAN of the 片区, or OWN: reported on its own and
 * checked against them), and the 片区 with each one's 基期值 / 目标值 and entering unit (null: the
 * 片区's town unit, else the indicator's unit). The list replaces the previous one; a 片区 that
 * already has values cannot be dropped (retire the 片区 instead), a retired 片区 cannot be added.
 * Optimistic locking on the indicator's `version`. Errors: NOT_FOUND, FORBIDDEN (not the office),
 * INVALID (a 片区 or unit of another jurisdiction, a duplicate, monitoring on without 片区),
 * CONFLICT (stale version). Audit `indicator.setDistricts`. Returns the new indicator version.
 */
export async function setIndicatorDistricts(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetIndicatorDistrictsInput>,
) {
  const indicator = await officeIndicator(db, actor, input.indicatorId);
  const jurisdictionId = indicator.plan.jurisdictionId;
  const ids = input.districts.map((d) => d.districtId);
  if (new Set(ids).size !== ids.length)
    throw invalid("片区重复", "a district is listed twice", "districts");
  if (input.byDistrict && !ids.length)
    throw invalid(
      "开启分片区监测需至少选择一个片区",
      "per-district monitoring needs at least one district",
      "districts",
    );
  const [districts, existing, units] = await Promise.all([
    db.district.findMany({ where: { id: { in: ids }, jurisdictionId } }),
    db.indicatorDistrict.findMany({ where: { indicatorId: indicator.id } }),
    db.department.count({
      where: {
        jurisdictionId,
        id: {
          in: input.districts.flatMap((d) =>
            d.responsibleDepartmentId ? [d.responsibleDepartmentId] : [],
          ),
        },
      },
    }),
  ]);
  if (districts.length !== ids.length)
    throw invalid("片区不属于本级", "the district is not in this jurisdiction", "districts");
  const unitIds = new Set(input.districts.flatMap((d) => d.responsibleDepartmentId ?? []));
  if (units !== unitIds.size)
    throw invalid(
      "所选单位不属于本级",
      "the unit is not in this jurisdiction",
      "responsibleDepartmentId",
    );
  const was = new Set(existing.map((e) => e.districtId));
  const retiredNew = districts.find((d) => !d.active && !was.has(d.id));
  if (retiredNew)
    throw invalid(
      `片区“${retiredNew.name}”已停用，不能新纳入监测`,
      `district “${retiredNew.name}” is retired and cannot be added`,
      "districts",
    );
  const dropped = existing.filter((e) => !ids.includes(e.districtId)).map((e) => e.districtId);
  if (dropped.length) {
    const withValues = await db.indicatorObservation.findFirst({
      where: { indicatorId: indicator.id, districtId: { in: dropped } },
      include: { district: { select: { name: true } } },
    });
    if (withValues)
      throw invalid(
        `片区“${withValues.district!.name}”已有本指标数据，不能移除（可停用该片区）`,
        `district “${withValues.district!.name}” has values for this indicator and cannot be removed (retire it instead)`,
        "districts",
      );
  }
  return db.$transaction(async (tx) => {
    const done = await tx.indicator.updateMany({
      where: { id: indicator.id, version: input.version },
      data: {
        byDistrict: input.byDistrict,
        districtTotalRule: input.totalRule,
        version: { increment: 1 },
      },
    });
    if (done.count === 0) throw staleVersion("指标", "indicator", indicator.version);
    if (dropped.length)
      await tx.indicatorDistrict.deleteMany({
        where: { indicatorId: indicator.id, districtId: { in: dropped } },
      });
    for (const d of input.districts) {
      const data = {
        baselineValue: d.baselineValue,
        targetValue: d.targetValue,
        responsibleDepartmentId: d.responsibleDepartmentId,
      };
      await tx.indicatorDistrict.upsert({
        where: { indicatorId_districtId: { indicatorId: indicator.id, districtId: d.districtId } },
        create: { indicatorId: indicator.id, districtId: d.districtId, ...data },
        update: { ...data, version: { increment: 1 } },
      });
    }
    await recordAudit(tx, actor, {
      action: "indicator.setDistricts",
      entityType: "Indicator",
      entityId: indicator.id,
      jurisdictionId,
      before: {
        byDistrict: indicator.byDistrict,
        totalRule: indicator.districtTotalRule,
        districts: existing,
      },
      after: input,
      requestId,
    });
    return { version: input.version + 1 };
  });
}

/**
 * An indicator's 片区 side by side (issue #19): for each configured 片区 (display order; retired
 * ones too, with their values) its values per quarter judged against its own trajectory and
 * 年度目标 (judgedSeries with districtStatusIndicator / districtTargets: indicatorStatusOn, the
 * one rule), its entering unit and whether the actor may enter; the total per quarter by the
 * indicator's rule (rollupPeriods: SUM / MEAN of the 片区, or OWN with `disagrees`), judged by
 * the whole jurisdiction's trajectory and targets; and warnings: a 片区 or the total off / at risk
 * at its latest quarter, an OWN total disagreeing with the 片区 (sum for amounts, mean for rates:
 * comparisonRule), a quarter where some 片区 reported and others did not (latest such quarter).
 * NOT_FOUND when the actor cannot read the indicator. `asOf` (default today, Asia/Shanghai)
 * picks the latest quarter judged.
 */
export async function indicatorDistricts(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZIndicatorDistrictsInput>,
  /** an evaluation dated in the past: the values and 年度目标 as they stood at `reportedBy` */
  options: { reportedBy?: Date } = {},
) {
  const cutoff = options.reportedBy;
  const indicator = await readableIndicator(db, actor, input.indicatorId);
  const jurisdictionId = indicator.plan.jurisdictionId;
  const asOf = input.asOf ?? shanghaiDay(now ?? new Date());
  const [configs, observations, targetRows, responsible] = await Promise.all([
    db.indicatorDistrict.findMany({
      where: { indicatorId: indicator.id },
      include: {
        district: { include: { department: { select: { id: true, name: true } } } },
        responsibleDepartment: { select: { id: true, name: true } },
      },
      orderBy: [{ district: { order: "asc" } }, { district: { name: "asc" } }],
    }),
    db.indicatorObservation.findMany({
      where: {
        indicatorId: indicator.id,
        ...(cutoff
          ? {
              reportedAt: { lte: cutoff },
              period: { lte: periodOfDay(asOf) },
              OR: [{ supersededAt: null }, { supersededAt: { gt: cutoff } }],
            }
          : { supersededAt: null }),
      },
      orderBy: { period: "asc" },
      select: { period: true, districtId: true, value: true },
    }),
    loadAnnualTargets(db, [indicator.id], cutoff),
    indicator.responsibleDepartmentId
      ? db.department.findUnique({
          where: { id: indicator.responsibleDepartmentId },
          select: { id: true, name: true },
        })
      : null,
  ]);
  const rows = targetRows.get(indicator.id);
  const office = isOffice(actor, jurisdictionId);
  const mine = actorDepartmentIds(actor, jurisdictionId);
  const warnings: RollupWarning[] = [];
  const districts = configs.map((c) => {
    const values = observations.filter((o) => o.districtId === c.districtId);
    const judged = judgedSeries(
      districtStatusIndicator(indicator, c),
      districtTargets(rows, c.districtId),
      values,
      asOf,
    );
    warnings.push(...statusWarning(c.districtId, c.district.name, judged.latest));
    const unitId = districtUnitId(c, c.district, indicator);
    const unit =
      c.responsibleDepartment ??
      c.district.department ??
      (unitId && unitId === responsible?.id ? responsible : null);
    return {
      districtId: c.districtId,
      name: c.district.name,
      order: c.district.order,
      active: c.district.active,
      baselineValue: c.baselineValue,
      targetValue: c.targetValue,
      /** the unit set on the indicator for this 片区 (null: the default applies) */
      responsibleDepartmentId: c.responsibleDepartmentId,
      /** the unit that enters its values in force */
      unit,
      canEnter: c.district.active && (office || (!!unitId && mine.includes(unitId))),
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
  for (const r of total.filter((t) => t.disagrees))
    warnings.push({
      kind: "DISAGREES",
      partId: null,
      period: r.period,
      message: `${indicator.name} ${r.period} 报送总量 ${r.ownValue} 与各片区${comparison === "SUM" ? "合计" : "平均"} ${r.partsValue?.toFixed(2)} 不一致`,
      messageEn: `${indicator.name} ${r.period}: the reported total ${r.ownValue} disagrees with the districts' ${comparison === "SUM" ? "sum" : "mean"} ${r.partsValue?.toFixed(2)}`,
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
    canConfigure: office && indicator.plan.status !== "ARCHIVED",
    periods: total.map((t) => t.period),
    districts,
    total,
    warnings,
  };
}
