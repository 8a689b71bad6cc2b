import { describe, expect, it } from "vitest";

import { addDays, daysBetween, isIsoDate, shanghaiDay } from "./calendar.ts";
import { nextPeriod, periodEnd, periodOfDay, periodStart, previousPeriod } from "./periods.ts";
import { defaultPhases } from "./plans/phases.ts";
import { expectedProgress, scheduleState } from "./progress.ts";
import { progressForStatus } from "./task-status.ts";

describe("序时进度 (expected progress)", () => {
  it("is 0 before the start, 100 from the due date, linear between", () => {
    expect(expectedProgress("2021-01-01", "2021-12-31", "2020-06-01")).toBe(0);
    expect(expectedProgress("2021-01-01", "2021-12-31", "2021-12-31")).toBe(100);
    expect(expectedProgress("2021-01-01", "2021-12-31", "2021-07-02")).toBe(50);
    expect(expectedProgress("2021-01-01", "2021-01-01", "2021-01-01")).toBe(0);
  });
  it("classifies tasks: completed, overdue after the due day, lagging past the tolerance", () => {
    const base = { startDate: "2021-01-01", dueDate: "2021-12-31" };
    expect(scheduleState({ ...base, status: "COMPLETED", progress: 100 }, "2022-05-01")).toBe(
      "COMPLETED",
    );
    expect(scheduleState({ ...base, status: "IN_PROGRESS", progress: 99 }, "2022-01-01")).toBe(
      "OVERDUE",
    );
    expect(scheduleState({ ...base, status: "IN_PROGRESS", progress: 99 }, "2021-12-31")).toBe(
      "ON_SCHEDULE",
    );
    expect(scheduleState({ ...base, status: "IN_PROGRESS", progress: 39 }, "2021-07-02")).toBe(
      "LAGGING",
    );
    expect(scheduleState({ ...base, status: "IN_PROGRESS", progress: 40 }, "2021-07-02")).toBe(
      "ON_SCHEDULE",
    );
    expect(scheduleState({ ...base, status: "CANCELLED", progress: 0 }, "2023-01-01")).toBe(
      "CANCELLED",
    );
  });
});

// the transitions themselves: task-status.test.ts (issue #17: no self-completion)
describe("task status machine", () => {
  it("ties progress to status", () => {
    expect(progressForStatus("COMPLETED", 10)).toBe(100);
    expect(progressForStatus("IN_PROGRESS", 100)).toBe(99);
    expect(progressForStatus("IN_PROGRESS", 42)).toBe(42);
  });
});

describe("calendar days and quarters in Asia/Shanghai", () => {
  it("takes the day in Shanghai, not UTC", () => {
    expect(shanghaiDay(new Date("2023-03-31T16:30:00Z"))).toBe("2023-04-01");
    expect(shanghaiDay(new Date("2023-03-31T15:59:59Z"))).toBe("2023-03-31");
  });
  it("adds days across month, leap-year and year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2023-12-25", "2024-01-01")).toBe(7);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
  });
  it("counts the days between any two days of a plan's decade as the calendar does", () => {
    // every day from 2019 to 2031 against two fixed days, counted by stepping with addDays
    let day = "2019-01-01";
    for (let n = 0; day <= "2031-12-31"; n++, day = addDays(day, 1)) {
      expect(daysBetween("2019-01-01", day)).toBe(n);
      expect(daysBetween(day, "2019-01-01") + n).toBe(0);
    }
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
  });
  it("names and bounds quarters", () => {
    expect(periodOfDay("2023-06-30")).toBe("2023Q2");
    expect(periodStart("2023Q3")).toBe("2023-07-01");
    expect(periodEnd("2023Q4")).toBe("2023-12-31");
    expect(periodEnd("2024Q1")).toBe("2024-03-31");
    expect(nextPeriod("2023Q4")).toBe("2024Q1");
    expect(previousPeriod("2024Q1")).toBe("2023Q4");
  });
});

describe("default roadmap", () => {
  it("splits a five-year plan into 启动实施 2021–2022, 中期评估 2023, 全面推进 2024, 总结收官 2025", () => {
    expect(defaultPhases(2021, 2025).map((p) => [p.name, p.startDate, p.endDate])).toEqual([
      ["启动实施", "2021-01-01", "2022-12-31"],
      ["中期评估", "2023-01-01", "2023-12-31"],
      ["全面推进", "2024-01-01", "2024-12-31"],
      ["总结收官", "2025-01-01", "2025-12-31"],
    ]);
  });
  it("keeps the shape for a shorter plan and collapses a very short one", () => {
    expect(defaultPhases(2024, 2027).map((p) => p.key)).toEqual([
      "LAUNCH",
      "MIDTERM",
      "ADVANCE",
      "CLOSE",
    ]);
    expect(defaultPhases(2024, 2025)).toHaveLength(1);
  });
});
