import { shanghaiDay, type IsoDate } from "../calendar.ts";
import { periodEnd, type Period } from "../periods.ts";

/** What a scoring period covers: its year, its quarters (year to date), and the day data count to. */
export type ScoringPeriod = {
  period: string;
  kind: "QUARTER" | "YEAR";
  year: number;
  /** the quarters whose data count: Q1 up to the period's quarter, or all four */
  quarters: Period[];
  /** the period's last day, or today while it runs (Asia/Shanghai) */
  asOf: IsoDate;
  /** the period is over on `now` */
  over: boolean;
};

/**
 * `2026Q3` (provisional, year to date: 2026Q1–Q3, data to 30 Sep or today) or `2026` (final: the
 * whole year, data to 31 Dec or today). Issue #18: scores per quarter (provisional) and per year.
 */
export function scoringPeriod(period: string, now: Date): ScoringPeriod {
  const year = Number(period.slice(0, 4));
  const last = period.length === 4 ? 4 : Number(period.slice(5));
  const quarters = [1, 2, 3, 4].filter((q) => q <= last).map((q) => `${year}Q${q}` as Period);
  const end = periodEnd(quarters[quarters.length - 1]!);
  const today = shanghaiDay(now);
  return {
    period,
    kind: period.length === 4 ? "YEAR" : "QUARTER",
    year,
    quarters,
    asOf: today < end ? today : end,
    over: today > end,
  };
}
