import { shanghaiMinute } from "@duban/domain/calendar";
import type { Locale } from "@duban/domain/i18n";

/** Every date in the UI is a Shanghai date, whatever the browser's own time zone. */
export const TIME_ZONE = "Asia/Shanghai";

const dayFmt = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return dayFmt.format(now);
}

/** This year in Shanghai (a browser elsewhere may still be in last year on 1 January). */
export function shanghaiYear(now: Date = new Date()): number {
  return Number(shanghaiToday(now).slice(0, 4));
}

/** An instant (or an ISO string of one) as a Shanghai day, YYYY-MM-DD. */
export function shanghaiDay(at: Date | string): string {
  return dayFmt.format(typeof at === "string" ? new Date(at) : at);
}

const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day as YYYY-MM-DD: a calendar date ("YYYY-MM-DD", or a `date` column as midnight UTC) as is,
 * an instant (a `timestamptz` such as acknowledgedAt) as its Shanghai day. One formula serves
 * both because midnight UTC is 08:00 in Shanghai, the same day; slicing an instant's UTC text
 * instead shows yesterday from 00:00 to 08:00 Shanghai time.
 */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return "—";
  if (typeof value === "string" && PLAIN_DAY.test(value)) return value;
  const at = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(at.getTime()) ? "—" : dayFmt.format(at);
}

/**
 * An instant as Shanghai date and time, e.g. 2025-10-08 09:00 (the domain's shanghaiMinute, the
 * form the mails use too); every locale shows the same numeric form.
 */
export function formatDateTime(
  value: string | Date | null | undefined,
  _locale: Locale = "zh-CN",
): string {
  if (!value) return "—";
  return shanghaiMinute(typeof value === "string" ? new Date(value) : value);
}

/** Whole days from a to b (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
