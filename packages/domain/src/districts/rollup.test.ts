import { describe, expect, it } from "vitest";

import { comparisonRule, partsAgree, rollupPeriods, type RollupPart } from "./rollup.ts";

const part = (key: string, values: Record<string, number>, active = true): RollupPart => ({
  key,
  values: new Map(Object.entries(values)),
  expectedIn: () => active,
});

describe("rollupPeriods (片区 and shares)", () => {
  it("sums once every expected part reported; a retired part without a value is not waited for", () => {
    const r = rollupPeriods(
      "SUM",
      "SUM",
      [
        part("a", { "2023Q3": 1, "2023Q4": 2 }),
        part("b", { "2023Q4": 3 }),
        part("old", { "2023Q3": 4 }, false),
      ],
      new Map(),
    );
    expect(r.map((p) => [p.period, p.value, p.missing])).toEqual([
      ["2023Q3", null, ["b"]],
      ["2023Q4", 5, []],
    ]);
  });
  it("averages for MEAN", () => {
    const [p] = rollupPeriods(
      "MEAN",
      "MEAN",
      [part("a", { "2024Q1": 10 }), part("b", { "2024Q1": 20 })],
      new Map(),
    );
    expect(p).toMatchObject({ value: 15, complete: true });
  });
  it("OWN keeps the reported total and flags a gap over 1 % against the complete parts", () => {
    const parts = [
      part("a", { "2023Q3": 100, "2023Q4": 100 }),
      part("b", { "2023Q3": 50, "2023Q4": 60 }),
    ];
    const r = rollupPeriods(
      "OWN",
      "SUM",
      parts,
      new Map([
        ["2023Q3", 151],
        ["2023Q4", 180],
      ]),
    );
    expect(r.map((p) => [p.value, p.partsValue, p.disagrees])).toEqual([
      [151, 150, false],
      [180, 160, true],
    ]);
    // incomplete parts are never a disagreement
    const [q] = rollupPeriods(
      "OWN",
      "SUM",
      [part("a", { "2023Q4": 1 }), part("b", {})],
      new Map([["2023Q4", 99]]),
    );
    expect(q).toMatchObject({ disagrees: false, complete: false });
  });
  it("compares rates by their mean, amounts by their sum", () => {
    expect(comparisonRule({ unit: "%" })).toBe("MEAN");
    expect(comparisonRule({ unit: "件/万人" })).toBe("MEAN");
    expect(comparisonRule({ unit: "%", name: "有 R&D 活动的企业占比" })).toBe("MEAN");
    expect(comparisonRule({ unit: "万元", name: "R&D 经费支出" })).toBe("SUM");
    expect(comparisonRule({ unit: "个" })).toBe("SUM");
    expect(partsAgree(100, 100.9)).toBe(true);
    expect(partsAgree(100, 101.1)).toBe(false);
    expect(partsAgree(0, 0.01)).toBe(true);
  });
});
