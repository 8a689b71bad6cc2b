import { describe, expect, it } from "vitest";

import { addDays, isWorkingDay, workingDaysBetween } from "./calendar.ts";

describe("working days (签收期限, issue #17 step 1)", () => {
  it("counts Monday to Friday after the first day up to and including the last", () => {
    // 2026-11-30 is a Monday
    expect(isWorkingDay("2026-11-30")).toBe(true);
    expect(isWorkingDay("2026-12-05")).toBe(false);
    expect(workingDaysBetween("2026-11-30", "2026-11-30")).toBe(0);
    expect(workingDaysBetween("2026-11-30", "2026-12-03")).toBe(3); // Thu: 3 days waited
    expect(workingDaysBetween("2026-12-04", "2026-12-07")).toBe(1); // Fri → Mon
    expect(workingDaysBetween("2026-12-05", "2026-12-06")).toBe(0); // a weekend
    expect(workingDaysBetween("2026-12-03", "2026-11-30")).toBe(0);
  });

  it("agrees with counting day by day over any span, across month and year ends", () => {
    const slow = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
      return n;
    };
    for (const from of ["2024-02-26", "2025-12-27", "2026-06-30"])
      for (let span = 0; span < 40; span++)
        expect(workingDaysBetween(from, addDays(from, span)), `${from}+${span}`).toBe(
          slow(from, addDays(from, span)),
        );
  });
});
