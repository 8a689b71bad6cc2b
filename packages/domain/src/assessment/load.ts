// Loads what one jurisdiction's scores for a period are computed from, in a fixed number of
// queries (about a dozen), whatever the number of units.
import type { DbOrTx } from "@duban/db";

import { addDays, dateOnly, shanghaiMidnight } from "../calendar.ts";
import type { LightBands } from "../progress.ts";
import { DEFAULT_SUPERVISION_RULES, supervisionRulesOf } from "../supervision/settings.ts";
import { liveCycleStats } from "./live-reporting.ts";
import type { ScoringPeriod } from "./period.ts";
import type { ReviewRow, ScoringData } from "./types.ts";

/**
 * The rows of `jurisdictionId` for period `p`: its active units; the year's items of its issued
 * annual plans; reporting per unit and cycle of the year's quarters (CycleDepartmentStat when
 * closed, live-reporting.ts while open); reviewed reports on tasks a unit leads; indicators
 * with a responsible unit, their annual targets and latest value; open tasks; the year's ratings
 * and notices; unrevoked 加减分 of the quarters; and the jurisdiction's traffic-light bands.
 * Only plans that are not drafts count.
 */
export async function loadScoringData(
  db: DbOrTx,
  jurisdictionId: string,
  p: ScoringPeriod,
): Promise<ScoringData> {
  return (await loadScoringDataMany(db, [jurisdictionId], p)).get(jurisdictionId)!;
}

/**
 * The same for several jurisdictions at once, in the same dozen queries (a province's counties:
 * 12 queries instead of 12 per county); the rows are split by their unit's jurisdiction.
 */
export async function loadScoringDataMany(
  db: DbOrTx,
  jurisdictionIds: string[],
  p: ScoringPeriod,
): Promise<Map<string, ScoringData>> {
  const jurisdictionId = { in: jurisdictionIds };
  const yearStart = shanghaiMidnight(`${p.year}-01-01`);
  const asOfEnd = shanghaiMidnight(addDays(p.asOf, 1));
  const plans = { jurisdictionId, status: { not: "DRAFT" as const } };
  const [units, items, cycles, indicators, tasks, rated, notices, adjustments, bands] =
    await Promise.all([
      db.department.findMany({
        where: { jurisdictionId, active: true },
        select: { id: true, name: true, jurisdictionId: true },
        orderBy: { name: "asc" },
      }),
      db.annualPlanItem.findMany({
        where: { annualPlan: { year: p.year, status: "ISSUED", plan: plans } },
        select: {
          id: true,
          taskId: true,
          dueDate: true,
          doneAt: true,
          deliverable: true,
          task: {
            select: { title: true, status: true, completedAt: true, leadDepartmentId: true },
          },
        },
        orderBy: [{ dueDate: "asc" }, { order: "asc" }, { id: "asc" }],
      }),
      db.reportingCycle.findMany({
        where: { plan: plans, period: { in: p.quarters }, state: { not: "SCHEDULED" } },
        orderBy: [{ period: "asc" }, { id: "asc" }],
        select: {
          id: true,
          planId: true,
          period: true,
          state: true,
          stats: { select: { departmentId: true, expected: true, submitted: true, onTime: true } },
        },
      }),
      db.indicator.findMany({
        where: { plan: plans, responsibleDepartmentId: { not: null } },
        orderBy: [{ number: "asc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          responsibleDepartmentId: true,
          baselineYear: true,
          baselineValue: true,
          targetYear: true,
          targetValue: true,
          direction: true,
          nature: true,
          trajectory: true,
          accumulation: true,
          atRiskThreshold: true,
          offTrackThreshold: true,
          annualTargets: {
            where: { supersededAt: null, districtId: null, departmentId: null },
            select: { year: true, value: true },
          },
          observations: {
            where: { supersededAt: null, districtId: null, period: { lte: p.quarters.at(-1)! } },
            select: { period: true, value: true },
            orderBy: [{ period: "desc" }, { reportedAt: "desc" }],
            take: 1,
          },
        },
      }),
      db.task.findMany({
        where: {
          plan: plans,
          status: { not: "CANCELLED" },
          startDate: { lte: new Date(`${p.asOf}T00:00:00Z`) },
          OR: [{ status: { not: "COMPLETED" } }, { completedAt: { gte: asOfEnd } }],
        },
        orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        select: {
          id: true,
          title: true,
          leadDepartmentId: true,
          status: true,
          progress: true,
          startDate: true,
          dueDate: true,
        },
      }),
      db.task.findMany({
        where: { plan: plans, rating: { not: null }, ratedAt: { gte: yearStart, lt: asOfEnd } },
        orderBy: [{ ratedAt: "asc" }, { id: "asc" }],
        select: { id: true, title: true, leadDepartmentId: true, rating: true, ratedAt: true },
      }),
      db.supervisionNotice.findMany({
        where: { jurisdictionId, issuedAt: { gte: yearStart, lt: asOfEnd } },
        orderBy: [{ year: "asc" }, { number: "asc" }, { id: "asc" }],
        select: {
          id: true,
          departmentId: true,
          taskId: true,
          year: true,
          number: true,
          level: true,
          issuedAt: true,
          task: { select: { title: true } },
        },
      }),
      db.scoreAdjustment.findMany({
        where: { jurisdictionId, period: { in: p.quarters }, revokedAt: null },
        select: {
          id: true,
          departmentId: true,
          period: true,
          points: true,
          reason: true,
          createdAt: true,
        },
      }),
      supervisionRulesOf(db, jurisdictionIds),
    ]);

  const period = new Map(cycles.map((c) => [c.id, c.period]));
  const [live, reviews] = await Promise.all([
    liveCycleStats(
      db,
      cycles.filter((c) => c.state === "OPEN"),
    ),
    loadReviews(
      db,
      cycles.map((c) => c.id),
      [...new Set(cycles.map((c) => c.planId))],
    ),
  ]);
  const reporting = [
    ...cycles
      .filter((c) => c.state !== "OPEN")
      .flatMap((c) => c.stats.map((s) => ({ ...s, cycleId: c.id, period: c.period, live: false }))),
    ...live.map((s) => ({ ...s, period: period.get(s.cycleId)!, live: true })),
  ];

  const all: ScoringData = {
    units,
    items: items.map((i) => ({
      id: i.id,
      departmentId: i.task.leadDepartmentId,
      taskId: i.taskId,
      title: `${i.task.title}：${i.deliverable}`,
      year: p.year,
      dueDate: i.dueDate,
      doneAt: i.doneAt,
      task: { status: i.task.status, completedAt: i.task.completedAt },
    })),
    reporting,
    reviews,
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      departmentId: i.responsibleDepartmentId!,
      indicator: i,
      targets: i.annualTargets,
      actual: i.observations[0] ?? null,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      departmentId: t.leadDepartmentId,
      status: t.status,
      progress: t.progress,
      startDate: dateOnly(t.startDate),
      dueDate: dateOnly(t.dueDate),
    })),
    ratings: rated.map((t) => ({
      taskId: t.id,
      title: t.title,
      departmentId: t.leadDepartmentId,
      rating: t.rating!,
      ratedAt: t.ratedAt!,
    })),
    notices: notices.map((n) => ({ ...n, title: n.task.title })),
    adjustments,
    bands: DEFAULT_SUPERVISION_RULES,
  };
  return splitByJurisdiction(all, units, bands);
}

/** Each jurisdiction's rows: those of its units, with its own traffic-light bands. */
function splitByJurisdiction(
  all: ScoringData,
  units: Array<{ id: string; name: string; jurisdictionId: string }>,
  bands: Map<string, LightBands>,
): Map<string, ScoringData> {
  const out = new Map<string, ScoringData>();
  const of = new Map<string, ScoringData>();
  for (const [id, b] of bands)
    out.set(id, {
      units: [],
      items: [],
      reporting: [],
      reviews: [],
      indicators: [],
      tasks: [],
      ratings: [],
      notices: [],
      adjustments: [],
      bands: b,
    });
  for (const u of units) {
    const data = out.get(u.jurisdictionId)!;
    data.units.push({ id: u.id, name: u.name });
    of.set(u.id, data);
  }
  const keys = [
    "items",
    "reporting",
    "reviews",
    "indicators",
    "tasks",
    "ratings",
    "notices",
    "adjustments",
  ] as const;
  for (const key of keys)
    for (const row of all[key] as Array<{ departmentId: string }>)
      (of.get(row.departmentId)?.[key] as Array<{ departmentId: string }> | undefined)?.push(row);
  return out;
}

/**
 * Reviewed reports of the cycles, one per task × cycle × unit, of units on the tasks they lead:
 * passed when the current revision is approved and no revision was ever returned.
 */
async function loadReviews(
  db: DbOrTx,
  cycleIds: string[],
  planIds: string[],
): Promise<ReviewRow[]> {
  if (cycleIds.length === 0) return [];
  const rows = await db.$queryRaw<
    Array<{
      entryId: string;
      departmentId: string;
      taskId: string;
      title: string;
      period: string;
      approved: boolean;
      returned: boolean;
    }>
  >`
    SELECT (array_agg(e.id ORDER BY e."isCurrent" DESC, e.revision DESC))[1]::text AS "entryId",
           e."departmentId"::text AS "departmentId", e."taskId"::text AS "taskId",
           min(t.title) AS title, min(e.period) AS period,
           bool_or(e."isCurrent" AND e."reviewState" = 'APPROVED') AS approved,
           bool_or(e."reviewState" = 'RETURNED') AS returned
      FROM "LedgerEntry" e JOIN "Task" t ON t.id = e."taskId"
     WHERE e."cycleId" = ANY(${cycleIds}::uuid[]) AND t."leadDepartmentId" = e."departmentId"
       -- the plans named, so the tasks are read by index, not by scanning every plan's
       AND t."planId" = ANY(${planIds}::uuid[])
     GROUP BY e."cycleId", e."departmentId", e."taskId"
    HAVING bool_or(e."reviewState" <> 'SUBMITTED')
     ORDER BY min(e.period), min(t.title), e."taskId", e."departmentId", e."cycleId"`;
  return rows;
}
