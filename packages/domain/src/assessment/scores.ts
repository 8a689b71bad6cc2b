// Live scores and their drill-down (issue #18): a quarter's provisional, year-to-date sheet or the
// year's final one, computed from the data as they stand, cut by the visibility rule.
import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import type { DomainContext } from "../context.ts";
import { conflict, notFound } from "../errors.ts";
import type { ScoreSheet, ZScoreDrillInput, ZScoresInput } from "../schemas/assessment.ts";
import type { Visibility } from "../visibility.ts";
import { loadScoringDataMany } from "./load.ts";
import { scoringPeriod } from "./period.ts";
import { assertReadsAssessment, currentSchemes, type SchemeView } from "./schemes.ts";
import { computeSheet, drillLines } from "./sheet.ts";
import type { ScoringData } from "./types.ts";
import { visibleSheet } from "./visible-sheet.ts";

const NO_SCHEME = (year: number) =>
  conflict(`${year}年度尚未制定考核方案`, `no assessment scheme for ${year} yet`);

/**
 * The whole sheet of a jurisdiction's period under the year's current scheme, unrestricted (for
 * publication and the benchmark), with the rows it came from. CONFLICT when the year has no scheme.
 */
export async function computeScores(
  db: DbOrTx,
  jurisdictionId: string,
  period: string,
  now: Date,
): Promise<{ sheet: ScoreSheet; scheme: SchemeView; data: ScoringData }> {
  return (await computeScoresMany(db, [jurisdictionId], period, now))[0]!;
}

/**
 * The sheets of several jurisdictions' period (a province's counties), loaded together; each
 * jurisdiction ranked on its own under its own current scheme. CONFLICT when one has no scheme.
 */
export async function computeScoresMany(
  db: DbOrTx,
  jurisdictionIds: string[],
  period: string,
  now: Date,
): Promise<Array<{ sheet: ScoreSheet; scheme: SchemeView; data: ScoringData }>> {
  const p = scoringPeriod(period, now);
  const schemes = await currentSchemes(db, jurisdictionIds, p.year);
  for (const id of jurisdictionIds) if (!schemes.has(id)) throw NO_SCHEME(p.year);
  const data = await loadScoringDataMany(db, jurisdictionIds, p);
  return jurisdictionIds.map((jurisdictionId) => {
    const scheme = schemes.get(jurisdictionId)!;
    const rows = data.get(jurisdictionId)!;
    const sheet = computeSheet(
      {
        jurisdictionId,
        period,
        kind: p.kind,
        schemeId: scheme.id,
        schemeVersion: scheme.version,
        asOf: p.asOf,
        computedAt: now.toISOString(),
      },
      scheme.components,
      rows,
    );
    return { sheet, scheme, data: rows };
  });
}

/** The live sheet of a period as the actor may see it (visible-sheet.ts). */
export async function scoreSheet(ctx: DomainContext, input: z.infer<typeof ZScoresInput>) {
  const visibility = await assertReadsAssessment(ctx, input.jurisdictionId);
  const { sheet } = await computeScores(
    ctx.db,
    input.jurisdictionId,
    input.period,
    ctx.now ?? new Date(),
  );
  return visibleSheet(visibility, sheet, false);
}

const seesUnit = (visibility: Visibility, departmentId: string) =>
  visibility.kind === "all" ||
  (visibility.kind === "units" && visibility.departmentIds.includes(departmentId));

/**
 * One unit's line and, per component, the rows that produced it (which items, cycles, reports,
 * indicators, tasks, ratings and notices, each counted for or against), plus the 加减分 lines.
 * The office and readers for any unit; department staff for their own units; NOT_FOUND otherwise.
 */
export async function scoreDrillDown(ctx: DomainContext, input: z.infer<typeof ZScoreDrillInput>) {
  const visibility = await assertReadsAssessment(ctx, input.jurisdictionId);
  if (!seesUnit(visibility, input.departmentId)) throw notFound("单位得分", "unit score");
  const { sheet, scheme, data } = await computeScores(
    ctx.db,
    input.jurisdictionId,
    input.period,
    ctx.now ?? new Date(),
  );
  const line = sheet.units.find((u) => u.departmentId === input.departmentId);
  if (!line) throw notFound("单位得分", "unit score");
  const lines = drillLines(scheme.components, data, input.departmentId, sheet.asOf);
  return {
    period: sheet.period,
    kind: sheet.kind,
    asOf: sheet.asOf,
    schemeVersion: sheet.schemeVersion,
    line,
    components: line.components.map((c, i) => ({ ...c, lines: lines[i]!.lines })),
    adjustments: data.adjustments
      .filter((a) => a.departmentId === input.departmentId)
      .sort(
        (a, b) =>
          a.period.localeCompare(b.period) ||
          +a.createdAt - +b.createdAt ||
          a.id.localeCompare(b.id),
      ),
  };
}
