import { describe, expect, it } from "vitest";

import { chapterOf, groupBy, timeline } from "./layout.ts";

describe("roadmap layout", () => {
  const tl = timeline("2026-01-01", "2030-12-31");
  it("places days proportionally", () => {
    expect(tl.at("2026-01-01")).toBe(0);
    expect(tl.at("2031-06-01")).toBe(100);
    expect(tl.at("2028-07-02")).toBeCloseTo(50, 0);
  });
  it("spans whole years evenly", () => {
    expect(tl.years).toHaveLength(5);
    for (const y of tl.years) expect(y.width).toBeCloseTo(20, 0);
    expect(tl.span("2026-01-01", "2030-12-31")).toEqual({ left: 0, width: 100 });
  });
  it("marks years, or a single year's quarters (the year filter)", () => {
    expect(tl.ticks.map((x) => x.label)).toEqual(["2026", "2027", "2028", "2029", "2030"]);
    const year = timeline("2025-01-01", "2025-12-31");
    expect(year.ticks.map((x) => x.label)).toEqual(["2025Q1", "2025Q2", "2025Q3", "2025Q4"]);
    expect(year.ticks[0]!.left).toBe(0);
    expect(year.ticks[2]!.left).toBeCloseTo((181 / 365) * 100, 5);
    // a task running 2021–2026 fills the year's window
    expect(year.span("2021-01-01", "2026-12-31")).toEqual({ left: 0, width: 100 });
  });
  it("keeps a one-day item visible", () => {
    expect(tl.span("2027-03-01", "2027-03-01").width).toBeGreaterThanOrEqual(0.4);
  });
  it("groups in first-seen order and finds chapters", () => {
    expect(groupBy([1, 2, 3, 4], (n) => (n % 2 ? "odd" : "even")).map(([k]) => k)).toEqual([
      "odd",
      "even",
    ]);
    expect(chapterOf("三.（一）.2")).toBe("三");
    expect(chapterOf("专栏1.1")).toBe("专栏1");
    expect(chapterOf(null)).toBeNull();
  });
});
