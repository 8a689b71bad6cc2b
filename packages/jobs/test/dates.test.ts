import { describe, expect, it } from "vitest";

import {
  backoffSeconds,
  dueSoonTargets,
  isReminderWindow,
  nextDigestAt,
  shanghaiDay,
} from "@duban/domain";

import { resolveAsOf } from "../src/as-of.ts";

const days = (today: string) => dueSoonTargets(today).map((t) => t.dueDate);

describe("due-soon date selection (calendar days in Shanghai)", () => {
  it.each([
    ["month end", "2023-01-25", ["2023-02-01", "2023-01-26"]],
    ["30-day month end", "2023-04-29", ["2023-05-06", "2023-04-30"]],
    ["quarter end", "2023-06-24", ["2023-07-01", "2023-06-25"]],
    ["quarter end, 1 day", "2023-09-29", ["2023-10-06", "2023-09-30"]],
    ["year end", "2023-12-25", ["2024-01-01", "2023-12-26"]],
    ["across the new year", "2023-12-31", ["2024-01-07", "2024-01-01"]],
    ["leap February", "2024-02-22", ["2024-02-29", "2024-02-23"]],
    ["leap day", "2024-02-28", ["2024-03-06", "2024-02-29"]],
    ["common February", "2023-02-22", ["2023-03-01", "2023-02-23"]],
  ])("%s: %s → %j", (_label, today, expected) => {
    expect(days(today)).toEqual(expected);
  });

  it("takes the day in Shanghai, not in UTC", () => {
    // 2023-12-31 16:30 UTC is already 1 January 00:30 in Shanghai
    expect(shanghaiDay(new Date("2023-12-31T16:30:00Z"))).toBe("2024-01-01");
    expect(days(shanghaiDay(new Date("2023-12-31T16:30:00Z")))).toEqual([
      "2024-01-08",
      "2024-01-02",
    ]);
    expect(shanghaiDay(new Date("2023-06-30T15:59:59Z"))).toBe("2023-06-30");
  });

  it("reads a bare asOf day as 09:00 in Shanghai", () => {
    expect(resolveAsOf("2023-12-31").toISOString()).toBe("2023-12-31T01:00:00.000Z");
    expect(resolveAsOf("2024-01-01T00:30:00+08:00").toISOString()).toBe("2023-12-31T16:30:00.000Z");
  });
});

describe("other schedule rules", () => {
  it("reminds units from N days before the due day until the due instant", () => {
    const cycle = { dueAt: new Date("2023-07-10T15:59:59Z") }; // 2023-07-10 23:59:59 Shanghai
    expect(isReminderWindow(cycle, new Date("2023-07-06T01:00:00Z"), 3)).toBe(false);
    expect(isReminderWindow(cycle, new Date("2023-07-07T01:00:00Z"), 3)).toBe(true);
    expect(isReminderWindow(cycle, new Date("2023-07-10T15:00:00Z"), 3)).toBe(true);
    expect(isReminderWindow(cycle, new Date("2023-07-10T16:00:00Z"), 3)).toBe(false);
  });

  it("holds digests until 17:00 Shanghai", () => {
    expect(nextDigestAt(new Date("2023-07-10T01:00:00Z")).toISOString()).toBe(
      "2023-07-10T09:00:00.000Z",
    );
    expect(nextDigestAt(new Date("2023-07-10T09:00:00Z")).toISOString()).toBe(
      "2023-07-11T09:00:00.000Z",
    );
    expect(nextDigestAt(new Date("2023-12-31T10:00:00Z")).toISOString()).toBe(
      "2024-01-01T09:00:00.000Z",
    );
  });

  it("backs off exponentially with a cap", () => {
    expect([1, 2, 3, 8].map(backoffSeconds)).toEqual([60, 120, 240, 7680]);
    expect(backoffSeconds(20)).toBe(6 * 3600);
  });
});
