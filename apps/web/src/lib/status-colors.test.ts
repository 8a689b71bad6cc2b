import { describe, expect, it } from "vitest";

import { CELL_STATES, cellAction, cellStyle, contrastRatio, lightStyle } from "./status-colors.ts";

describe("ledger cell colours", () => {
  it("covers every state, each colour distinct", () => {
    expect(CELL_STATES.sort()).toEqual(Object.keys(cellStyle).sort());
    expect(new Set(Object.values(cellStyle).map((s) => s.background)).size).toBe(
      CELL_STATES.length,
    );
  });
  it.each(Object.entries(cellStyle))("%s text is readable (contrast ≥ 4.5)", (_state, style) => {
    expect(contrastRatio(style.color, style.background)).toBeGreaterThanOrEqual(4.5);
  });
  it("computes WCAG contrast", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 0);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });
});

describe("traffic-light colours", () => {
  it.each(Object.entries(lightStyle))("%s text is readable (contrast ≥ 4.5)", (_light, style) => {
    expect(contrastRatio(style.color, style.background)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("cell actions", () => {
  it("lets a reporting unit fill due and late cells and amend returned ones", () => {
    expect(cellAction("DUE", true)).toBe("fill");
    expect(cellAction("LATE", true)).toBe("fill");
    expect(cellAction("RETURNED", true)).toBe("amend");
    expect(cellAction("APPROVED", true)).toBe("view");
    expect(cellAction("NOT_DUE", true)).toBeNull();
  });
  it("gives readers and the office only a view of existing entries", () => {
    expect(cellAction("DUE", false)).toBeNull();
    expect(cellAction("SUBMITTED", false)).toBe("view");
    expect(cellAction("RETURNED", false)).toBe("view");
  });
});
