import type { z } from "zod";

import type { DbOrTx, IndicatorModel } from "@duban/db";

import { shanghaiDay, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { indicatorStatusLabels } from "../i18n/labels.ts";
import { periodEnd } from "../periods.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type { ZListIndicatorsInput } from "../schemas/indicator.ts";
import { originalIndicator } from "./adjustment-queries.ts";
import { indicatorStatusOn, type IndicatorAssessment } from "./indicator-status.ts";
import { loadAnnualTargets, targetsFor } from "./target-sets.ts";
import { trajectoryPoints } from "./trajectory.ts";

export type IndicatorWarning = {
  indicatorId: string;
  name: string;
  kind: "OFF_TRACK" | "AT_RISK" | "MISSING";
  period: string;
  message: string;
};

/** What the indicator page shows of a reported value; its history (who, when, superseded ones) is observationHistory's. */
type CurrentValue = {
  id: string;
  indicatorId: string;
  period: string;
  value: number;
  source: string | null;
  note: string | null;
};
type PlanIndicator = IndicatorModel & {
  responsibleDepartment: { id: string; name: string } | null;
  observations: CurrentValue[];
};

/**
 * The plan's indicators in their order, each with its unit and its current whole-jurisdiction
 * values by quarter, in one statement: through Prisma (the indicators, then their units, with the
 * values alongside) it took three queries and 6.5 ms, most of an uncached indicator page.
 */
function planIndicators(db: DbOrTx, planId: string): Promise<PlanIndicator[]> {
  return db.$queryRaw<PlanIndicator[]>`
    SELECT i.id::text AS id, i."planId"::text AS "planId", i."sourceNodeId"::text AS "sourceNodeId", i.number, i.name, i.unit, i.category,
           i."baselineYear", i."baselineValue", i."targetYear", i."targetValue", i.direction::text AS direction, i.nature::text AS nature,
           i.trajectory::text AS trajectory, i.accumulation::text AS accumulation, i."responsibleDepartmentId"::text AS "responsibleDepartmentId",
           i."atRiskThreshold", i."offTrackThreshold", i."createdAt", i."updatedAt", i.version,
           i."byDistrict", i."districtTotalRule"::text AS "districtTotalRule",
           CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name) END AS "responsibleDepartment",
           coalesce((SELECT json_agg(json_build_object('id', o.id, 'indicatorId', o."indicatorId", 'period', o.period, 'value', o.value, 'source', o.source, 'note', o.note) ORDER BY o.period)
                       FROM "IndicatorObservation" o
                      WHERE o."indicatorId" = i.id AND o."supersededAt" IS NULL AND o."districtId" IS NULL), '[]') AS observations
      FROM "Indicator" i LEFT JOIN "Department" d ON d.id = i."responsibleDepartmentId"
     WHERE i."planId" = ${planId}::uuid
     ORDER BY i.number`;
}

/**
 * Each indicator with its reported series (whole jurisdiction, current values), the expected path
 * (`path`: trajectory with the 年度目标 in force; `originalPath`: before adjustments;
 * `annualTargets`), its status at the latest reported quarter, and warnings: off its expected
 * value (indicatorStatusOn), or a value still missing after a quarter's reporting deadline.
 */
export async function indicatorsWithStatus(
  db: DbOrTx,
  planId: string,
  asOf: IsoDate,
  now: Date = new Date(),
) {
  const [indicators, cycles, adjustments, targetRows] = await Promise.all([
    planIndicators(db, planId),
    db.reportingCycle.findMany({
      where: { planId, dueAt: { lt: now } },
      orderBy: { period: "desc" },
      take: 1,
    }),
    db.indicatorAdjustment.findMany({
      where: { indicator: { planId }, field: { not: "ANNUAL_TARGET" } },
      // originalIndicator keeps each field's first by adjustedAt: equal times keep this order
      orderBy: [{ adjustedAt: "asc" }, { id: "asc" }],
      select: { indicatorId: true, field: true, fromValue: true, adjustedAt: true },
    }),
    loadAnnualTargets(db, { planId }),
  ]);
  const lastDuePeriod = cycles[0]?.period ?? null;
  const warnings: IndicatorWarning[] = [];
  const rows = indicators.map((ind) => {
    // the whole jurisdiction's 年度目标 replace the trajectory for their years (issue #18)
    const targets = targetsFor(targetRows.get(ind.id));
    const assess = (day: IsoDate, actual: number | null) =>
      indicatorStatusOn(ind, targets, day, actual);
    const original = originalIndicator(
      ind,
      adjustments.filter((a) => a.indicatorId === ind.id),
    );
    const latest =
      ind.observations
        .filter((o) => periodEnd(o.period) <= asOf || o.period.slice(0, 4) <= asOf.slice(0, 4))
        .at(-1) ?? null;
    const assessment: IndicatorAssessment = latest
      ? assess(periodEnd(latest.period), latest.value)
      : assess(asOf, null);
    if (latest && (assessment.status === "OFF_TRACK" || assessment.status === "AT_RISK")) {
      warnings.push({
        indicatorId: ind.id,
        name: ind.name,
        kind: assessment.status,
        period: latest.period,
        message: `${ind.name} ${latest.period} 实际值 ${latest.value} 低于序时目标 ${assessment.expected?.toFixed(2)}（${indicatorStatusLabels[assessment.status].zh}）`,
      });
    }
    if (lastDuePeriod && !ind.observations.some((o) => o.period === lastDuePeriod)) {
      warnings.push({
        indicatorId: ind.id,
        name: ind.name,
        kind: "MISSING",
        period: lastDuePeriod,
        message: `${ind.name} ${lastDuePeriod} 数据已过报送期限仍未报送`,
      });
    }
    // the reported values travel once, in `series` (with their assessment), not twice
    const { observations, ...indicator } = ind;
    return {
      ...indicator,
      latest,
      assessment,
      series: observations.map((o) => ({
        period: o.period,
        day: periodEnd(o.period),
        value: o.value,
        ...assess(periodEnd(o.period), o.value),
      })),
      /** the expected path in force: the (adjusted) trajectory, with the annual targets' years */
      path: trajectoryPoints(ind, targets),
      /** the plan's own trajectory before any 动态调整 of baseline or target; null if never adjusted */
      originalPath: original ? trajectoryPoints(original) : null,
      annualTargets: targets,
    };
  });
  return { asOf, indicators: rows, warnings };
}

export async function listIndicators(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZListIndicatorsInput>,
) {
  const { planId, asOf = shanghaiDay(now ?? new Date()) } = input;
  // both at once; nothing is returned unless the actor may read the plan
  const [{ access }, indicators] = await Promise.all([
    loadPlanForActor(db, actor, planId),
    indicatorsWithStatus(db, planId, asOf),
  ]);
  return { ...indicators, access };
}
