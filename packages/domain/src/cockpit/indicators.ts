import type { Db } from "@duban/db";

import type { IsoDate } from "../calendar.ts";
import { judgedSeries } from "../districts/district-series.ts";
import { districtViews, type DistrictViewIndicator } from "../districts/district-views.ts";
import type { IndicatorStatus, StatusIndicator } from "../indicators/indicator-status.ts";
import { periodEnd, periodOfDay, previousPeriod } from "../periods.ts";

export type StatusCounts = Record<IndicatorStatus, number> & { total: number };

export const emptyStatusCounts = (): StatusCounts => ({
  total: 0,
  ON_TRACK: 0,
  AT_RISK: 0,
  OFF_TRACK: 0,
  NO_DATA: 0,
  NO_TRAJECTORY: 0,
});

/** The latest quarter that has ended on `asOf` (its last day counts as ended). */
export function lastEndedPeriod(asOf: IsoDate): string {
  const current = periodOfDay(asOf);
  return periodEnd(current) <= asOf ? current : previousPeriod(current);
}

type JudgeRow = StatusIndicator & {
  id: string;
  planId: string;
  period: string | null;
  value: number | null;
  targets: Array<{ year: number; value: number }> | null;
};

const judgeColumns = `i.id::text AS id, i."planId"::text AS "planId", i."baselineYear", i."baselineValue",
  i."targetYear", i."targetValue", i.direction::text AS direction, i.nature::text AS nature,
  i.trajectory::text AS trajectory, i.accumulation::text AS accumulation, i."atRiskThreshold", i."offTrackThreshold"`;

/**
 * One indicator's status on `asOf`: its latest whole-jurisdiction value of an ended quarter judged
 * at that quarter's end by the one rule (judgedSeries → indicatorStatusOn, with its 年度目标), as
 * the indicator pages and 片区 views judge it; NO_DATA / NO_TRAJECTORY when nothing is reported.
 */
function statusOf(row: JudgeRow, asOf: IsoDate): IndicatorStatus {
  const values =
    row.period !== null && row.value !== null ? [{ period: row.period, value: row.value }] : [];
  return judgedSeries(row, row.targets ?? [], values, asOf).assessment.status;
}

/** Per plan: its data version and day → its indicators' status counts (a few hundred bytes each). */
const memo = new Map<string, { key: string; counts: StatusCounts }>();
const MEMO_MAX = 20_000;

/**
 * Indicator attainment per plan: how many of each plan's indicators are on track, at risk, off
 * track, without data or without a trajectory on `asOf`.
 *
 * The status rule (trajectory, compound growth, 年度目标) lives in TypeScript only, so it runs in
 * Node; to keep the api small at province scale (20k indicators) the plans are read in batches of
 * 100 plans, one row per indicator with only its latest value and its whole-jurisdiction targets,
 * and only the counts are kept. Counts are memoised per plan under the plan's data version (raised
 * by triggers on every write to its indicators, values and targets) and the day, so after a write
 * only that plan is judged again.
 */
export async function indicatorCountsByPlan(
  db: Db,
  plans: ReadonlyArray<{ planId: string; version: string }>,
  asOf: IsoDate,
): Promise<Map<string, StatusCounts>> {
  const out = new Map<string, StatusCounts>();
  const todo: string[] = [];
  for (const p of plans) {
    const hit = memo.get(p.planId);
    if (hit && hit.key === `${p.version}|${asOf}`) out.set(p.planId, hit.counts);
    else todo.push(p.planId);
  }
  const upTo = lastEndedPeriod(asOf);
  for (let i = 0; i < todo.length; i += 100) {
    const batch = todo.slice(i, i + 100);
    const rows = await db.$queryRawUnsafe<JudgeRow[]>(
      `SELECT ${judgeColumns}, o.period, o.value,
              (SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year, t."setAt")
                 FROM "IndicatorAnnualTarget" t
                WHERE t."indicatorId" = i.id AND t."supersededAt" IS NULL
                  AND t."districtId" IS NULL AND t."departmentId" IS NULL) AS targets
         FROM "Indicator" i
         LEFT JOIN LATERAL (
           SELECT ob.period, ob.value FROM "IndicatorObservation" ob
            WHERE ob."indicatorId" = i.id AND ob."districtId" IS NULL AND ob."supersededAt" IS NULL AND ob.period <= $2
            ORDER BY ob.period DESC LIMIT 1) o ON true
        WHERE i."planId" = ANY($1::uuid[])`,
      batch,
      upTo,
    );
    for (const id of batch) out.set(id, emptyStatusCounts());
    for (const row of rows) {
      const counts = out.get(row.planId)!;
      counts.total++;
      counts[statusOf(row, asOf)]++;
    }
  }
  const versions = new Map(plans.map((p) => [p.planId, p.version]));
  for (const id of todo) {
    if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
    memo.set(id, { key: `${versions.get(id)}|${asOf}`, counts: out.get(id)! });
  }
  return out;
}

export type AttainmentPart = {
  /** the 片区's id, or the child jurisdiction's */
  id: string;
  name: string;
  status: IndicatorStatus;
  value: number | null;
  expected: number | null;
  period: string | null;
};

export type AttainmentBreakdown = {
  indicatorId: string;
  planId: string;
  name: string;
  unit: string | null;
  /** DISTRICT: monitored by 片区 (分片区监测); SHARE: shares assigned to child jurisdictions */
  kind: "DISTRICT" | "SHARE";
  parts: AttainmentPart[];
};

/**
 * Per-district and per-county attainment of the root jurisdiction's own indicators (at most
 * `limit` of each kind): those monitored by 片区 through districtViews (the 片区 pages' rule), and
 * those whose shares were assigned to child jurisdictions (Assignment kind INDICATOR, not
 * withdrawn) with each child's share judged as indicatorShares judges it (the child's own
 * indicator, the share's baseline/target where it sets none). Children outside `visibleIds` are
 * left out (the one visibility rule).
 */
export async function attainmentBreakdowns(
  db: Db,
  rootPlanIds: string[],
  visibleIds: ReadonlySet<string>,
  asOf: IsoDate,
  limit: number,
): Promise<AttainmentBreakdown[]> {
  if (!rootPlanIds.length) return [];
  const [byDistrict, shared] = await Promise.all([
    db.indicator.findMany({
      where: { planId: { in: rootPlanIds }, byDistrict: true },
      orderBy: [{ planId: "asc" }, { number: "asc" }],
      take: limit,
    }),
    db.indicator.findMany({
      where: {
        planId: { in: rootPlanIds },
        sharesGiven: { some: { kind: "INDICATOR", state: { not: "WITHDRAWN" } } },
      },
      orderBy: [{ planId: "asc" }, { number: "asc" }],
      take: limit,
      select: { id: true, planId: true, name: true, unit: true },
    }),
  ]);
  const views = await districtViews(db, byDistrict as DistrictViewIndicator[], asOf);
  const out: AttainmentBreakdown[] = byDistrict.map((ind) => ({
    indicatorId: ind.id,
    planId: ind.planId,
    name: ind.name,
    unit: ind.unit,
    kind: "DISTRICT",
    parts: (views.get(ind.id)?.districts ?? [])
      .filter((d) => d.active)
      .map((d) => ({
        id: d.districtId,
        name: d.name,
        status: d.assessment.status,
        value: d.latest?.value ?? null,
        expected: d.assessment.expected,
        period: d.latest?.period ?? null,
      })),
  }));
  if (!shared.length) return out;
  const upTo = lastEndedPeriod(asOf);
  const shares = await db.$queryRawUnsafe<
    Array<JudgeRow & { parentId: string; jurisdictionId: string; jurisdictionName: string }>
  >(
    `SELECT a."parentIndicatorId"::text AS "parentId", a."toJurisdictionId"::text AS "jurisdictionId",
            j.name AS "jurisdictionName", i.id::text AS id, i."planId"::text AS "planId",
            i."baselineYear", i."targetYear", i.direction::text AS direction, i.nature::text AS nature,
            i.trajectory::text AS trajectory, i.accumulation::text AS accumulation,
            i."atRiskThreshold", i."offTrackThreshold",
            -- the child's own figures, else the share's (indicatorShares' rule)
            CASE WHEN i.id = p.id THEN a."shareBaseline" ELSE coalesce(i."baselineValue", a."shareBaseline") END AS "baselineValue",
            CASE WHEN i.id = p.id THEN a."shareTarget" ELSE coalesce(i."targetValue", a."shareTarget") END AS "targetValue",
            o.period, o.value,
            (SELECT json_agg(json_build_object('year', t.year, 'value', t.value) ORDER BY t.year, t."setAt")
               FROM "IndicatorAnnualTarget" t
              WHERE t."indicatorId" = i.id AND t."supersededAt" IS NULL
                AND t."districtId" IS NULL AND t."departmentId" IS NULL) AS targets
       FROM "Assignment" a
       JOIN "Jurisdiction" j ON j.id = a."toJurisdictionId"
       JOIN "Indicator" p ON p.id = a."parentIndicatorId"
       -- a share not yet decomposed is judged on the parent's parameters with the share's values
       JOIN LATERAL (SELECT coalesce(c.id, p.id) AS id FROM (SELECT 1) x
                     LEFT JOIN "Indicator" c ON c."assignmentId" = a.id) pick ON true
       JOIN "Indicator" i ON i.id = pick.id
       LEFT JOIN LATERAL (
         SELECT ob.period, ob.value FROM "IndicatorObservation" ob
          WHERE i.id <> p.id AND ob."indicatorId" = i.id AND ob."districtId" IS NULL
            AND ob."supersededAt" IS NULL AND ob.period <= $2
          ORDER BY ob.period DESC LIMIT 1) o ON true
      WHERE a."parentIndicatorId" = ANY($1::uuid[]) AND a.kind = 'INDICATOR' AND a.state <> 'WITHDRAWN'
      ORDER BY j.name`,
    shared.map((s) => s.id),
    upTo,
  );
  for (const ind of shared) {
    const parts = shares
      .filter((s) => s.parentId === ind.id && visibleIds.has(s.jurisdictionId))
      .map((s) => {
        const values =
          s.period !== null && s.value !== null ? [{ period: s.period, value: s.value }] : [];
        const judged = judgedSeries(s, s.id === ind.id ? [] : (s.targets ?? []), values, asOf);
        return {
          id: s.jurisdictionId,
          name: s.jurisdictionName,
          status: judged.assessment.status,
          value: judged.latest?.value ?? null,
          expected: judged.assessment.expected,
          period: judged.latest?.period ?? null,
        };
      });
    out.push({
      indicatorId: ind.id,
      planId: ind.planId,
      name: ind.name,
      unit: ind.unit,
      kind: "SHARE",
      parts,
    });
  }
  return out;
}
