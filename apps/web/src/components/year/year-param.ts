import { isAcceptedYear } from "@duban/domain/year-range";

/**
 * The pages that take the year filter (issue #18), and the year's plan page (/annual, which reads
 * the same `?year=`): the side menu carries `?year=` between them.
 */
export const YEAR_PAGES = [
  "/overview",
  "/tasks",
  "/roadmap",
  "/timetable",
  "/ledger",
  "/annual",
] as const;

/**
 * `?year=` as a year (2000–2100, the API's zYear), or undefined for "all years" or a bad value.
 * The side menu and the bottom bar call this before any page loads: the range check comes from
 * `@duban/domain/year-range`, not the input schemas, which would bring zod into the first load.
 */
export function parseYearParam(value: string | null): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return isAcceptedYear(year) ? year : undefined;
}

/**
 * The years to choose from: the plan's period, and this year when the plan has run out (an office
 * still works through the year after a plan's last), newest first.
 */
export function yearOptions(periodStart: number, periodEnd: number, thisYear: number): number[] {
  const last = Math.max(periodEnd, Math.min(thisYear, periodEnd + 1));
  const out: number[] = [];
  for (let y = last; y >= periodStart; y--) out.push(y);
  return out;
}

/**
 * Where a side-menu link to `path` goes from page `from` with query `search`: the year filter kept
 * when both are year pages, so the chosen year follows the user from the ledger to the overview.
 */
export function withYear(path: string, from: string, search: string): string {
  const isYearPage = (p: string) => YEAR_PAGES.some((y) => p === y);
  const year = parseYearParam(new URLSearchParams(search).get("year"));
  if (year === undefined || !isYearPage(path) || !isYearPage(from)) return path;
  return `${path}?year=${year}`;
}
