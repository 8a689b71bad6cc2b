import { describe, expect, it } from "vitest";

import { isFutureDay, summaryPairs } from "./run-result.ts";

describe("run-now results", () => {
  it("tells a future day (dry run only) from today and the past, in Shanghai", () => {
    expect(isFutureDay("2026-12-01", "2026-11-30")).toBe(true);
    expect(isFutureDay("2026-11-30", "2026-11-30")).toBe(false);
    expect(isFutureDay("2023-06-30", "2026-11-30")).toBe(false);
    expect(isFutureDay(undefined, "2026-11-30")).toBe(false);
  });
  it("lists summary figures", () => {
    expect(summaryPairs({ a: 1, b: { c: 2 } })).toEqual([
      ["a", "1"],
      ["b", '{"c":2}'],
    ]);
  });
});
