// 份额 (issue #19): each county's share side by side with the roll-up by the parent's rule. The
// roll-up itself is the server's (district.indicatorShares, tested over HTTP); a canned answer here.
import { screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import type { SharesView } from "./shares-types.ts";
import { SharesTable } from "./SharesTable.tsx";

const point = (period: string, value: number, status: string, expected: number) => ({
  period,
  day: `${period.slice(0, 4)}-12-31`,
  value,
  status,
  expected,
  actual: value,
  shortfall: status === "ON_TRACK" ? 0 : 0.25,
});
const share = (id: string, name: string, state: string, target: number, series: ReturnType<typeof point>[]) => ({
  assignmentId: `a-${id}`,
  jurisdiction: { id, name },
  state,
  weight: 1,
  shareBaseline: 10,
  shareTarget: target,
  indicatorId: series.length ? `i-${id}` : null,
  planId: null,
  series,
  latest: series.at(-1) ?? null,
  assessment: series.at(-1) ?? { status: "NO_DATA", expected: null, actual: null, shortfall: null },
  path: [],
  annualTargets: [],
});

// 汇川区 40 + 红花岗区 20 = 60 in 2026Q4 (SUM); 播州区 not decomposed yet, so 2026Q4 is the sum of
// the two that report only once all three have: the server says incomplete (null)
const view = {
  asOf: "2026-12-31",
  indicator: { id: "p", name: "高新技术企业数", unit: "家", rule: "SUM", comparison: "SUM" },
  partial: false,
  periods: ["2026Q4"],
  children: [
    share("h", "汇川区", "DECOMPOSED", 50, [point("2026Q4", 40, "ON_TRACK", 38)]),
    share("g", "红花岗区", "DECOMPOSED", 30, [point("2026Q4", 20, "OFF_TRACK", 26)]),
    share("b", "播州区", "PENDING", 20, []),
  ],
  total: [
    {
      period: "2026Q4",
      day: "2026-12-31",
      value: null,
      partsValue: 60,
      ownValue: null,
      complete: false,
      missing: ["b"],
      disagrees: false,
      status: "NO_DATA",
      expected: 80,
      actual: null,
      shortfall: null,
    },
  ],
  warnings: [
    {
      kind: "OFF_TRACK",
      partId: "g",
      period: "2026Q4",
      message: "红花岗区 2026Q4 实际值 20 低于序时目标 26.00（严重滞后）",
      messageEn: "",
    },
  ],
} as unknown as SharesView;

describe("SharesTable", () => {
  it("puts each county's share beside the roll-up, with its state, light and warning", () => {
    renderWithProviders(
      <MemoryRouter>
        <SharesTable view={view} />
      </MemoryRouter>,
    );
    const rows = screen.getAllByRole("row");
    const row = (text: string) => rows.find((r) => r.textContent?.includes(text))!;
    expect(within(row("汇川区")).getByText("40")).toBeTruthy();
    expect(within(row("汇川区")).getByText("50")).toBeTruthy(); // its share target
    expect(row("汇川区").querySelector('[data-status="ON_TRACK"]')).toBeTruthy();
    expect(within(row("红花岗区")).getByText(/低于序时目标 26/)).toBeTruthy();
    expect(row("红花岗区").querySelector('[data-status="OFF_TRACK"]')).toBeTruthy();
    // not decomposed yet: said, no value
    expect(within(row("播州区")).getByText("待分解")).toBeTruthy();
    expect(within(row("播州区")).getAllByText("—").length).toBeGreaterThan(0);
    // the sum waits for every county
    expect(within(row("汇总（求和）")).getByText("待齐")).toBeTruthy();
    // each county opens its assignment
    expect(within(row("汇川区")).getByRole("link", { name: "汇川区" }).getAttribute("href")).toBe(
      "/assignments?assignment=a-h",
    );
  });
});
