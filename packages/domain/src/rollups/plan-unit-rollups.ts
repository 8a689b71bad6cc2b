import type { Db } from "@duban/db";

import { shanghaiDay, type IsoDate } from "../calendar.ts";

/**
 * Counts of one plan's tasks led by one unit, on one day, with the jurisdiction's traffic-light
 * bands: the figures every overview and the cockpit add up (issue #19). `sumProgress` and
 * `sumExpected` are sums of 0–100 values over the tasks that are not cancelled (divide by
 * `total - cancelled` for the mean reported progress and 序时进度).
 */
export type PlanUnitRollupRow = {
  planId: string;
  departmentId: string;
  total: number;
  completed: number;
  cancelled: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  red: number;
  yellow: number;
  green: number;
  dueSoon: number;
  sumProgress: number;
  sumExpected: number;
};

const columns = `"planId"::text AS "planId", "departmentId"::text AS "departmentId", total, completed, cancelled,
  "onSchedule", lagging, overdue, red, yellow, green, "dueSoon", "sumProgress", "sumExpected"`;

/**
 * The per-unit counts of `planIds` on day `asOf` (Asia/Shanghai; default today).
 *
 * For today they come from the maintained table `PlanUnitRollup` (migration
 * 20261201110000_plan_unit_rollups: database triggers on "Task" keep it in the writing
 * transaction), so a read never recounts the leaves. Plans whose rows hold for an earlier day
 * (the calendar moved, or the bands changed) are recounted first, each in its own short
 * transaction under the plan's exclusive advisory lock. For any other day the counts are taken
 * live with the same SQL (duban_plan_unit_rollup_rows) and not stored.
 *
 * The caller cuts the rows to what the actor may see (visibility.ts): this function does not know
 * who asks. Errors: only the database's.
 */
export async function planUnitRollups(
  db: Db,
  planIds: readonly string[],
  asOf?: IsoDate,
): Promise<PlanUnitRollupRow[]> {
  const ids = [...new Set(planIds)];
  if (ids.length === 0) return [];
  const today = shanghaiDay(new Date());
  const day = asOf ?? today;
  if (day !== today)
    return db.$queryRawUnsafe<PlanUnitRollupRow[]>(
      `SELECT ${columns} FROM duban_plan_unit_rollup_rows($1::uuid[], $2::date)`,
      ids,
      day,
    );
  const stale = await db.$queryRaw<{ planId: string }[]>`
    SELECT DISTINCT "planId"::text AS "planId" FROM "PlanUnitRollup"
     WHERE "planId" = ANY(${ids}::uuid[]) AND "asOf" < ${day}::date`;
  for (const { planId } of stale) await refreshPlanUnitRollups(db, planId, day);
  return db.$queryRawUnsafe<PlanUnitRollupRow[]>(
    `SELECT ${columns} FROM "PlanUnitRollup" WHERE "planId" = ANY($1::uuid[])`,
    ids,
  );
}

/**
 * Recounts one plan's stored rows for `day` (default today, Asia/Shanghai) in a transaction of its
 * own. Used by readers for a stale plan and by the nightly refresh.
 */
export async function refreshPlanUnitRollups(db: Db, planId: string, day?: IsoDate): Promise<void> {
  const on = day ?? shanghaiDay(new Date());
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT duban_refresh_plan_unit_rollups(${planId}::uuid, ${on}::date)`;
  });
}

/**
 * Recounts every plan whose rows hold for a day before today: what the nightly job runs so the
 * first reader of the day finds fresh rows. Returns the number of plans recounted.
 */
export async function refreshStalePlanUnitRollups(db: Db): Promise<number> {
  const day = shanghaiDay(new Date());
  const stale = await db.$queryRaw<{ planId: string }[]>`
    SELECT DISTINCT "planId"::text AS "planId" FROM "PlanUnitRollup" WHERE "asOf" < ${day}::date`;
  for (const { planId } of stale) await refreshPlanUnitRollups(db, planId, day);
  return stale.length;
}
