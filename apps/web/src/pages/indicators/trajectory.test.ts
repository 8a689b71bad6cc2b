import { describe, expect, it } from "vitest";
import { formatValue, linearPath } from "./trajectory.ts";

describe("linear target path", () => {
  it("runs evenly from baseline to target", () => {
    expect(linearPath({ baselineYear: 2020, baselineValue: 10, targetYear: 2025, targetValue: 20 })).toEqual([
      [2020, 10], [2021, 12], [2022, 14], [2023, 16], [2024, 18], [2025, 20],
    ]);
  });
  it("goes down for decreasing indicators", () => {
    expect(linearPath({ baselineYear: 2020, baselineValue: 1, targetYear: 2022, targetValue: 0.4 })).toEqual([[2020, 1], [2021, 0.7], [2022, 0.4]]);
  });
  it("is absent when an end is unknown", () => {
    expect(linearPath({ baselineYear: 2020, baselineValue: null, targetYear: 2025, targetValue: 20 })).toBeNull();
    expect(linearPath({ baselineYear: 2025, baselineValue: 1, targetYear: 2025, targetValue: 2 })).toBeNull();
  });
  it("formats values", () => {
    expect(formatValue(2.5)).toBe("2.5");
    expect(formatValue(1 / 3)).toBe("0.333");
    expect(formatValue(null)).toBe("—");
  });
});
