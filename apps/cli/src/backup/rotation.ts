// Which backups to keep and when to take the next, in Asia/Shanghai days. Pure: unit-tested.
import { addDays, shanghaiDay, type IsoDate } from "@duban/domain";

export type Retention = { daily: number; weekly: number };
/** the newest backup of each of the 7 newest days and of each of the 4 newest weeks that have one */
export const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4 };

// duban-20250301-023000.tar (Shanghai time), -2, -3… when two are taken in the same second
const NAME = /^duban-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.tar$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** The file name of a backup taken at `at`, in Shanghai time (UTC+8 all year: no DST since 1991). */
export function backupFileName(at: Date, sequence = 1): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const stamp = `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}-${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
  return `duban-${stamp}${sequence > 1 ? `-${sequence}` : ""}.tar`;
}

type Parsed = { name: string; at: number; sequence: number };

/** When the backup named `name` was taken; null for any other file (never rotated away). */
export function backupTime(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

function parse(names: readonly string[]): Parsed[] {
  const parsed: Parsed[] = [];
  for (const name of names) {
    const at = backupTime(name);
    if (at) parsed.push({ name, at: at.getTime(), sequence: Number(NAME.exec(name)![7] ?? 1) });
  }
  // newest first; in the same second the higher sequence number is the later one
  return parsed.sort((a, b) => b.at - a.at || b.sequence - a.sequence);
}

/** ISO 8601 week of a day, e.g. "2025-W09" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: IsoDate): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

/**
 * The backups to delete: all those named like backupFileName() except the newest of each of the
 * `daily` newest days and of each of the `weekly` newest ISO weeks that have one (so a machine that
 * was off for a month still keeps its last backups). Other files are never touched.
 */
export function backupsToDelete(
  names: readonly string[],
  retention: Retention = DEFAULT_RETENTION,
): string[] {
  const backups = parse(names);
  const keep = new Set<string>();
  const keepNewestPer = (period: (at: number) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of backups) {
      const key = period(backup.at);
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      keep.add(backup.name);
    }
  };
  keepNewestPer((at) => shanghaiDay(new Date(at)), retention.daily);
  keepNewestPer((at) => isoWeek(shanghaiDay(new Date(at))), retention.weekly);
  return backups.filter((b) => !keep.has(b.name)).map((b) => b.name);
}

/** True when one of `names` is a backup taken on `day` (Shanghai). */
export function hasBackupOn(names: readonly string[], day: IsoDate): boolean {
  return parse(names).some((b) => shanghaiDay(new Date(b.at)) === day);
}

/** The next time of day `hour:minute` in Shanghai strictly after `now`. */
export function nextDailyRun(now: Date, hour = 2, minute = 30): Date {
  const today = shanghaiDay(now);
  const at = (day: IsoDate) => new Date(`${day}T${pad(hour)}:${pad(minute)}:00+08:00`);
  const candidate = at(today);
  return candidate.getTime() > now.getTime() ? candidate : at(addDays(today, 1));
}

/** After a failed backup: again in an hour, or at the next daily time if that comes first. */
export function retryAfterFailure(now: Date, retryMs = 3_600_000): Date {
  const next = nextDailyRun(now);
  return new Date(Math.min(now.getTime() + retryMs, next.getTime()));
}
