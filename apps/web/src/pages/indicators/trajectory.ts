import type { IndicatorStatusKey } from "../../components/indicator/lights.ts";

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Numbers as people write them in plans: no trailing zeros, thousands unseparated. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return String(round(v));
}

/** Shortfall against the expected value (a fraction) as a percentage, e.g. 0.123 → "12.3%". */
export function formatShortfall(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return `${Math.round(v * 1000) / 10}%`;
}

/**
 * Quarters a value may be reported for: after the baseline year, up to the later of the target
 * year and the plan's last year (the server's rule in recordObservation), and not in the future.
 */
export function entryPeriods(
  ind: { baselineYear: number; targetYear: number },
  planEnd: number,
  today: string,
): string[] {
  const currentYear = Number(today.slice(0, 4));
  const currentQ = Math.ceil(Number(today.slice(5, 7)) / 3);
  const out: string[] = [];
  for (let y = ind.baselineYear + 1; y <= Math.max(ind.targetYear, planEnd); y++) {
    for (const q of [1, 2, 3, 4])
      if (y < currentYear || (y === currentYear && q <= currentQ)) out.push(`${y}Q${q}`);
  }
  return out;
}

type PathPoint = { day: string; value: number | null };
type SeriesPoint = {
  period: string;
  day: string;
  value: number;
  status: IndicatorStatusKey;
  expected: number | null;
};

/**
 * A quarter-end day as a position on the chart's year axis, where the end of year Y sits at Y
 * (plans state targets "by 2030", i.e. at the end of 2030): 2026-12-31 → 2026, 2026-06-30 → 2025.5.
 */
export function yearPosition(day: string): number {
  return Number(day.slice(0, 4)) - 1 + Math.round(Number(day.slice(5, 7)) / 3) / 4;
}

/** The chart's data: the expected path (year ends) and the reported values coloured by their status. */
export function chartData(path: PathPoint[], series: SeriesPoint[]) {
  return {
    expected: path
      .filter((p): p is { day: string; value: number } => p.value !== null)
      .map((p) => [yearPosition(p.day), round(p.value)] as [number, number]),
    reported: series.map((s) => ({
      period: s.period,
      value: [yearPosition(s.day), round(s.value)] as [number, number],
      status: s.status,
      expected: s.expected === null ? null : round(s.expected),
    })),
  };
}
