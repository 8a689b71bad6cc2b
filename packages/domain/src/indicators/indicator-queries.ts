import type { Db, DbOrTx } from "@duban/db";
import type { Actor } from "../actor.ts";
import { shanghaiDay, type IsoDate } from "../calendar.ts";
import { periodEnd } from "../periods.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { assessIndicator, indicatorStatusZh, type IndicatorAssessment } from "./indicator-status.ts";
import { trajectoryPoints } from "./trajectory.ts";

export type IndicatorWarning = { indicatorId: string; name: string; kind: "OFF_TRACK" | "AT_RISK" | "MISSING"; period: string; message: string };

/**
 * Each indicator with its reported series (whole jurisdiction, current values), the expected path,
 * its status at the latest reported quarter, and warnings: off its trajectory, or a value still
 * missing after a quarter's reporting deadline.
 */
export async function indicatorsWithStatus(db: DbOrTx, planId: string, asOf: IsoDate, now: Date = new Date()) {
  // three reads at once: Prisma's include would wait for the indicators before asking for their values
  const [indicators, values, cycles] = await Promise.all([
    db.indicator.findMany({ where: { planId }, orderBy: { number: "asc" }, include: { responsibleDepartment: { select: { id: true, name: true } } } }),
    // what the page shows of a value; its history (who, when, superseded ones) is observationHistory's
    db.indicatorObservation.findMany({
      where: { indicator: { planId }, supersededAt: null, districtId: null },
      select: { id: true, indicatorId: true, period: true, value: true, source: true, note: true },
      orderBy: [{ indicatorId: "asc" }, { period: "asc" }],
    }),
    db.reportingCycle.findMany({ where: { planId, dueAt: { lt: now } }, orderBy: { period: "desc" }, take: 1 }),
  ]);
  const observationsOf = new Map<string, typeof values>();
  for (const value of values) {
    const list = observationsOf.get(value.indicatorId);
    if (list) list.push(value);
    else observationsOf.set(value.indicatorId, [value]);
  }
  const lastDuePeriod = cycles[0]?.period ?? null;
  const warnings: IndicatorWarning[] = [];
  const rows = indicators.map((found) => {
    const ind = { ...found, observations: observationsOf.get(found.id) ?? [] };
    const latest = ind.observations.filter((o) => periodEnd(o.period) <= asOf || o.period.slice(0, 4) <= asOf.slice(0, 4)).at(-1) ?? null;
    const assessment: IndicatorAssessment = latest ? assessIndicator(ind, periodEnd(latest.period), latest.value) : assessIndicator(ind, asOf, null);
    if (latest && (assessment.status === "OFF_TRACK" || assessment.status === "AT_RISK")) {
      warnings.push({ indicatorId: ind.id, name: ind.name, kind: assessment.status, period: latest.period, message: `${ind.name} ${latest.period} 实际值 ${latest.value} 低于序时目标 ${assessment.expected?.toFixed(2)}（${indicatorStatusZh[assessment.status]}）` });
    }
    if (lastDuePeriod && !ind.observations.some((o) => o.period === lastDuePeriod)) {
      warnings.push({ indicatorId: ind.id, name: ind.name, kind: "MISSING", period: lastDuePeriod, message: `${ind.name} ${lastDuePeriod} 数据已过报送期限仍未报送` });
    }
    // the reported values travel once, in `series` (with their assessment), not twice
    const { observations, ...indicator } = ind;
    return {
      ...indicator,
      latest,
      assessment,
      series: observations.map((o) => ({ period: o.period, day: periodEnd(o.period), value: o.value, ...assessIndicator(ind, periodEnd(o.period), o.value) })),
      path: trajectoryPoints(ind),
    };
  });
  return { asOf, indicators: rows, warnings };
}

export async function listIndicators(db: Db, actor: Actor, planId: string, asOf: IsoDate = shanghaiDay(new Date())) {
  // both at once; nothing is returned unless the actor may read the plan
  const [{ access }, indicators] = await Promise.all([loadPlanForActor(db, actor, planId), indicatorsWithStatus(db, planId, asOf)]);
  return { ...indicators, access };
}
