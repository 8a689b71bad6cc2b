// The 分片区 table: 片区 side by side with the total by its rule; the figures themselves come from
// the server (apps/api/test/districts.test.ts checks them over HTTP), here a canned answer.
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../../test/render.tsx";
import { DistrictTable } from "./DistrictTable.tsx";
import type { DistrictView } from "./types.ts";

const point = (period: string, value: number, status: string, expected: number) => ({
  period,
  day: `${period.slice(0, 4)}-12-31`,
  value,
  status,
  expected,
  actual: value,
  shortfall: status === "ON_TRACK" ? 0 : 0.2,
});
const district = (
  id: string,
  name: string,
  active: boolean,
  series: ReturnType<typeof point>[],
  unit: string,
) => ({
  districtId: id,
  name,
  order: 0,
  active,
  baselineValue: 40,
  targetValue: 80,
  responsibleDepartmentId: null,
  unit: { id: `u-${id}`, name: unit },
  canEnter: true,
  series,
  latest: series.at(-1) ?? null,
  assessment: series.at(-1) ?? {
    status: "NO_DATA",
    expected: 64,
    actual: null,
    shortfall: null,
  },
  path: [],
  annualTargets: [],
});

const view = {
  asOf: "2023-12-31",
  indicator: {
    id: "i",
    planId: "p",
    name: "高新技术企业数",
    unit: "个",
    version: 1,
    byDistrict: true,
    totalRule: "OWN",
    comparison: "SUM",
    baselineYear: 2020,
    targetYear: 2025,
    responsibleDepartment: { id: "d", name: "科学技术局" },
  },
  canConfigure: true,
  periods: ["2023Q3", "2023Q4"],
  districts: [
    district(
      "e",
      "东片区",
      true,
      [point("2023Q3", 100, "ON_TRACK", 96), point("2023Q4", 100, "ON_TRACK", 96)],
      "小寨坝镇",
    ),
    district("w", "西片区", false, [point("2023Q4", 60, "OFF_TRACK", 75)], "永靖镇"),
  ],
  total: [
    {
      period: "2023Q3",
      day: "2023-09-30",
      value: 150,
      partsValue: 100,
      ownValue: 150,
      complete: false,
      missing: ["w"],
      disagrees: false,
      status: "ON_TRACK",
      expected: 150,
      actual: 150,
      shortfall: 0,
    },
    {
      period: "2023Q4",
      day: "2023-12-31",
      value: 180,
      partsValue: 160,
      ownValue: 180,
      complete: true,
      missing: [],
      disagrees: true,
      status: "ON_TRACK",
      expected: 160,
      actual: 180,
      shortfall: 0,
    },
  ],
  warnings: [
    {
      kind: "OFF_TRACK",
      partId: "w",
      period: "2023Q4",
      message: "西片区 2023Q4 实际值 60 低于序时目标 75.00（严重滞后）",
      messageEn: "",
    },
    {
      kind: "DISAGREES",
      partId: null,
      period: "2023Q4",
      message: "报送总量 180 与各片区合计 160.00 不一致",
      messageEn: "",
    },
  ],
} as unknown as DistrictView;

describe("DistrictTable", () => {
  it("shows each district's quarters side by side with its light, and the total by its rule with the disagreement", () => {
    renderWithProviders(<DistrictTable view={view} />);
    const rows = screen.getAllByRole("row");
    const east = rows.find((r) => r.textContent?.includes("东片区"))!;
    const west = rows.find((r) => r.textContent?.includes("西片区"))!;
    const total = rows.find((r) => r.textContent?.includes("合计（单独填报）"))!;
    // a column per quarter, in order
    expect(screen.getByRole("columnheader", { name: /2023年第三季度|2023 ?Q3/ })).toBeTruthy();
    expect(within(east).getByText("小寨坝镇")).toBeTruthy();
    expect(east.querySelector('[data-status="ON_TRACK"]')).toBeTruthy();
    // a retired district is marked, its value kept; its warning beside it
    expect(within(west).getByText("已停用")).toBeTruthy();
    expect(within(west).getByText("60")).toBeTruthy();
    expect(west.querySelector('[data-status="OFF_TRACK"]')).toBeTruthy();
    expect(within(west).getByText(/低于序时目标 75/)).toBeTruthy();
    expect(within(west).queryAllByText("—").length).toBeGreaterThan(0); // no 2023Q3 value
    // the total reported on its own: 180, flagged as disagreeing with the districts
    expect(within(total).getByText("180")).toBeTruthy();
    expect(within(total).getByText("不一致")).toBeTruthy();
    expect(within(total).getByText(/报送总量 180/)).toBeTruthy();
    expect(within(east).queryByText("不一致")).toBeNull();
  });
});
