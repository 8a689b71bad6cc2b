import type { z } from "zod";

import type { Db } from "@duban/db";

import { actorDepartmentIds, assertCanRead, assertOffice, isOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { districtStatusIndicator, districtTargets } from "../districts/district-series.ts";
import { assertDistrictEntry } from "../districts/indicator-districts.ts";
import { forbidden, invalid, notFound, staleVersion } from "../errors.ts";
import { lastReportingYear } from "../ledger/cycles.ts";
import { periodEnd } from "../periods.ts";
import type {
  ZIndicatorIdInput,
  ZRecordObservationInput,
  ZUpdateIndicatorInput,
} from "../schemas/indicator.ts";
import { indicatorStatusOn } from "./indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "./target-sets.ts";

async function loadIndicator(db: Db, actor: Actor, indicatorId: string) {
  const indicator = await db.indicator.findUnique({
    where: { id: indicatorId },
    include: {
      plan: {
        select: {
          id: true,
          jurisdictionId: true,
          periodStart: true,
          periodEnd: true,
          status: true,
        },
      },
    },
  });
  if (!indicator) throw notFound("指标", "indicator");
  await assertCanRead(db, actor, indicator.plan.jurisdictionId, ["指标", "indicator"]);
  return indicator;
}

/**
 * A quarter's value, entered by the responsible department or the office; a 片区's value
 * (`districtId`) by the 片区's entering unit or the office, only for a 片区 configured for the
 * indicator and still active (assertDistrictEntry, issue #19). A correction supersedes the
 * earlier value (kept, with when it was replaced) instead of overwriting it.
 */
export async function recordObservation(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZRecordObservationInput>,
) {
  const indicator = await loadIndicator(db, actor, input.indicatorId);
  const jurisdictionId = indicator.plan.jurisdictionId;
  const mine = actorDepartmentIds(actor, jurisdictionId);
  // a 片区's value: its entering unit or the office (assertDistrictEntry, issue #19); the total:
  // the indicator's responsible unit or the office
  const reportingUnit = input.districtId
    ? await assertDistrictEntry(db, actor, indicator, jurisdictionId, input.districtId)
    : indicator.responsibleDepartmentId && mine.includes(indicator.responsibleDepartmentId)
      ? indicator.responsibleDepartmentId
      : null;
  if (!input.districtId && !isOffice(actor, jurisdictionId) && !reportingUnit)
    throw forbidden(
      "只有指标责任单位或领导小组办公室可以报送指标数据",
      "only the responsible department or the office may report this indicator",
    );
  const year = Number(input.period.slice(0, 4));
  // a quarter the plan still reports in (a 2026 年度工作要点 of a 2021–2025 plan, issue #18) takes
  // values: the indicator list asks for them once its cycle has closed
  if (
    year <= indicator.baselineYear ||
    year > Math.max(indicator.targetYear, await lastReportingYear(db, indicator.plan))
  )
    throw invalid(
      `季度 ${input.period} 不在指标考核期内`,
      `${input.period} is outside the indicator's period`,
      "period",
    );
  return db.$transaction(async (tx) => {
    const previous = await tx.indicatorObservation.findFirst({
      where: {
        indicatorId: indicator.id,
        period: input.period,
        districtId: input.districtId,
        supersededAt: null,
      },
    });
    if (previous)
      await tx.indicatorObservation.update({
        where: { id: previous.id },
        data: { supersededAt: new Date() },
      });
    const obs = await tx.indicatorObservation.create({
      data: {
        indicatorId: indicator.id,
        period: input.period,
        districtId: input.districtId,
        value: input.value,
        source: input.source ?? null,
        note: input.note ?? null,
        departmentId: reportingUnit,
        reportedById: actor.kind === "user" ? actor.userId : null,
      },
    });
    await recordAudit(tx, actor, {
      action: previous ? "indicator.correct" : "indicator.report",
      entityType: "IndicatorObservation",
      entityId: obs.id,
      jurisdictionId,
      before: previous ? { value: previous.value, id: previous.id } : undefined,
      after: input,
      requestId,
    });
    return obs;
  });
}

/** The office sets who reports an indicator and how its trajectory is judged. */
export async function updateIndicator(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZUpdateIndicatorInput>,
) {
  const indicator = await loadIndicator(db, actor, input.indicatorId);
  assertOffice(actor, indicator.plan.jurisdictionId);
  if (input.responsibleDepartmentId) {
    const d = await db.department.findFirst({
      where: { id: input.responsibleDepartmentId, jurisdictionId: indicator.plan.jurisdictionId },
    });
    if (!d)
      throw invalid(
        "所选单位不属于本级",
        "the department is not in this jurisdiction",
        "responsibleDepartmentId",
      );
  }
  const { indicatorId, version, ...data } = input;
  return db.$transaction(async (tx) => {
    const updated = await tx.indicator.updateMany({
      where: { id: indicatorId, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("指标", "indicator", indicator.version);
    await recordAudit(tx, actor, {
      action: "indicator.update",
      entityType: "Indicator",
      entityId: indicatorId,
      jurisdictionId: indicator.plan.jurisdictionId,
      before: indicator,
      after: data,
      requestId,
    });
    return { version: version + 1 };
  });
}

/**
 * Every value reported for the indicator (current and superseded, whole jurisdiction and 片区),
 * each with its status (indicatorStatusOn): a 片区's value against the 片区's 年度目标 where set,
 * else the whole jurisdiction's, else the trajectory (issue #18).
 */
export async function observationHistory(
  { db, actor }: DomainContext,
  { indicatorId }: z.infer<typeof ZIndicatorIdInput>,
) {
  const indicator = await loadIndicator(db, actor, indicatorId);
  const [rows, targets, configs] = await Promise.all([
    db.indicatorObservation.findMany({
      where: { indicatorId },
      orderBy: [{ period: "asc" }, { reportedAt: "asc" }, { id: "asc" }],
      include: { district: { select: { id: true, name: true } } },
    }),
    loadAnnualTargets(db, [indicatorId]),
    db.indicatorDistrict.findMany({ where: { indicatorId } }),
  ]);
  const mine = targets.get(indicatorId);
  return rows.map((o) => {
    // a 片区 monitored for the indicator is judged as indicatorDistricts judges it: its own
    // baseline/target and its own 年度目标 (issue #19)
    const config = o.districtId ? configs.find((c) => c.districtId === o.districtId) : undefined;
    return {
      ...o,
      ...(config
        ? indicatorStatusOn(
            districtStatusIndicator(indicator, config),
            districtTargets(mine, config.districtId),
            periodEnd(o.period),
            o.value,
          )
        : indicatorStatusOn(
            indicator,
            targetsFor(mine, { districtId: o.districtId }),
            periodEnd(o.period),
            o.value,
          )),
    };
  });
}
