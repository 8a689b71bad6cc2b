import { describe, expect, it } from "vitest";

import { defaultYear, outcomeKey, yearOptions } from "./annual-years.ts";

const plan = { periodStart: 2021, periodEnd: 2025 };

describe("the annual plan page's year", () => {
  it("offers the plan's years and five after them, newest first", () => {
    expect(yearOptions(plan)).toEqual([2030, 2029, 2028, 2027, 2026, 2025, 2024, 2023, 2022, 2021]);
  });
  it("opens on the year asked for, else this year, else the latest year with a plan", () => {
    expect(defaultYear(plan, 2026, [], 2023)).toBe(2023);
    expect(defaultYear(plan, 2026, [], 2019)).toBe(2026);
    expect(defaultYear(plan, 2040, [2022, 2024])).toBe(2024);
    expect(defaultYear(plan, 2040, [])).toBe(2025);
  });
  it("words an outcome: done on time, done late, overdue, else the task's status", () => {
    expect(outcomeKey({ done: true, onTime: true, overdue: false })).toBe("annual.outcome.done");
    expect(outcomeKey({ done: true, onTime: false, overdue: false })).toBe("annual.outcome.late");
    expect(outcomeKey({ done: false, onTime: false, overdue: true })).toBe(
      "annual.outcome.overdue",
    );
    expect(outcomeKey({ done: false, onTime: false, overdue: false })).toBeNull();
  });
});
