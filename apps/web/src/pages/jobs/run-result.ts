import { shanghaiToday } from "../../lib/dates.ts";

/** A day (YYYY-MM-DD) after today in Shanghai: the server runs it as a dry run only (and refuses a real one). */
export function isFutureDay(day: string | undefined, today = shanghaiToday()): boolean {
  return !!day && day > today;
}

/** A run's summary figures as "key: value" pairs, nested objects flattened one level. */
export function summaryPairs(
  summary: Record<string, unknown> | null | undefined,
): Array<[string, string]> {
  if (!summary) return [];
  return Object.entries(summary).map(([k, v]) => [
    k,
    typeof v === "object" && v !== null ? JSON.stringify(v) : String(v),
  ]);
}
