import { shanghaiMidnight } from "@duban/domain";

/**
 * The job's notion of "now". A bare day means that day at 09:00 in Shanghai (when the daily
 * jobs normally run); anything else is an ISO instant. Absent: the real time.
 */
export function resolveAsOf(asOf: string | undefined, now: () => Date = () => new Date()): Date {
  if (!asOf) return now();
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf))
    return new Date(shanghaiMidnight(asOf).getTime() + 9 * 3_600_000);
  return new Date(asOf);
}
