import { describe, expect, it } from "vitest";

import {
  chartData,
  entryPeriods,
  formatShortfall,
  formatValue,
  yearPosition,
} from "./trajectory.ts";

describe("indicator helpers", () => {
  it("formats values and shortfalls", () => {
    expect(formatValue(2.5)).toBe("2.5");
    expect(formatValue(1 / 3)).toBe("0.333");
    expect(formatValue(null)).toBe("—");
    expect(formatShortfall(0.1234)).toBe("12.3%");
    expect(formatShortfall(null)).toBe("—");
  });
  it("offers the quarters after the baseline year, never future ones", () => {
    const periods = entryPeriods({ baselineYear: 2020, targetYear: 2025 }, 2025, "2022-05-10");
    expect(periods[0]).toBe("2021Q1");
    expect(periods.at(-1)).toBe("2022Q2");
    expect(entryPeriods({ baselineYear: 2020, targetYear: 2025 }, 2025, "2030-01-01").at(-1)).toBe(
      "2025Q4",
    );
  });
  it("drops unknown points from the expected path", () => {
    const d = chartData(
      [
        { day: "2020-12-31", value: 10 },
        { day: "2021-12-31", value: null },
      ],
      [{ period: "2021Q4", day: "2021-12-31", value: 11.0004, status: "ON_TRACK", expected: 12 }],
    );
    expect(d.expected).toEqual([[2020, 10]]);
    expect(d.reported[0]).toEqual({
      period: "2021Q4",
      value: [2021, 11],
      status: "ON_TRACK",
      expected: 12,
    });
  });
  it("puts year ends on the year and quarters in between", () => {
    expect(yearPosition("2026-12-31")).toBe(2026);
    expect(yearPosition("2026-06-30")).toBe(2025.5);
    expect(yearPosition("2026-03-31")).toBe(2025.25);
  });
});
