import type { z } from "zod";

import { shanghaiDay, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { percentOf, type LightBands, type TrafficLight } from "../progress.ts";
import type { ZCockpitInput, ZCockpitPlansInput } from "../schemas/cascade.ts";
import {
  planCompletionRows,
  topUnits,
  worstLaggingItems,
  type CompletionCounts,
  type LaggingItem,
  type PlanCompletionRow,
} from "./completion.ts";
import {
  attainmentBreakdowns,
  emptyStatusCounts,
  indicatorCountsByPlan,
  type AttainmentBreakdown,
  type StatusCounts,
} from "./indicators.ts";
import { latestReportingPeriod, reportingByJurisdiction, type ReportingRow } from "./reporting.ts";
import { cockpitRoots, cockpitScope, type CockpitScope } from "./scope.ts";

const zh = new Intl.Collator("zh-CN");

/**
 * How many units, lagging items and per-district indicators the cockpit lists. Plans are not in
 * the page's summary: the page reads them a page at a time (cockpitPlans); the export lists all.
 */
export const COCKPIT_LIMITS = { units: 15, lagging: 20, breakdowns: 20 } as const;

/** The counters of a group of tasks with the rates the cockpit shows (percent, one decimal). */
export type Completion = Omit<CompletionCounts, "sumProgress" | "sumExpected"> & {
  /** completed of the tasks not cancelled */
  completionRate: number;
  /** mean reported progress and mean 序时进度 of the tasks not cancelled, 0–100 */
  reportedProgress: number;
  expectedProgress: number;
  /** null when no task is open */
  light: TrafficLight | null;
};

export type Reporting = {
  cycles: number;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  /** submitted of expected, percent */
  completeness: number;
};

const zero = (): CompletionCounts => ({
  total: 0,
  completed: 0,
  cancelled: 0,
  onSchedule: 0,
  lagging: 0,
  overdue: 0,
  red: 0,
  yellow: 0,
  green: 0,
  dueSoon: 0,
  sumProgress: 0,
  sumExpected: 0,
});

function add(into: CompletionCounts, row: CompletionCounts): void {
  for (const k of Object.keys(into) as Array<keyof CompletionCounts>) into[k] += row[k];
}

function addStatus(into: StatusCounts, row: StatusCounts): void {
  for (const k of Object.keys(into) as Array<keyof StatusCounts>) into[k] += row[k];
}

/**
 * The rates of a group, and its light: the group's mean lag (mean 序时进度 − mean reported progress)
 * against the jurisdiction's bands, as a task's light is its own lag against them (progress.ts
 * trafficLight): RED beyond `redLagPoints`, YELLOW beyond `yellowLagPoints`, else GREEN.
 */
export function completionOf(c: CompletionCounts, bands: LightBands): Completion {
  const active = c.total - c.cancelled;
  const open = active - c.completed;
  const reported = active ? Math.round(c.sumProgress / active) : 0;
  const expected = active ? Math.round(c.sumExpected / active) : 0;
  const lag = expected - reported;
  const light: TrafficLight | null =
    open <= 0
      ? null
      : lag > bands.redLagPoints
        ? "RED"
        : lag > bands.yellowLagPoints
          ? "YELLOW"
          : "GREEN";
  const { sumProgress: _p, sumExpected: _e, ...counts } = c;
  return {
    ...counts,
    completionRate: percentOf(c.completed, active),
    reportedProgress: reported,
    expectedProgress: expected,
    light,
  };
}

function reportingOf(r: Omit<ReportingRow, "jurisdictionId"> | undefined): Reporting {
  const row = r ?? { cycles: 0, expected: 0, submitted: 0, onTime: 0, late: 0 };
  return { ...row, completeness: percentOf(row.submitted, row.expected) };
}

/**
 * 驾驶舱 (issue #19 "Cockpit across plans and jurisdictions"): every ACTIVE plan the actor reads in
 * `jurisdictionId` (default: the actor's highest jurisdiction) and below, on one page.
 *
 * Returns, with `asOf` (day, Asia/Shanghai) and `period` (the quarter of the reporting figures:
 * `input.period`, else the latest any plan has opened, null when none):
 * - `jurisdictions`: each jurisdiction of the scope in tree order with `own` (its own plans) and
 *   `subtree` (it and everything below it in the scope) completion — tasks, completed, lagging,
 *   overdue, lights, mean progress and 序时进度, a light by its bands —, `indicators` (its plans'
 *   indicators by status) and `reporting` (reports expected / submitted for the quarter);
 * - `totals`, `indicatorTotals`, `reportingTotals`: the same over the whole scope;
 * - `units`: the units with the most lagging and overdue tasks (COCKPIT_LIMITS.units), `unitCount`;
 * - `lagging`: the worst lagging and overdue tasks, with plan and jurisdiction for drill-down;
 * - `breakdowns`: per-片区 and per-county attainment of the root's own indicators;
 * - `planTotal`, and `plans`: the plans with their completion and indicator counts — none unless
 *   `options.planLimit` asks (a province's 1,000 plans made the page 600 KB: the page reads them a
 *   page at a time with cockpitPlans); up to that many, the most lagging and overdue first when
 *   there are more, in tree order. The export passes `planLimit: Infinity` to list every plan.
 *
 * Everything is summed in PostgreSQL (per plan and per unit over PlanUnitRollup, reporting per
 * jurisdiction); Node sees one row per plan, per jurisdiction and per listed item.
 * Visibility: cockpitScope (NOT_FOUND / FORBIDDEN as it says); only jurisdictions the actor reads
 * whole are counted, so a county leader never sees a sibling county.
 */
export async function cockpitSummary(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZCockpitInput>,
  options: { planLimit?: number } = {},
) {
  const planLimit = options.planLimit ?? 0;
  const today = shanghaiDay(now ?? new Date());
  const asOf: IsoDate = input.asOf ?? today;
  const scope = await cockpitScope(db, actor, input.jurisdictionId);
  const ids = scope.jurisdictions.map((j) => j.id);
  const { planIds, rows, source } = await planCompletionRows(db, ids, asOf, today);
  const period = input.period ?? (await latestReportingPeriod(db, planIds));
  const rootPlanIds = rows.filter((r) => r.jurisdictionId === scope.root.id).map((r) => r.planId);
  const [unitPart, lagging, indicatorCounts, reportingRows, breakdowns] = await Promise.all([
    source ? topUnits(db, planIds, source, COCKPIT_LIMITS.units) : { units: [], unitCount: 0 },
    source
      ? worstLaggingItems(db, planIds, source, asOf, COCKPIT_LIMITS.lagging)
      : ([] as LaggingItem[]),
    indicatorCountsByPlan(db, rows, asOf),
    period ? reportingByJurisdiction(db, planIds, period) : ([] as ReportingRow[]),
    attainmentBreakdowns(db, rootPlanIds, new Set(ids), asOf, COCKPIT_LIMITS.breakdowns),
  ]);
  const name = new Map(scope.jurisdictions.map((j) => [j.id, j.name]));
  const own = new Map(
    ids.map((id) => [id, { counts: zero(), plans: 0, indicators: emptyStatusCounts() }]),
  );
  for (const r of rows) {
    const o = own.get(r.jurisdictionId)!;
    add(o.counts, r);
    o.plans++;
    addStatus(o.indicators, indicatorCounts.get(r.planId) ?? emptyStatusCounts());
  }
  const reporting = new Map(reportingRows.map((r) => [r.jurisdictionId, r]));
  // subtree sums: children are deeper, so walking deepest first adds each into its parent once
  const subtree = new Map(
    ids.map((id) => {
      const o = own.get(id)!;
      const counts = zero();
      add(counts, o.counts);
      const indicators = emptyStatusCounts();
      addStatus(indicators, o.indicators);
      const rep = reporting.get(id);
      return [
        id,
        {
          counts,
          indicators,
          plans: o.plans,
          reporting: {
            cycles: rep?.cycles ?? 0,
            expected: rep?.expected ?? 0,
            submitted: rep?.submitted ?? 0,
            onTime: rep?.onTime ?? 0,
            late: rep?.late ?? 0,
          },
        },
      ];
    }),
  );
  for (const j of [...scope.jurisdictions].reverse()) {
    if (!j.parentId || !subtree.has(j.parentId)) continue;
    const from = subtree.get(j.id)!;
    const to = subtree.get(j.parentId)!;
    add(to.counts, from.counts);
    addStatus(to.indicators, from.indicators);
    to.plans += from.plans;
    for (const k of Object.keys(to.reporting) as Array<keyof typeof to.reporting>)
      to.reporting[k] += from.reporting[k];
  }
  const rootSums = subtree.get(scope.root.id)!;
  const order = new Map(scope.jurisdictions.map((j, i) => [j.id, i]));
  const bandsOf = new Map(scope.jurisdictions.map((j) => [j.id, j.bands]));
  return {
    asOf,
    period,
    root: { id: scope.root.id, name: scope.root.name, kind: scope.root.kind },
    access: scope.access,
    bands: scope.root.bands,
    totals: { ...completionOf(rootSums.counts, scope.root.bands), plans: rootSums.plans },
    indicatorTotals: rootSums.indicators,
    reportingTotals: reportingOf(rootSums.reporting),
    jurisdictions: scope.jurisdictions.map((j) => {
      const o = own.get(j.id)!;
      const s = subtree.get(j.id)!;
      return {
        id: j.id,
        name: j.name,
        kind: j.kind,
        parentId: j.parentId,
        depth: j.depth,
        plans: o.plans,
        subtreePlans: s.plans,
        own: completionOf(o.counts, j.bands),
        subtree: completionOf(s.counts, j.bands),
        indicators: o.indicators,
        subtreeIndicators: s.indicators,
        reporting: reportingOf(reporting.get(j.id)),
        subtreeReporting: reportingOf(s.reporting),
      };
    }),
    units: unitPart.units.map(({ sumProgress, sumExpected, plans, name: unitName, ...u }) => ({
      departmentId: u.departmentId,
      name: unitName,
      jurisdictionId: u.jurisdictionId,
      jurisdictionName: name.get(u.jurisdictionId) ?? "",
      plans,
      ...completionOf(
        { ...u, sumProgress, sumExpected },
        bandsOf.get(u.jurisdictionId) ?? scope.root.bands,
      ),
    })),
    unitCount: unitPart.unitCount,
    lagging,
    laggingTotal: rootSums.counts.lagging + rootSums.counts.overdue,
    breakdowns: breakdowns as AttainmentBreakdown[],
    planTotal: rows.length,
    plans: sortPlans(
      rows.length <= planLimit ? rows : sortPlans(rows, "problems", order).slice(0, planLimit),
      "tree",
      order,
    ).map((r) => planRow(r, scope, name, indicatorCounts)),
  };
}

/** Plans in tree order (jurisdiction, then title) or most lagging and overdue first. */
function sortPlans<T extends PlanCompletionRow>(
  rows: readonly T[],
  by: "tree" | "problems",
  order: Map<string, number>,
): T[] {
  const tree = (a: T, b: T) =>
    order.get(a.jurisdictionId)! - order.get(b.jurisdictionId)! ||
    zh.compare(a.title, b.title) ||
    a.planId.localeCompare(b.planId);
  return [...rows].sort(
    by === "tree"
      ? tree
      : (a, b) => b.lagging + b.overdue - (a.lagging + a.overdue) || b.red - a.red || tree(a, b),
  );
}

/** One plan's line: its completion by its jurisdiction's bands and its indicators by status. */
function planRow(
  r: PlanCompletionRow,
  scope: CockpitScope,
  name: Map<string, string>,
  indicatorCounts: Map<string, StatusCounts>,
) {
  const bands = scope.jurisdictions.find((j) => j.id === r.jurisdictionId)?.bands;
  // only the counters go into completionOf (which spreads what it is given): not the data version
  const { planId, title, jurisdictionId, periodStart, periodEnd, version: _v, ...counts } = r;
  return {
    planId,
    title,
    jurisdictionId,
    jurisdictionName: name.get(jurisdictionId) ?? "",
    periodStart,
    periodEnd,
    ...completionOf(counts, bands ?? scope.root.bands),
    indicators: indicatorCounts.get(r.planId) ?? emptyStatusCounts(),
  };
}

/**
 * The cockpit's plans a page at a time (issue #19; the page's plan list and its drill-down into
 * each plan): the same scope and rule as cockpitSummary (cockpitScope: NOT_FOUND / FORBIDDEN),
 * every ACTIVE plan of it, in `input.order` — `tree` (jurisdiction in tree order, then title) or
 * `problems` (most lagging + overdue first, then most red) —, `input.pageSize` from page
 * `input.page`. Returns `{ total, page, pageSize, items }`, each item a plan with its completion
 * (completionOf, its jurisdiction's bands) and indicator counts; only the page's plans are judged
 * for indicators.
 */
export async function cockpitPlans(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZCockpitPlansInput>,
) {
  const today = shanghaiDay(now ?? new Date());
  const asOf: IsoDate = input.asOf ?? today;
  const scope = await cockpitScope(db, actor, input.jurisdictionId);
  const { rows } = await planCompletionRows(
    db,
    scope.jurisdictions.map((j) => j.id),
    asOf,
    today,
  );
  const order = new Map(scope.jurisdictions.map((j, i) => [j.id, i]));
  const from = (input.page - 1) * input.pageSize;
  const page = sortPlans(rows, input.order, order).slice(from, from + input.pageSize);
  const indicatorCounts = await indicatorCountsByPlan(db, page, asOf);
  const name = new Map(scope.jurisdictions.map((j) => [j.id, j.name]));
  return {
    asOf,
    total: rows.length,
    page: input.page,
    pageSize: input.pageSize,
    items: page.map((r) => planRow(r, scope, name, indicatorCounts)),
  };
}

export type CockpitSummary = Awaited<ReturnType<typeof cockpitSummary>>;

/**
 * The cockpit as the page shows it (cockpit.summary): cockpitSummary without what the page does
 * not show — per jurisdiction only the subtree's completion (not `own`), its own indicator and
 * reporting counts (not the subtree's), no `kind`, and no plans (cockpitPlans pages them). A
 * province's 100 jurisdictions so cost about 55 KB instead of 107 KB. The export keeps it all.
 */
export async function cockpitPage(ctx: DomainContext, input: z.infer<typeof ZCockpitInput>) {
  const { plans: _plans, jurisdictions, ...rest } = await cockpitSummary(ctx, input);
  return {
    ...rest,
    jurisdictions: jurisdictions.map((j) => ({
      id: j.id,
      name: j.name,
      parentId: j.parentId,
      depth: j.depth,
      plans: j.plans,
      subtreePlans: j.subtreePlans,
      subtree: j.subtree,
      indicators: j.indicators,
      reporting: j.reporting,
    })),
  };
}

/**
 * The jurisdictions the actor may open the cockpit on (its picker), in tree order, with the one
 * it opens on by default (`defaultId`). Same rule as cockpitScope (visibility `all`).
 */
export async function cockpitJurisdictions({ db, actor }: DomainContext) {
  const list = await cockpitRoots(db, actor);
  return { jurisdictions: list, defaultId: list[0]?.id ?? null };
}
