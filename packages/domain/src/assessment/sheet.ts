// A period's score sheet from pre-loaded rows (issue #18 考核评分): component ratios → effective
// weights (not-applicable weight shared out so every unit is scored out of 100) → points, 加减分,
// totals and the ranking (ties share a rank). Pure and linear in the rows.
import type { IsoDate } from "../calendar.ts";
import type {
  ComponentScore,
  SchemeComponent,
  ScoreSheet,
  UnitScore,
} from "../schemas/assessment.ts";
import * as c from "./components.ts";
import type { DrillLine, ScoringData } from "./types.ts";

/** Rounded to 2 decimals, half away from zero (the published figures). */
export const round2 = (n: number) => (Math.sign(n) * Math.round(Math.abs(n) * 100 + 1e-9)) / 100;

/** Rows grouped by unit id, once per sheet. */
function byUnit<T extends { departmentId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.departmentId);
    if (list) list.push(r);
    else out.set(r.departmentId, [r]);
  }
  return out;
}

function group(data: ScoringData) {
  return {
    items: byUnit(data.items),
    reporting: byUnit(data.reporting),
    reviews: byUnit(data.reviews),
    indicators: byUnit(data.indicators),
    tasks: byUnit(data.tasks),
    ratings: byUnit(data.ratings),
    notices: byUnit(data.notices),
    adjustments: byUnit(data.adjustments),
  };
}

/** One component's ratio for one unit; `lines` collects the drill-down. */
function ratioOf(
  component: SchemeComponent,
  unitId: string,
  g: ReturnType<typeof group>,
  data: ScoringData,
  asOf: IsoDate,
  lines?: DrillLine[],
): c.Ratio {
  const rows = <T>(m: Map<string, T[]>) => m.get(unitId) ?? [];
  switch (component.kind) {
    case "ITEM_COMPLETION":
      return c.itemCompletion(rows(g.items), asOf, lines);
    case "REPORTING":
      return c.reporting(rows(g.reporting), lines);
    case "REVIEW_PASS":
      return c.reviewPass(rows(g.reviews), lines);
    case "INDICATOR_ATTAINMENT":
      return c.indicatorAttainment(rows(g.indicators), asOf, lines);
    case "TRAFFIC_LIGHT":
      return c.trafficLights(rows(g.tasks), asOf, data.bands, lines);
    case "RATING":
      return c.ratings(rows(g.ratings), component.values, lines);
    case "NOTICES":
      return c.notices(rows(g.notices), component, lines);
  }
}

/**
 * Points from ratios: each applicable component's weight is scaled by 100 ÷ Σ applicable weights
 * (the schema's not-applicable rule); points = effectiveWeight × ratio, rounded to 2 decimals.
 * A unit with nothing applicable scores 0 on every component.
 */
export function componentScores(
  components: readonly SchemeComponent[],
  ratios: readonly c.Ratio[],
): ComponentScore[] {
  const applicable = components.reduce(
    (s, comp, i) => s + (ratios[i]!.ratio === null ? 0 : comp.weight),
    0,
  );
  return components.map((comp, i) => {
    const r = ratios[i]!;
    const effective = r.ratio === null || applicable === 0 ? 0 : (comp.weight * 100) / applicable;
    return {
      kind: comp.kind,
      weight: comp.weight,
      effectiveWeight: round2(effective),
      ratio: r.ratio,
      points: r.ratio === null ? 0 : round2(effective * r.ratio),
      numerator: round2(r.numerator),
      denominator: round2(r.denominator),
    };
  });
}

/** Ranks by total, best first; equal totals share the rank (1, 2, 2, 4); then by name. */
export function rankUnits(units: Array<Omit<UnitScore, "rank">>): UnitScore[] {
  const sorted = [...units].sort(
    (a, b) =>
      b.total - a.total ||
      a.departmentName.localeCompare(b.departmentName, "zh-CN") ||
      a.departmentId.localeCompare(b.departmentId),
  );
  let rank = 0;
  return sorted.map((u, i) => {
    if (i === 0 || u.total !== sorted[i - 1]!.total) rank = i + 1;
    return { ...u, rank };
  });
}

export type SheetHeader = Omit<ScoreSheet, "units">;

/**
 * The sheet of the units of `data` under the scheme's components. A unit with nothing to assess
 * (no component applies to it and it has no 加减分: no item, report, indicator, task, rating or
 * notice in the period) is left out of the sheet and the ranking rather than ranked last with 0
 * — or first with full marks, since NOTICES applies to everyone: a unit that leads no work the
 * scheme measures is not assessed by it (issue #18).
 */
export function computeSheet(
  header: SheetHeader,
  components: readonly SchemeComponent[],
  data: ScoringData,
): ScoreSheet {
  const g = group(data);
  const units = data.units.flatMap((unit) => {
    const ratios = components.map((comp) => ratioOf(comp, unit.id, g, data, header.asOf));
    const adj = g.adjustments.get(unit.id) ?? [];
    if (!assessed(unit.id, components, ratios, g)) return [];
    const scores = componentScores(components, ratios);
    const bonus = round2(adj.reduce((s, a) => s + Math.max(0, a.points), 0));
    const deduction = round2(adj.reduce((s, a) => s + Math.min(0, a.points), 0));
    const total = round2(scores.reduce((s, x) => s + x.points, 0) + bonus + deduction);
    return [
      {
        departmentId: unit.id,
        departmentName: unit.name,
        total,
        components: scores,
        bonus,
        deduction,
      },
    ];
  });
  return { ...header, units: rankUnits(units) };
}

/** The rows behind each component of one unit (the drill-down), in the scheme's order. */
export function drillLines(
  components: readonly SchemeComponent[],
  data: ScoringData,
  unitId: string,
  asOf: IsoDate,
): Array<{ kind: SchemeComponent["kind"]; lines: DrillLine[] }> {
  const g = group(data);
  return components.map((comp) => {
    const lines: DrillLine[] = [];
    ratioOf(comp, unitId, g, data, asOf, lines);
    return { kind: comp.kind, lines };
  });
}

/**
 * Whether a unit takes part in the sheet: a component other than NOTICES applies to it (it has
 * items, reports, reviews, indicators, tasks or ratings the scheme measures), or it received a
 * notice, or it has 加减分. NOTICES alone always applies, so it cannot decide.
 */
function assessed(
  unitId: string,
  components: readonly SchemeComponent[],
  ratios: readonly c.Ratio[],
  g: ReturnType<typeof group>,
): boolean {
  if ((g.adjustments.get(unitId)?.length ?? 0) > 0) return true;
  if ((g.notices.get(unitId)?.length ?? 0) > 0) return true;
  return components.some((comp, i) => comp.kind !== "NOTICES" && ratios[i]!.ratio !== null);
}
