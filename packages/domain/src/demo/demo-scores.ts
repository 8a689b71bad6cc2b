import { randomUUID } from "node:crypto";

import type { Db, Prisma } from "@duban/db";

import { annualItemOutcome } from "../annual/item-outcome.ts";
import { addDays, shanghaiDay, type IsoDate } from "../calendar.ts";
import { periodEnd } from "../periods.ts";
import type { ComponentScore, SchemeComponent, ScoreSheet } from "../schemas/assessment.ts";
import { at } from "./demo-fates.ts";
import { insertRows } from "./demo-insert.ts";
import type { AuditRow, People } from "./demo-ledger.ts";

/** The demo's scheme: the year's items first, then reporting, reviews, ratings and indicators. */
export const DEMO_COMPONENTS: SchemeComponent[] = [
  { kind: "ITEM_COMPLETION", weight: 40 },
  { kind: "REPORTING", weight: 25 },
  { kind: "REVIEW_PASS", weight: 15 },
  { kind: "RATING", weight: 10, values: { EXCELLENT: 1, GOOD: 0.85, FAIR: 0.7, POOR: 0.4 } },
  { kind: "INDICATOR_ATTAINMENT", weight: 10 },
];

type Ratio = { numerator: number; denominator: number } | null;
const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A score sheet by the component definitions of ZSchemeComponent (schemas/assessment.ts), for the
 * units that lead tasks, year to date up to `asOf`. The demo's own reckoning, written while the
 * scoring module was being built alongside: it covers the components the demo's data feed
 * (indicators have no responsible unit in the seeds, so INDICATOR_ATTAINMENT is not applicable
 * and its weight is shared out).
 */
async function demoSheet(
  db: Db,
  planId: string,
  scheme: { id: string; version: number; jurisdictionId: string },
  period: string,
  asOf: IsoDate,
): Promise<ScoreSheet> {
  const year = Number(period.slice(0, 4));
  const [departments, items, stats, entries, rated] = await Promise.all([
    db.department.findMany({ where: { jurisdictionId: scheme.jurisdictionId } }),
    db.annualPlanItem.findMany({
      where: { annualPlan: { planId, year } },
      include: { task: true },
    }),
    db.cycleDepartmentStat.findMany({
      where: {
        cycle: {
          planId,
          period: { startsWith: `${year}Q`, lte: period.length > 4 ? period : `${year}Q4` },
        },
      },
    }),
    db.ledgerEntry.findMany({
      where: {
        task: { planId },
        period: { startsWith: `${year}Q` },
        revision: 1,
        reviewState: { not: "SUBMITTED" },
      },
      select: { departmentId: true, reviewState: true, period: true },
    }),
    db.task.findMany({
      where: { planId, ratedAt: { gte: at(`${year}-01-01`, 0), lt: at(addDays(asOf, 1), 0) } },
      select: { leadDepartmentId: true, rating: true },
    }),
  ]);
  const lastPeriod = period.length > 4 ? period : `${year}Q4`;
  const leads = new Set(items.map((i) => i.task.leadDepartmentId));
  const units = departments.filter((d) => leads.has(d.id));
  const values = { EXCELLENT: 1, GOOD: 0.85, FAIR: 0.7, POOR: 0.4 } as const;
  const lines = units.map((d) => {
    const mine = items.filter(
      (i) => i.task.leadDepartmentId === d.id && shanghaiDay(i.dueDate) <= asOf,
    );
    const onTime = mine.filter((i) => annualItemOutcome({ ...i, year }, asOf).onTime).length;
    const st = stats.filter((s) => s.departmentId === d.id);
    const expected = st.reduce((s, x) => s + x.expected, 0);
    const reviewed = entries.filter((e) => e.departmentId === d.id && e.period <= lastPeriod);
    const ratings = rated.filter((t) => t.leadDepartmentId === d.id && t.rating);
    const ratios: Record<string, Ratio> = {
      ITEM_COMPLETION: mine.length ? { numerator: onTime, denominator: mine.length } : null,
      REPORTING: expected
        ? {
            numerator: st.reduce((s, x) => s + x.submitted + x.onTime, 0) / 2,
            denominator: expected,
          }
        : null,
      REVIEW_PASS: reviewed.length
        ? {
            numerator: reviewed.filter((e) => e.reviewState === "APPROVED").length,
            denominator: reviewed.length,
          }
        : null,
      RATING: ratings.length
        ? {
            numerator: ratings.reduce((s, t) => s + values[t.rating!], 0),
            denominator: ratings.length,
          }
        : null,
      INDICATOR_ATTAINMENT: null,
    };
    const applicable = DEMO_COMPONENTS.filter((c) => ratios[c.kind]);
    const share = applicable.reduce((s, c) => s + c.weight, 0) || 1;
    const components: ComponentScore[] = DEMO_COMPONENTS.map((c) => {
      const ratio = ratios[c.kind];
      const effectiveWeight = ratio ? r2((c.weight * 100) / share) : 0;
      const value = ratio ? ratio.numerator / ratio.denominator : null;
      return {
        kind: c.kind,
        weight: c.weight,
        effectiveWeight,
        ratio: value,
        points: value === null ? 0 : r2(effectiveWeight * value),
        numerator: ratio?.numerator ?? 0,
        denominator: ratio?.denominator ?? 0,
      };
    });
    const total = r2(components.reduce((s, c) => s + c.points, 0));
    return {
      departmentId: d.id,
      departmentName: d.name,
      rank: 0,
      total,
      components,
      bonus: 0,
      deduction: 0,
    };
  });
  lines.sort((a, b) => b.total - a.total || a.departmentName.localeCompare(b.departmentName));
  lines.forEach(
    (l, i) => (l.rank = i > 0 && lines[i - 1]!.total === l.total ? lines[i - 1]!.rank : i + 1),
  );
  return {
    jurisdictionId: scheme.jurisdictionId,
    period,
    kind: period.length > 4 ? "QUARTER" : "YEAR",
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    asOf,
    computedAt: new Date().toISOString(),
    units: lines,
  };
}

/**
 * Each year's assessment scheme (version 1, set in January) and its published scores: the final
 * scores of every year that has ended (published the following January) and the provisional
 * scores of the current year's closed quarters (published 20 days after each quarter). Written
 * with the Prisma client and `assessment.scheme.save` / `assessment.scores.publish` audit events.
 */
export async function demoScores(db: Db, planId: string, people: People, now: Date) {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const today = shanghaiDay(now);
  const thisYear = Number(today.slice(0, 4));
  const office = { actorUserId: people.office.id, actorLabel: people.office.email };
  const audit: AuditRow[] = [];
  const publications: Array<Record<string, unknown>> = [];
  for (let year = plan.periodStart; year <= thisYear; year++) {
    const savedAt = at(`${year}-01-10`, 10);
    if (savedAt >= now) break;
    const periods =
      year < thisYear
        ? [{ period: String(year), at: at(`${year + 1}-01-20`, 10), asOf: `${year}-12-31` }]
        : ([1, 2, 3, 4] as const)
            .map((q) => `${year}Q${q}`)
            .map((p) => ({ period: p, at: at(addDays(periodEnd(p), 20), 10), asOf: periodEnd(p) }));
    const due = periods.filter((p) => p.at < now && p.at <= at(addDays(today, 0), 0));
    const scheme = await db.assessmentScheme.create({
      data: {
        jurisdictionId: people.jurisdictionId,
        year,
        version: 1,
        name: `${year}年度科技创新规划实施考核方案`,
        components: DEMO_COMPONENTS as unknown as Prisma.InputJsonValue,
        createdById: people.office.id,
        createdAt: savedAt,
        lockedAt: due[0]?.at ?? null,
      },
    });
    const entity = {
      entityType: "AssessmentScheme",
      entityId: scheme.id,
      jurisdictionId: people.jurisdictionId,
    };
    audit.push({
      ...office,
      ...entity,
      at: savedAt,
      action: "assessment.scheme.save",
      after: { year, version: 1 },
    });
    for (const p of due) {
      const sheet = await demoSheet(db, planId, scheme, p.period, p.asOf);
      const id = randomUUID();
      publications.push({
        id,
        jurisdictionId: people.jurisdictionId,
        schemeId: scheme.id,
        period: p.period,
        sheet: { ...sheet, computedAt: p.at.toISOString() },
        publishedById: people.office.id,
        publishedAt: p.at,
      });
      audit.push({
        ...office,
        at: p.at,
        action: "assessment.scores.publish",
        entityType: "ScorePublication",
        entityId: id,
        jurisdictionId: people.jurisdictionId,
        after: { period: p.period, units: sheet.units.length },
      });
    }
  }
  audit.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  await db.$transaction(async (tx) => {
    await insertRows(tx, "ScorePublication", publications);
    await insertRows(tx, "AuditEvent", audit);
  });
  return publications.length;
}
