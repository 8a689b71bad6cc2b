import { addDays, dateOnly, toDbDate, type IsoDate } from "./calendar.ts";

/** A reporting quarter such as 2023Q2. */
export type Period = `${number}Q${1 | 2 | 3 | 4}`;

const PERIOD_RE = /^(\d{4})Q([1-4])$/;

export function isPeriod(value: string): value is Period {
  return PERIOD_RE.test(value);
}

export function parsePeriod(period: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const m = PERIOD_RE.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return { year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 };
}

export function periodOfDay(day: IsoDate): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${year}Q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`;
}

export function periodStart(period: string): IsoDate {
  const { year, quarter } = parsePeriod(period);
  return `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
}

/** quarters seen so far and their last days: a plan's pages ask for the same twenty quarters thousands of times */
const periodEnds = new Map<string, IsoDate>();

export function periodEnd(period: string): IsoDate {
  let end = periodEnds.get(period);
  if (end === undefined) {
    end = addDays(periodStart(nextPeriod(period)), -1);
    // a bounded memo: periods come from stored rows, but a malformed one must not grow it for ever
    if (periodEnds.size < 10_000) periodEnds.set(period, end);
  }
  return end;
}

export function nextPeriod(period: string): Period {
  const { year, quarter } = parsePeriod(period);
  return quarter === 4 ? `${year + 1}Q1` : `${year}Q${(quarter + 1) as 1 | 2 | 3 | 4}`;
}

export function previousPeriod(period: string): Period {
  const { year, quarter } = parsePeriod(period);
  return quarter === 1 ? `${year - 1}Q4` : `${year}Q${(quarter - 1) as 1 | 2 | 3 | 4}`;
}

/** Every quarter of the years from..to inclusive. */
export function periodsOfYears(from: number, to: number): Period[] {
  const out: Period[] = [];
  for (let y = from; y <= to; y++) for (const q of [1, 2, 3, 4] as const) out.push(`${y}Q${q}`);
  return out;
}

export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fraction of `period` elapsed on `day` (0 before it, 1 after). */
export function fractionOfYear(day: IsoDate): number {
  const year = Number(day.slice(0, 4));
  const start = toDbDate(`${year}-01-01`).getTime();
  const end = toDbDate(`${year + 1}-01-01`).getTime();
  return (toDbDate(day).getTime() - start) / (end - start);
}

export { dateOnly };
