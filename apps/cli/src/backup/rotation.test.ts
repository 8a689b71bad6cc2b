import { describe, expect, it } from "vitest";

import {
  backupFileName,
  backupsToDelete,
  backupTime,
  hasBackupOn,
  isoWeek,
  nextDailyRun,
  retryAfterFailure,
} from "./rotation.ts";

/** a backup taken at hh:mm on `day` in Shanghai */
const at = (day: string, time = "02:30") => new Date(`${day}T${time}:00+08:00`);
const daily = (from: string, days: number, time = "02:30") =>
  Array.from({ length: days }, (_, i) =>
    backupFileName(new Date(at(from, time).getTime() + i * 86_400_000)),
  );

describe("backup names are Shanghai time", () => {
  it("names a backup by its Shanghai date and time and reads it back", () => {
    const instant = new Date("2025-03-08T17:00:05Z"); // 01:00:05 on 9 March in Shanghai
    expect(backupFileName(instant)).toBe("duban-20250309-010005.tar");
    expect(backupFileName(instant, 2)).toBe("duban-20250309-010005-2.tar");
    expect(backupTime("duban-20250309-010005.tar")?.toISOString()).toBe(instant.toISOString());
    expect(hasBackupOn([backupFileName(instant)], "2025-03-09")).toBe(true);
    expect(hasBackupOn([backupFileName(instant)], "2025-03-08")).toBe(false);
    for (const other of ["notes.txt", "duban-2025.tar", "duban-20251309-010005.tar.partial"])
      expect(backupTime(other)).toBeNull();
  });

  it("numbers ISO weeks from Monday, the first Thursday deciding the year", () => {
    expect(isoWeek("2021-01-03")).toBe("2020-W53"); // a Sunday
    expect(isoWeek("2021-01-04")).toBe("2021-W01"); // the Monday after
    expect(isoWeek("2024-12-30")).toBe("2025-W01");
    expect(isoWeek("2025-03-09")).toBe("2025-W10");
    expect(isoWeek("2025-03-10")).toBe("2025-W11");
  });
});

describe("rotation keeps 7 daily and 4 weekly", () => {
  it("keeps the newest of each of the last 7 days and of each of the last 4 weeks", () => {
    // every day from 1 February to Sunday 9 March 2025
    const names = daily("2025-02-01", 37);
    const deleted = backupsToDelete(names);
    const kept = names
      .filter((n) => !deleted.includes(n))
      .map((n) => n.slice(6, 14))
      .sort();
    // days 3–9 March (week 10) and the newest of weeks 9, 8 and 7: 2 March, 23 and 16 February
    expect(kept).toEqual([
      "20250216",
      "20250223",
      "20250302",
      "20250303",
      "20250304",
      "20250305",
      "20250306",
      "20250307",
      "20250308",
      "20250309",
    ]);
    expect(deleted).toHaveLength(names.length - kept.length);
  });

  it("of two backups on one day keeps the later, counting by the Shanghai day", () => {
    const morning = backupFileName(at("2025-03-09", "02:30"));
    const evening = backupFileName(at("2025-03-09", "23:59"));
    const sameSecond = backupFileName(at("2025-03-09", "23:59"), 2);
    expect(backupsToDelete([morning, evening, sameSecond])).toEqual([evening, morning]);
  });

  it("a machine that was off for weeks still keeps its last backups; other files are never deleted", () => {
    const names = [...daily("2025-01-01", 10), "my-copy.tar", "duban-20250101-023000.tar.partial"];
    const deleted = backupsToDelete(names);
    expect(deleted.every((n) => /^duban-\d{8}-\d{6}\.tar$/.test(n))).toBe(true);
    const kept = names.filter((n) => !deleted.includes(n));
    expect(kept).toContain("my-copy.tar");
    expect(kept.filter((n) => n.startsWith("duban-2025011"))).toHaveLength(1); // 10 January
    expect(kept).toContain(backupFileName(at("2025-01-04"))); // the 7th newest day
    expect(kept).not.toContain(backupFileName(at("2025-01-03")));
    expect(backupsToDelete(kept)).toEqual([]);
  });

  it("with fewer backups than the policy keeps everything", () => {
    expect(backupsToDelete(daily("2025-03-01", 5))).toEqual([]);
    expect(backupsToDelete([])).toEqual([]);
  });
});

describe("the daily backup time, 02:30 in Shanghai", () => {
  it("is today's 02:30 before it, tomorrow's from it on", () => {
    expect(nextDailyRun(at("2025-03-02", "02:00")).toISOString()).toBe(
      at("2025-03-02", "02:30").toISOString(),
    );
    expect(nextDailyRun(at("2025-03-02", "02:30")).toISOString()).toBe(
      at("2025-03-03", "02:30").toISOString(),
    );
    // 23:00 UTC on 1 March is already 07:00 on 2 March in Shanghai
    expect(nextDailyRun(new Date("2025-03-01T23:00:00Z")).toISOString()).toBe(
      at("2025-03-03", "02:30").toISOString(),
    );
  });

  it("retries a failed backup an hour later, or at the daily time if that is sooner", () => {
    expect(retryAfterFailure(at("2025-03-02", "14:00")).toISOString()).toBe(
      at("2025-03-02", "15:00").toISOString(),
    );
    expect(retryAfterFailure(at("2025-03-02", "02:00")).toISOString()).toBe(
      at("2025-03-02", "02:30").toISOString(),
    );
  });
});
