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

/** An instant (or an ISO string of one) as a Shanghai day, YYYY-MM-DD. */
export function shanghaiDay(at: Date | string): string {
  return dayFmt.format(typeof at === "string" ? new Date(at) : at);
}

/** A calendar date (YYYY-MM-DD, or a `date` column as midnight UTC) shown as is: it has no time zone. */
export function formatDay(value: string | Date | null | undefined): string {
  if (!value) return "—";
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

const timeFmts = new Map<Locale, Intl.DateTimeFormat>();
/** An instant as Shanghai date and time, e.g. 2025-10-08 09:00. */
export function formatDateTime(
  value: string | Date | null | undefined,
  locale: Locale = "zh-CN",
): string {
  if (!value) return "—";
  let fmt = timeFmts.get(locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    timeFmts.set(locale, fmt);
  }
  return fmt.format(typeof value === "string" ? new Date(value) : value).replace(",", "");
}

/** Whole days from a to b (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
