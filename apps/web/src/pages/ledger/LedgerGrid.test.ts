import { describe, expect, it } from "vitest";

import { shownPeriods } from "./LedgerGrid.tsx";

describe("ledger grid columns", () => {
  const grid = {
    periods: ["2025Q1", "2025Q2", "2025Q3", "2025Q4"],
    currentPeriod: "2025Q4",
    cycles: [{ period: "2025Q2" }],
  };
  it("shows quarters with a cycle and the current one by default", () => {
    expect(shownPeriods(grid, false)).toEqual([
      { period: "2025Q2", i: 1 },
      { period: "2025Q4", i: 3 },
    ]);
  });
  it("shows all quarters on request, keeping each cell's index", () => {
    expect(shownPeriods(grid, true).map((p) => p.i)).toEqual([0, 1, 2, 3]);
  });
});
