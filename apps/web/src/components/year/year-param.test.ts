import { describe, expect, it } from "vitest";

import { zYear } from "@duban/domain/schemas";

import { parseYearParam, withYear, yearOptions } from "./year-param.ts";

describe("the year filter's URL parameter", () => {
  it("reads a year the API accepts, else all years", () => {
    expect(parseYearParam("2025")).toBe(2025);
    expect(parseYearParam(null)).toBeUndefined();
    expect(parseYearParam("")).toBeUndefined();
    expect(parseYearParam("1999")).toBeUndefined();
    expect(parseYearParam("2025.5")).toBeUndefined();
    expect(parseYearParam("20251")).toBeUndefined();
    expect(parseYearParam("abcd")).toBeUndefined();
  });
  it("accepts exactly the years the API's zYear accepts (without loading the schemas)", () => {
    for (let y = 1990; y <= 2110; y++) {
      const api = zYear.safeParse(y);
      expect([y, parseYearParam(String(y))]).toEqual([y, api.success ? y : undefined]);
    }
  });
  it("offers the plan's years newest first, and the year after a finished plan", () => {
    expect(yearOptions(2021, 2025, 2023)).toEqual([2025, 2024, 2023, 2022, 2021]);
    expect(yearOptions(2021, 2025, 2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(yearOptions(2021, 2025, 2030)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });
  it("carries the year between the year pages only", () => {
    expect(withYear("/overview", "/ledger", "?year=2024&x=1")).toBe("/overview?year=2024");
    expect(withYear("/indicators", "/ledger", "?year=2024")).toBe("/indicators");
    expect(withYear("/annual", "/overview", "?year=2024")).toBe("/annual?year=2024");
    expect(withYear("/tasks", "/plan", "?year=2024")).toBe("/tasks");
    expect(withYear("/tasks", "/ledger", "")).toBe("/tasks");
    expect(withYear("/tasks", "/ledger", "?year=1800")).toBe("/tasks");
  });
});
