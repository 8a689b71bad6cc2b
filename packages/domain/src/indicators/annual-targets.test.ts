import { describe, expect, it } from "vitest";

import { originalIndicator } from "./adjustment-queries.ts";
import { expectedValueWithTargets } from "./annual-targets.ts";
import { indicatorStatusOn } from "./indicator-status.ts";
import { targetsFor } from "./target-sets.ts";
import { expectedValue, trajectoryPoints } from "./trajectory.ts";

// 2.0 % → 3.0 % over 2020–2025, straight line: 0.2 a year
const level = {
  baselineYear: 2020,
  baselineValue: 2,
  targetYear: 2025,
  targetValue: 3,
  direction: "INCREASE",
  trajectory: "LINEAR",
  accumulation: "LEVEL",
} as const;

describe("expectedValueWithTargets (issue #18: annual targets replace the trajectory for their year)", () => {
  it("without targets it is the trajectory, day for day", () => {
    for (const day of ["2021-03-31", "2023-06-30", "2025-12-31"] as const)
      expect(expectedValueWithTargets(level, [], day)).toBe(expectedValue(level, day));
  });

  it("a year with a target ends on it, starting from the trajectory's previous year end", () => {
    const targets = [{ year: 2023, value: 2.9 }];
    // 31 Dec 2022 on the trajectory: 2.4; the year runs straight to 2.9
    expect(expectedValueWithTargets(level, targets, "2023-12-31")).toBeCloseTo(2.9, 9);
    const mid = 181 / 365; // 30 June 2023
    expect(expectedValueWithTargets(level, targets, "2023-06-30")).toBeCloseTo(
      2.4 + (2.9 - 2.4) * mid,
      9,
    );
    // the years around it keep the trajectory
    expect(expectedValueWithTargets(level, targets, "2022-06-30")).toBe(
      expectedValue(level, "2022-06-30"),
    );
    expect(expectedValueWithTargets(level, targets, "2024-06-30")).toBe(
      expectedValue(level, "2024-06-30"),
    );
  });

  it("consecutive targets chain: a year starts where the previous year's target ended", () => {
    const targets = [
      { year: 2021, value: 2.1 },
      { year: 2022, value: 2.6 },
    ];
    expect(expectedValueWithTargets(level, targets, "2021-12-31")).toBeCloseTo(2.1, 9);
    // from 2.1 (2021's target, not the trajectory's 2.2) towards 2.6
    const q1 = 90 / 365;
    expect(expectedValueWithTargets(level, targets, "2022-03-31")).toBeCloseTo(2.1 + 0.5 * q1, 9);
  });

  it("the first year after the baseline starts from the baseline; a cumulative total from zero", () => {
    expect(expectedValueWithTargets(level, [{ year: 2021, value: 2.5 }], "2021-07-02")).toBeCloseTo(
      2 + 0.5 * (183 / 365),
      9,
    );
    const cumulative = {
      ...level,
      baselineValue: null,
      targetValue: 500,
      accumulation: "CUMULATIVE",
    } as const;
    expect(
      expectedValueWithTargets(cumulative, [{ year: 2021, value: 80 }], "2021-07-02"),
    ).toBeCloseTo(80 * (183 / 365), 9);
    expect(expectedValueWithTargets(cumulative, [{ year: 2021, value: 80 }], "2021-12-31")).toBe(
      80,
    );
  });

  it("a level indicator without baseline or trajectory still has its target year's value", () => {
    const bare = { ...level, baselineValue: null, targetValue: null } as const;
    expect(expectedValueWithTargets(bare, [], "2023-06-30")).toBeNull();
    expect(expectedValueWithTargets(bare, [{ year: 2023, value: 7 }], "2023-06-30")).toBe(7);
  });

  it("a decreasing indicator (能耗) follows its target down", () => {
    const down = { ...level, baselineValue: 1, targetValue: 0.8, direction: "DECREASE" } as const;
    expect(expectedValueWithTargets(down, [{ year: 2021, value: 0.9 }], "2021-12-31")).toBe(0.9);
    expect(
      indicatorStatusOn(
        { ...down, nature: "BINDING", atRiskThreshold: null, offTrackThreshold: null },
        [{ year: 2021, value: 0.9 }],
        "2021-12-31",
        0.96,
      ).status,
    ).toBe("AT_RISK");
  });
});

describe("the status, targets per scope, and the original path", () => {
  const ind = {
    ...level,
    nature: "EXPECTED",
    atRiskThreshold: null,
    offTrackThreshold: null,
  } as const;

  it("a value on the trajectory but below a higher annual target is off track", () => {
    const actual = expectedValue(level, "2023-12-31")!; // 2.6
    expect(indicatorStatusOn(ind, [], "2023-12-31", actual).status).toBe("ON_TRACK");
    expect(indicatorStatusOn(ind, [{ year: 2023, value: 3.2 }], "2023-12-31", actual).status).toBe(
      "OFF_TRACK",
    );
  });

  it("a 片区's or unit's own target wins for its year; other years fall back to the whole", () => {
    const rows = [
      { indicatorId: "i", year: 2023, districtId: null, departmentId: null, value: 2.7 },
      { indicatorId: "i", year: 2024, districtId: null, departmentId: null, value: 2.8 },
      { indicatorId: "i", year: 2023, districtId: "d1", departmentId: null, value: 3.1 },
      { indicatorId: "i", year: 2023, districtId: null, departmentId: "u1", value: 2.2 },
    ];
    expect(targetsFor(rows)).toEqual([
      { year: 2023, value: 2.7 },
      { year: 2024, value: 2.8 },
    ]);
    expect(targetsFor(rows, { districtId: "d1" })).toEqual([
      { year: 2023, value: 3.1 },
      { year: 2024, value: 2.8 },
    ]);
    expect(targetsFor(rows, { departmentId: "u1" })[0]).toEqual({ year: 2023, value: 2.2 });
    expect(targetsFor(rows, { districtId: "other" })[0]).toEqual({ year: 2023, value: 2.7 });
    expect(targetsFor(undefined)).toEqual([]);
  });

  it("the chart's path ends each target year on its target; the original path undoes the first adjustments", () => {
    const path = trajectoryPoints(level, [{ year: 2023, value: 2.9 }]);
    expect(path.map((p) => p.value)).toEqual([2, 2.2, 2.4, 2.9, expect.closeTo(2.8, 9), 3]);
    const adjusted = { ...level, targetValue: 3.5, targetYear: 2026 };
    const at = (d: string) => new Date(d);
    const original = originalIndicator(adjusted, [
      { field: "TARGET_VALUE", fromValue: 3.2, adjustedAt: at("2024-05-01") }, // a second one
      { field: "TARGET_VALUE", fromValue: 3, adjustedAt: at("2023-05-01") }, // the first holds the plan's
      { field: "TARGET_YEAR", fromValue: 2025, adjustedAt: at("2023-06-01") },
      { field: "ANNUAL_TARGET", fromValue: 9, adjustedAt: at("2022-01-01") },
    ]);
    expect(original).toMatchObject({ targetValue: 3, targetYear: 2025, baselineValue: 2 });
    expect(
      originalIndicator(adjusted, [
        { field: "ANNUAL_TARGET", fromValue: 9, adjustedAt: at("2022-01-01") },
      ]),
    ).toBeNull();
  });
});
