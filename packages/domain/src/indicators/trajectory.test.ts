import { describe, expect, it } from "vitest";

import { indicatorStatusOn, shortfall } from "./indicator-status.ts";
import { elapsedFraction, expectedValue } from "./trajectory.ts";

const rnd = {
  baselineYear: 2020,
  baselineValue: 7529.2,
  targetYear: 2025,
  targetValue: 30000,
  direction: "INCREASE",
  trajectory: "LINEAR",
  accumulation: "LEVEL",
} as const;

describe("trajectory maths on the seeds' real indicators", () => {
  it("Xifeng R&D spending 7529.2 → 30000 万元, linear: a fifth of the way each year", () => {
    expect(expectedValue(rnd, "2020-12-31")).toBeCloseTo(7529.2, 6);
    expect(expectedValue(rnd, "2023-12-31")!).toBeCloseTo(7529.2 + ((30000 - 7529.2) * 3) / 5, 0);
    expect(expectedValue(rnd, "2025-12-31")).toBeCloseTo(30000, 6);
    // mid-2023: about halfway through the plan
    expect(elapsedFraction(rnd, "2023-06-30")).toBeCloseTo((2 + 181 / 365) / 5, 6);
  });
  it("compound growth: the same rate every year, ending on the target", () => {
    const c = { ...rnd, trajectory: "COMPOUND" } as const;
    const rate = (30000 / 7529.2) ** (1 / 5);
    expect(expectedValue(c, "2021-12-31")!).toBeCloseTo(7529.2 * rate, 0);
    expect(expectedValue(c, "2025-12-31")!).toBeCloseTo(30000, 3);
    expect(expectedValue(c, "2023-12-31")!).toBeLessThan(expectedValue(rnd, "2023-12-31")!);
  });
  it("Zunyi 蓉渝筑技术合同 with no baseline: a cumulative target is spread over the years; a level one has no trajectory", () => {
    const cumulative = {
      baselineYear: 2020,
      baselineValue: null,
      targetYear: 2025,
      targetValue: 50,
      direction: "INCREASE",
      trajectory: "LINEAR",
      accumulation: "CUMULATIVE",
    } as const;
    expect(expectedValue(cumulative, "2022-12-31")).toBeCloseTo(20, 6);
    expect(expectedValue({ ...cumulative, accumulation: "LEVEL" }, "2022-12-31")).toBeNull();
  });
  it("cumulative compound: yearly amounts grow from the baseline and add up to the target", () => {
    const c = {
      baselineYear: 2020,
      baselineValue: 10,
      targetYear: 2025,
      targetValue: 100,
      direction: "INCREASE",
      trajectory: "COMPOUND",
      accumulation: "CUMULATIVE",
    } as const;
    expect(expectedValue(c, "2025-12-31")!).toBeCloseTo(100, 3);
    const first = expectedValue(c, "2021-12-31")!;
    const second = expectedValue(c, "2022-12-31")! - first;
    expect(second).toBeGreaterThan(first);
  });
  it("direction: lower is better for a decreasing indicator", () => {
    expect(shortfall("DECREASE", 10, 12)).toBeCloseTo(0.2);
    expect(shortfall("DECREASE", 10, 8)).toBe(0);
    expect(shortfall("INCREASE", 10, 8)).toBeCloseTo(0.2);
  });
  it("warns: on track, at risk, off track; binding indicators warn earlier", () => {
    const ind = {
      ...rnd,
      nature: "EXPECTED",
      atRiskThreshold: null,
      offTrackThreshold: null,
    } as const;
    const day = "2023-12-31";
    const expected = expectedValue(rnd, day)!;
    expect(indicatorStatusOn(ind, [], day, expected * 0.97).status).toBe("ON_TRACK");
    expect(indicatorStatusOn(ind, [], day, expected * 0.9).status).toBe("AT_RISK");
    expect(indicatorStatusOn(ind, [], day, expected * 0.8).status).toBe("OFF_TRACK");
    expect(indicatorStatusOn({ ...ind, nature: "BINDING" }, [], day, expected * 0.97).status).toBe(
      "AT_RISK",
    );
    expect(indicatorStatusOn(ind, [], day, null).status).toBe("NO_DATA");
  });
});
