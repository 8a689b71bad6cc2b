// The ratio (0–1, or null = not applicable) of each scheme component for one unit, as the
// docstrings of ZSchemeComponent (schemas/assessment.ts) define them. Pure: rows in, figures out;
// with `lines` given, every row that produced the figure is pushed for the drill-down.
import { annualItemOutcome } from "../annual/item-outcome.ts";
import { dateOnly, shanghaiDay, type IsoDate } from "../calendar.ts";
import { trafficLight, type LightBands } from "../progress.ts";
import type { SchemeComponent } from "../schemas/assessment.ts";
import { indicatorStatusForScore } from "./indicator-attainment.ts";
import type {
  DrillLine,
  IndicatorRow,
  ItemRow,
  NoticeRow,
  RatingRow,
  ReportingRow,
  ReviewRow,
  TaskRow,
} from "./types.ts";

export type Ratio = { ratio: number | null; numerator: number; denominator: number };

const of = (numerator: number, denominator: number): Ratio => ({
  ratio: denominator === 0 ? null : Math.min(1, numerator / denominator),
  numerator,
  denominator,
});

/** ITEM_COMPLETION: the year's items due by `asOf`, done on time (annualItemOutcome). */
export function itemCompletion(items: readonly ItemRow[], asOf: IsoDate, lines?: DrillLine[]) {
  let due = 0;
  let onTime = 0;
  for (const item of items) {
    const o = annualItemOutcome(item, asOf);
    const dueDay = dateOnly(item.dueDate);
    if (dueDay > asOf) continue;
    due++;
    if (o.onTime) onTime++;
    lines?.push({
      ref: "ITEM",
      id: item.id,
      title: item.title,
      counts: o.onTime,
      detail: { dueDate: dueDay, doneOn: o.doneOn, onTime: o.onTime },
    });
  }
  return of(onTime, due);
}

/** REPORTING: reports expected in the year's cycles to date; ½ for submitted, ½ for on time. */
export function reporting(rows: readonly ReportingRow[], lines?: DrillLine[]) {
  let expected = 0;
  let submitted = 0;
  let onTime = 0;
  for (const r of rows) {
    expected += r.expected;
    submitted += r.submitted;
    onTime += r.onTime;
    lines?.push({
      ref: "CYCLE",
      id: r.cycleId,
      title: r.period,
      period: r.period,
      counts: r.expected > 0 && r.onTime >= r.expected,
      detail: { expected: r.expected, submitted: r.submitted, onTime: r.onTime, live: r.live },
    });
  }
  const ratio = of(submitted + onTime, 2 * expected);
  return { ...ratio, numerator: ratio.numerator / 2, denominator: expected };
}

/** REVIEW_PASS: reviewed reports approved without ever being returned. */
export function reviewPass(rows: readonly ReviewRow[], lines?: DrillLine[]) {
  let passed = 0;
  for (const r of rows) {
    const pass = r.approved && !r.returned;
    if (pass) passed++;
    lines?.push({
      ref: "ENTRY",
      id: r.entryId,
      title: r.title,
      period: r.period,
      counts: pass,
      detail: { approved: r.approved, returned: r.returned },
    });
  }
  return of(passed, rows.length);
}

/** INDICATOR_ATTAINMENT: indicators with an expectation that are on track (no value = not). */
export function indicatorAttainment(
  rows: readonly IndicatorRow[],
  asOf: IsoDate,
  lines?: DrillLine[],
) {
  let counted = 0;
  let onTrack = 0;
  for (const r of rows) {
    const s = indicatorStatusForScore(r, asOf);
    if (s.status === "NO_TRAJECTORY") continue;
    counted++;
    if (s.status === "ON_TRACK") onTrack++;
    lines?.push({
      ref: "INDICATOR",
      id: r.id,
      title: r.name,
      period: r.actual?.period,
      counts: s.status === "ON_TRACK",
      detail: { status: s.status, expected: s.expected, actual: s.actual },
    });
  }
  return of(onTrack, counted);
}

/** TRAFFIC_LIGHT: the unit's open tasks that are green (绿灯) on `asOf` with the jurisdiction's bands. */
export function trafficLights(
  rows: readonly TaskRow[],
  asOf: IsoDate,
  bands: LightBands,
  lines?: DrillLine[],
) {
  let open = 0;
  let green = 0;
  for (const t of rows) {
    // a task completed after asOf was open then: judged with its last progress as if still open
    const light = trafficLight({ ...t, status: "IN_PROGRESS" }, asOf, bands);
    if (!light) continue;
    open++;
    if (light === "GREEN") green++;
    lines?.push({
      ref: "TASK",
      id: t.id,
      title: t.title,
      counts: light === "GREEN",
      detail: { light, progress: t.progress, dueDate: t.dueDate },
    });
  }
  return of(green, open);
}

/** RATING: the mean of the year's sign-off ratings, each valued by the scheme's `values`. */
export function ratings(
  rows: readonly RatingRow[],
  values: Extract<SchemeComponent, { kind: "RATING" }>["values"],
  lines?: DrillLine[],
) {
  let sum = 0;
  for (const r of rows) {
    const v = values[r.rating];
    sum += v;
    lines?.push({
      ref: "RATING",
      id: r.taskId,
      title: r.title,
      counts: r.rating === "EXCELLENT" || r.rating === "GOOD",
      detail: { rating: r.rating, value: v, ratedOn: shanghaiDay(r.ratedAt) },
    });
  }
  return of(sum, rows.length);
}

/**
 * NOTICES: 1 − Σ(notices × perNotice[level]) / weight, floored at 0. Always applicable: a unit
 * without notices keeps the whole weight. numerator = the points lost, denominator = the weight.
 */
export function notices(
  rows: readonly NoticeRow[],
  component: Extract<SchemeComponent, { kind: "NOTICES" }>,
  lines?: DrillLine[],
): Ratio {
  let lost = 0;
  for (const n of rows) {
    const cost = component.perNotice[n.level];
    lost += cost;
    lines?.push({
      ref: "NOTICE",
      id: n.id,
      title: n.title,
      counts: false,
      detail: { level: n.level, number: `〔${n.year}〕${n.number}`, cost },
    });
  }
  const ratio = component.weight === 0 ? 1 : Math.max(0, 1 - lost / component.weight);
  return { ratio, numerator: lost, denominator: component.weight };
}
