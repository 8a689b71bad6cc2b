// Loads what one jurisdiction's scores for a period are computed from, in a fixed number of
// queries (about a dozen), whatever the number of units.
import type { DbOrTx } from "@duban/db";

import { addDays, dateOnly, shanghaiMidnight } from "../calendar.ts";
import { supervisionRules } from "../supervision/settings.ts";
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
  const yearStart = shanghaiMidnight(`${p.year}-01-01`);
  const asOfEnd = shanghaiMidnight(addDays(p.asOf, 1));
  const plans = { jurisdictionId, status: { not: "DRAFT" as const } };
  const [units, items, cycles, indicators, tasks, rated, notices, adjustments, bands] =
    await Promise.all([
      db.department.findMany({
        where: { jurisdictionId, active: true },
        select: { id: true, name: true },
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
        orderBy: [{ dueDate: "asc" }, { order: "asc" }],
      }),
      db.reportingCycle.findMany({
        where: { plan: plans, period: { in: p.quarters }, state: { not: "SCHEDULED" } },
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
        select: { id: true, title: true, leadDepartmentId: true, rating: true, ratedAt: true },
      }),
      db.supervisionNotice.findMany({
        where: { jurisdictionId, issuedAt: { gte: yearStart, lt: asOfEnd } },
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
      supervisionRules(db, jurisdictionId),
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

  return {
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
    bands,
  };
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
    HAVING bool_or(e."reviewState" <> 'SUBMITTED')`;
  return rows;
}
