import type { Db, Prisma } from "@duban/db";

import { shanghaiDay } from "../calendar.ts";
import { thresholdsOf } from "../indicators/indicator-status.ts";
import { expectedValue } from "../indicators/trajectory.ts";
import { at, prng, seedOf } from "./demo-fates.ts";
import { insertRows } from "./demo-insert.ts";
import type { AuditRow, People } from "./demo-ledger.ts";

/** Units counted in whole numbers (个, 家, 人, 件, 项): their values are rounded to integers. */
const COUNTED = /^(个|家|人|件|项|所|座)$/;

/**
 * Annual indicator values (reported as each year's fourth quarter, in the following February) from
 * the year after the baseline to the last full year before `now` and at most the target year,
 * moving from the plan's own baseline along its trajectory (expectedValue: direction, linear or
 * compound, level or cumulative). Each indicator gets a fate: two in three keep to or beat the
 * trajectory, one in four falls short into 预警 (AT_RISK), the rest off track — the shortfall is
 * drawn against the indicator's own thresholds (thresholdsOf), so the lights come out as intended.
 * Indicators without a baseline or target get no values (the plan gives no trajectory).
 */
export async function demoObservations(db: Db, planId: string, people: People, now: Date) {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const rnd = prng(seedOf(`${plan.title}:indicators`));
  const indicators = await db.indicator.findMany({ where: { planId }, orderBy: { number: "asc" } });
  const lastYear = Number(shanghaiDay(now).slice(0, 4)) - 1;
  const rows: Prisma.IndicatorObservationCreateManyInput[] = [];
  const audit: AuditRow[] = [];
  for (const ind of indicators) {
    const r = rnd();
    if (ind.targetValue === null) continue;
    if (ind.accumulation === "LEVEL" && ind.baselineValue === null) continue;
    const floor = ind.accumulation === "LEVEL" ? ind.baselineValue! : null;
    const t = thresholdsOf(ind);
    // the final shortfall against the trajectory: negative = ahead of it
    const final =
      r < 0.65
        ? -0.08 * rnd()
        : r < 0.9
          ? t.atRisk + (t.offTrack - t.atRisk) * (0.25 + 0.5 * rnd())
          : t.offTrack * (1.3 + rnd());
    const integer =
      COUNTED.test(ind.unit ?? "") || (ind.unit === null && Number.isInteger(ind.targetValue));
    const years = Math.min(lastYear, ind.targetYear) - ind.baselineYear;
    for (let k = 1; k <= years; k++) {
      const year = ind.baselineYear + k;
      const expected = expectedValue(ind, `${year}-12-31`);
      if (expected === null) continue;
      const s = (final * k) / years + 0.015 * (rnd() - 0.5);
      // a lagging indicator moves slowly rather than falls back behind its baseline
      const moved = ind.direction === "INCREASE" ? expected * (1 - s) : expected * (1 + s);
      const raw =
        floor === null
          ? moved
          : ind.direction === "INCREASE"
            ? Math.max(moved, floor + 0.25 * (expected - floor))
            : Math.min(moved, floor + 0.25 * (expected - floor));
      const value = integer ? Math.round(raw) : Math.round(raw * 100) / 100;
      const reportedAt = at(
        `${year + 1}-02-${String(10 + Math.floor(rnd() * 15)).padStart(2, "0")}`,
        10,
      );
      const id = crypto.randomUUID();
      const period = `${year}Q4`;
      rows.push({
        id,
        indicatorId: ind.id,
        period,
        value,
        source: `${year}年统计年报`,
        departmentId: ind.responsibleDepartmentId,
        reportedById: people.office.id,
        reportedAt,
      });
      audit.push({
        actorUserId: people.office.id,
        actorLabel: people.office.email,
        at: reportedAt,
        action: "indicator.report",
        entityType: "IndicatorObservation",
        entityId: id,
        jurisdictionId: people.jurisdictionId,
        after: { indicatorId: ind.id, period, value, source: `${year}年统计年报` },
      });
    }
  }
  audit.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  await db.$transaction(async (tx) => {
    await tx.indicatorObservation.createMany({ data: rows });
    await insertRows(tx, "AuditEvent", audit);
  });
  return rows.length;
}
