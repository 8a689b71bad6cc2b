import type { Db } from "@duban/db";

import type { Actor } from "../actor.ts";
import { shanghaiDay } from "../calendar.ts";
import { setAnnualTarget } from "../indicators/annual-target-commands.ts";
import { at } from "./demo-fates.ts";

/**
 * The current year's 年度目标 for each indicator with values, set by the office on 15 January
 * through setAnnualTarget (its clock at that day, so setAt is historical; the audit event
 * `indicator.setAnnualTarget` is dated at load time, the audit log being append-only): the plan's
 * own target when the indicator has not reached it yet (the year finishes the plan's work), else a
 * further 4 % beyond the last value, in the indicator's direction. Returns the number set.
 */
export async function demoAnnualTargets(db: Db, planId: string, office: Actor, now: Date) {
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
  let set = 0;
  for (const ind of indicators) {
    const last = ind.observations[0];
    if (!last || ind.targetValue === null) continue;
    const up = ind.direction === "INCREASE";
    const reached = up ? last.value >= ind.targetValue : last.value <= ind.targetValue;
    const raw = reached ? last.value * (up ? 1.04 : 0.96) : ind.targetValue;
    const value = Number.isInteger(last.value) ? Math.round(raw) : Math.round(raw * 100) / 100;
    const note = reached ? "在规划目标基础上稳中有进" : "完成规划目标值";
    await setAnnualTarget(
      { db, actor: office, now: setAt },
      { indicatorId: ind.id, year, districtId: null, departmentId: null, value, note },
    );
    set++;
  }
  return set;
}
