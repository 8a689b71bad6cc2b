import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { actorDepartmentIds, isOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, invalid, staleVersion } from "../errors.ts";
import { officeIndicator, readableIndicator } from "../indicators/indicator-access.ts";
import type { ZIndicatorDistrictsInput, ZSetIndicatorDistrictsInput } from "../schemas/cascade.ts";
import { districtUnitId } from "./district-series.ts";
import { districtViews } from "./district-views.ts";

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
 * An indicator's 片区 side by side (issue #19), for a reader: districtViews for this one indicator
 * (see there for the figures and warnings), plus per 片区 whether the actor may enter its values
 * (`canEnter`: active, and the actor is its entering unit or the office) and `canConfigure` (the
 * office, plan not archived). NOT_FOUND when the actor cannot read the indicator. `asOf` (default
 * today, Asia/Shanghai) picks the latest quarter judged; `options.reportedBy` dates the values
 * and 年度目标 (an evaluation as of a past day).
 */
export async function indicatorDistricts(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZIndicatorDistrictsInput>,
  options: { reportedBy?: Date } = {},
) {
  const indicator = await readableIndicator(db, actor, input.indicatorId);
  const jurisdictionId = indicator.plan.jurisdictionId;
  const asOf = input.asOf ?? shanghaiDay(now ?? new Date());
  const view = (await districtViews(db, [indicator], asOf, options)).get(indicator.id)!;
  const office = isOffice(actor, jurisdictionId);
  const mine = actorDepartmentIds(actor, jurisdictionId);
  return {
    ...view,
    canConfigure: office && indicator.plan.status !== "ARCHIVED",
    districts: view.districts.map((d) => ({
      ...d,
      canEnter: d.active && (office || (!!d.unitId && mine.includes(d.unitId))),
    })),
  };
}
