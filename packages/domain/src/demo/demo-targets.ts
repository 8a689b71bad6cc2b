import type { Db } from "@duban/db";

import { shanghaiDay } from "../calendar.ts";
import { at } from "./demo-fates.ts";
import { insertRows } from "./demo-insert.ts";
import type { AuditRow, People } from "./demo-ledger.ts";

/**
 * The current year's 年度目标 for each indicator with values, set by the office in January: the
 * plan's own target when the indicator has not reached it yet (the year finishes the plan's
 * work), else a further 4 % beyond the last value, in the indicator's direction. Written with the
 * Prisma client and an `indicator.annualTarget.set` audit event each (setAnnualTarget was being
 * written alongside).
 */
export async function demoAnnualTargets(db: Db, planId: string, people: People, now: Date) {
  const year = Number(shanghaiDay(now).slice(0, 4));
  const setAt = at(`${year}-01-15`, 10);
  if (setAt >= now) return 0;
  const indicators = await db.indicator.findMany({
    where: { planId },
    include: {
      observations: { where: { supersededAt: null }, orderBy: { period: "desc" }, take: 1 },
    },
    orderBy: { number: "asc" },
  });
  const rows: Array<Record<string, unknown>> = [];
  const audit: AuditRow[] = [];
  for (const ind of indicators) {
    const last = ind.observations[0];
    if (!last || ind.targetValue === null) continue;
    const up = ind.direction === "INCREASE";
    const reached = up ? last.value >= ind.targetValue : last.value <= ind.targetValue;
    const raw = reached ? last.value * (up ? 1.04 : 0.96) : ind.targetValue;
    const value = Number.isInteger(last.value) ? Math.round(raw) : Math.round(raw * 100) / 100;
    const id = crypto.randomUUID();
    const note = reached ? "在规划目标基础上稳中有进" : "完成规划目标值";
    rows.push({ id, indicatorId: ind.id, year, value, note, setById: people.office.id, setAt });
    audit.push({
      actorUserId: people.office.id,
      actorLabel: people.office.email,
      at: setAt,
      action: "indicator.annualTarget.set",
      entityType: "IndicatorAnnualTarget",
      entityId: id,
      jurisdictionId: people.jurisdictionId,
      after: { indicatorId: ind.id, year, value, note },
    });
  }
  await db.$transaction(async (tx) => {
    await insertRows(tx, "IndicatorAnnualTarget", rows);
    await insertRows(tx, "AuditEvent", audit);
  });
  return rows.length;
}
