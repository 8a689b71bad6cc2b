/**
 * Calendar dates in Asia/Shanghai. Due dates are days, not instants: they are stored as
 * PostgreSQL `date` (Prisma gives midnight UTC) and compared as "YYYY-MM-DD" strings.
 */
export const TIME_ZONE = "Asia/Shanghai";

const dayFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

export type IsoDate = string; // YYYY-MM-DD

/** The calendar day in Shanghai at instant `at`. */
export function shanghaiDay(at: Date): IsoDate {
  return dayFormatter.format(at);
}

const minuteFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The time in Shanghai at instant `at`, to the minute: "YYYY-MM-DD HH:mm" (for messages). */
export function shanghaiMinute(at: Date): string {
  return minuteFormatter.format(at).replace(", ", " ");
}

/** A stored `date` column (midnight UTC) as YYYY-MM-DD. */
export function dateOnly(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

/** YYYY-MM-DD → the Date Prisma expects for a `date` column. */
export function toDbDate(day: IsoDate): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Midnight at the start of `day` in Shanghai, as an instant. */
export function shanghaiMidnight(day: IsoDate): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export function addDays(day: IsoDate, days: number): IsoDate {
  const d = toDbDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return dateOnly(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
/** milliseconds since 1970 of a day's UTC midnight, from its parts: parsing the text as a Date took longer than the indicator arithmetic around it */
function utcMidnight(day: IsoDate): number {
  return new Date(0).setUTCFullYear(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)) - 1,
    Number(day.slice(8, 10)),
  );
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = toDbDate(value);
  return !Number.isNaN(d.getTime()) && dateOnly(d) === value;
}

/** Whether `day` is a working day: Monday to Friday (public holidays and 调休 are not modelled). */
export function isWorkingDay(day: IsoDate): boolean {
  const weekday = toDbDate(day).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Working days (Mon–Fri) after `from` up to and including `to`: 0 when `to` is not after `from`.
 * A task assigned on a Friday has waited 1 working day on the Monday after.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let d = addDays(from, weeks * 7 + 1); d <= to; d = addDays(d, 1))
    if (isWorkingDay(d)) count++;
  return count;
}
