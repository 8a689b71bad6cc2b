import { describe, expect, it } from "vitest";

import { DEFAULT_BANDS } from "../progress.ts";
import * as c from "./components.ts";
import { componentScores, computeSheet, rankUnits, round2 } from "./sheet.ts";
import type { ScoringData } from "./types.ts";

// The pure maths of the assessment (schemas/assessment.ts docstrings): ratios, the sharing-out of
// not-applicable weight, rounding, 加减分 and ranks with ties.

const empty = (units: string[]): ScoringData => ({
  units: units.map((id) => ({ id, name: id })),
  items: [],
  reporting: [],
  reviews: [],
  indicators: [],
  tasks: [],
  ratings: [],
  notices: [],
  adjustments: [],
  bands: { ...DEFAULT_BANDS },
});
const header = {
  jurisdictionId: "00000000-0000-4000-8000-000000000000",
  period: "2026",
  kind: "YEAR" as const,
  schemeId: "00000000-0000-4000-8000-000000000001",
  schemeVersion: 1,
  asOf: "2026-12-31",
  computedAt: "2026-12-31T00:00:00.000Z",
};

describe("component ratios", () => {
  it("REPORTING weighs submitted and on time half each; nothing expected is not applicable", () => {
    const row = (expected: number, submitted: number, onTime: number) => ({
      departmentId: "u",
      cycleId: "c",
      period: "2026Q1",
      expected,
      submitted,
      onTime,
      live: false,
    });
    expect(c.reporting([row(4, 4, 2)]).ratio).toBe(0.75);
    expect(c.reporting([row(4, 2, 2), row(0, 0, 0)]).ratio).toBe(0.5);
    expect(c.reporting([]).ratio).toBeNull();
  });

  it("NOTICES loses perNotice[level] points of its weight, floored at 0, and always applies", () => {
    const comp = {
      kind: "NOTICES" as const,
      weight: 4,
      perNotice: { BLUE: 0.5, YELLOW: 1, RED: 2 },
    };
    const n = (level: "BLUE" | "YELLOW" | "RED") => ({
      id: level,
      departmentId: "u",
      taskId: "t",
      title: "t",
      year: 2026,
      number: 1,
      level,
      issuedAt: new Date(),
    });
    expect(c.notices([], comp).ratio).toBe(1);
    expect(c.notices([n("BLUE"), n("YELLOW")], comp).ratio).toBe(0.625);
    expect(c.notices([n("RED"), n("RED"), n("RED")], comp).ratio).toBe(0);
  });

  it("RATING is the mean value of the ratings; TRAFFIC_LIGHT counts green among open tasks", () => {
    const values = { EXCELLENT: 1, GOOD: 0.8, FAIR: 0.6, POOR: 0.2 };
    const r = (rating: "GOOD" | "POOR") => ({
      taskId: "t",
      title: "t",
      departmentId: "u",
      rating,
      ratedAt: new Date("2026-05-01T04:00:00Z"),
    });
    expect(c.ratings([r("GOOD"), r("POOR")], values).ratio).toBeCloseTo(0.5, 12);
    const task = (progress: number) => ({
      id: String(progress),
      title: "t",
      departmentId: "u",
      status: "IN_PROGRESS" as const,
      progress,
      startDate: "2026-01-01",
      dueDate: "2027-01-01",
    });
    // on 2026-07-02, 50 % expected: 45 is 5 behind (green), 30 is 20 behind (yellow)
    expect(c.trafficLights([task(45), task(30)], "2026-07-02", DEFAULT_BANDS, []).ratio).toBe(0.5);
  });
});

describe("points, sharing out and ranking", () => {
  it("not-applicable weight is shared out over the applicable components, so the unit is scored out of 100", () => {
    const comps = [
      { kind: "ITEM_COMPLETION" as const, weight: 60 },
      { kind: "REVIEW_PASS" as const, weight: 25 },
      { kind: "TRAFFIC_LIGHT" as const, weight: 15 },
    ];
    const scores = componentScores(comps, [
      { ratio: 0.5, numerator: 1, denominator: 2 },
      { ratio: null, numerator: 0, denominator: 0 },
      { ratio: 1, numerator: 3, denominator: 3 },
    ]);
    // 60 and 15 applicable (75): 80 and 20
    expect(scores.map((s) => [s.effectiveWeight, s.points])).toEqual([
      [80, 40],
      [0, 0],
      [20, 20],
    ]);
    // nothing applicable: nothing scored
    expect(
      componentScores(
        comps,
        comps.map(() => ({ ratio: null, numerator: 0, denominator: 0 })),
      ).map((s) => s.points),
    ).toEqual([0, 0, 0]);
  });

  it("rounds to 2 decimals half away from zero", () => {
    expect([round2(1.005), round2(2.675), round2(-1.005), round2(100 / 3)]).toEqual([
      1.01, 2.68, -1.01, 33.33,
    ]);
  });

  it("equal totals share a rank (1, 2, 2, 4), in pinyin order of their names", () => {
    const u = (name: string, total: number) => ({
      departmentId: name,
      departmentName: name,
      total,
      components: [],
      bonus: 0,
      deduction: 0,
    });
    expect(
      rankUnits([u("丁", 50), u("乙", 80), u("甲", 80), u("丙", 90)]).map((x) => [
        x.departmentName,
        x.rank,
      ]),
    ).toEqual([
      ["丙", 1],
      ["甲", 2],
      ["乙", 2],
      ["丁", 4],
    ]);
  });

  it("a sheet adds 加分 and 减分 to the component points; a unit with nothing assessed is left out", () => {
    const data = empty(["a", "b", "c"]);
    data.adjustments.push(
      {
        id: "1",
        departmentId: "a",
        period: "2026Q1",
        points: 1.5,
        reason: "",
        createdAt: new Date(),
      },
      {
        id: "2",
        departmentId: "a",
        period: "2026Q2",
        points: -3,
        reason: "",
        createdAt: new Date(),
      },
    );
    data.notices.push({
      id: "n",
      departmentId: "b",
      taskId: "t",
      title: "任务",
      year: 2026,
      number: 1,
      level: "BLUE",
      issuedAt: new Date(),
    });
    const sheet = computeSheet(
      header,
      [{ kind: "NOTICES", weight: 100, perNotice: { BLUE: 1, YELLOW: 2, RED: 5 } }],
      data,
    );
    // c has no notice, no 加减分 and nothing else the scheme measures: NOTICES alone (which
    // applies to everyone) would give it full marks, so it is not in the sheet at all
    expect(sheet.units.map((x) => [x.departmentId, x.rank, x.bonus, x.deduction, x.total])).toEqual(
      [
        ["b", 1, 0, 0, 99],
        ["a", 2, 1.5, -3, 98.5],
      ],
    );
  });

  it("5,000 units with 40 rows each are scored well under a second", () => {
    const data = empty(Array.from({ length: 5000 }, (_, i) => `u${i}`));
    for (const unit of data.units)
      for (let k = 0; k < 40; k++)
        data.reporting.push({
          departmentId: unit.id,
          cycleId: `c${k}`,
          period: "2026Q1",
          expected: 3,
          submitted: k % 3,
          onTime: k % 2,
          live: false,
        });
    const t = performance.now();
    const sheet = computeSheet(header, [{ kind: "REPORTING", weight: 100 }], data);
    expect(sheet.units).toHaveLength(5000);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
