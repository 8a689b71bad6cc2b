// The cockpit's sections as they show one canned answer, and where their links lead. What the
// figures are and who sees them is the api's rule (apps/api/test/cockpit.test.ts).
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { menuFor, seesCockpit } from "../../app/access.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { ScreenFigures } from "./CockpitScreen.tsx";
import {
  KpiCards,
  LaggingList,
  LightTag,
  PlanList,
  ReportingTable,
  type CockpitPlanPage,
} from "./CockpitSections.tsx";
import type { CockpitData } from "./types.ts";

const completion = (over: Partial<CockpitData["totals"]> = {}) => ({
  total: 7,
  completed: 2,
  cancelled: 1,
  onSchedule: 2,
  lagging: 1,
  overdue: 1,
  red: 2,
  yellow: 0,
  green: 2,
  dueSoon: 0,
  completionRate: 33.3,
  reportedProgress: 77,
  expectedProgress: 80,
  light: "YELLOW" as const,
  ...over,
});
const statuses = { total: 4, ON_TRACK: 2, AT_RISK: 0, OFF_TRACK: 1, NO_DATA: 1, NO_TRAJECTORY: 0 };
const reporting = { cycles: 1, expected: 2, submitted: 1, onTime: 1, late: 0, completeness: 50 };
const data = {
  asOf: "2026-12-02",
  period: "2026Q3",
  root: { id: "c", name: "驾驶舱市", kind: "CITY" },
  access: "read",
  bands: { yellowLagPoints: 10, redLagPoints: 30, dueSoonDays: 15 },
  totals: { ...completion(), plans: 3 },
  indicatorTotals: statuses,
  reportingTotals: { ...reporting, expected: 6, submitted: 4, completeness: 66.7 },
  jurisdictions: [
    {
      id: "c",
      name: "驾驶舱市",
      kind: "CITY",
      parentId: null,
      depth: 0,
      plans: 1,
      subtreePlans: 3,
      own: completion({ total: 2 }),
      subtree: completion(),
      indicators: statuses,
      subtreeIndicators: statuses,
      reporting: { ...reporting, cycles: 0, expected: 0, submitted: 0, completeness: 0 },
      subtreeReporting: reporting,
    },
    {
      id: "e",
      name: "东县",
      kind: "COUNTY",
      parentId: "c",
      depth: 1,
      plans: 1,
      subtreePlans: 1,
      own: completion({ total: 3, light: "GREEN" }),
      subtree: completion({ total: 3, light: "GREEN" }),
      indicators: statuses,
      subtreeIndicators: statuses,
      reporting,
      subtreeReporting: reporting,
    },
  ],
  units: [],
  unitCount: 0,
  lagging: [
    {
      taskId: "t1",
      code: "三.（一）.1",
      title: "东县任务一",
      planId: "p1",
      planTitle: "东县规划",
      jurisdictionId: "e",
      jurisdictionName: "东县",
      departmentId: "d",
      departmentName: "东县科技局",
      schedule: "OVERDUE",
      progress: 50,
      expectedProgress: 100,
      lag: 50,
      dueDate: "2020-12-31",
      daysOverdue: 2162,
    },
  ],
  laggingTotal: 5,
  breakdowns: [],
  planTotal: 1,
  plans: [],
} as unknown as CockpitData;
const planPage: CockpitPlanPage = {
  asOf: "2026-12-02",
  total: 41,
  page: 1,
  pageSize: 20,
  items: [
    {
      planId: "p1",
      title: "东县规划",
      jurisdictionId: "e",
      jurisdictionName: "东县",
      periodStart: 2021,
      periodEnd: 2025,
      ...completion({ light: "RED" }),
      indicators: statuses,
    },
  ],
};

describe("驾驶舱 sections", () => {
  it("shows the KPIs, the lights as text, and says how many lagging items are left out", () => {
    renderWithProviders(
      <>
        <KpiCards data={data} />
        <LightTag light="RED" />
        <LaggingList data={data} onOpenTask={() => {}} />
      </>,
    );
    expect(screen.getByText("33.3%")).toBeTruthy();
    expect(screen.getByText("66.7%")).toBeTruthy();
    expect(document.querySelector('[data-light="RED"]')?.textContent).toBe("红灯");
    expect(screen.getByText("共 5 项滞后或逾期，此处显示最严重的 1 项")).toBeTruthy();
    expect(screen.getByText("2020-12-31 (逾期 2162 天)")).toBeTruthy();
  });

  it("drills down: a lagging item opens its task, a plan its overview", async () => {
    const onOpenTask = vi.fn();
    const onOpenPlan = vi.fn();
    renderWithProviders(
      <>
        <LaggingList data={data} onOpenTask={onOpenTask} />
        <PlanList
          page={planPage}
          order="tree"
          onOrder={() => {}}
          onPage={() => {}}
          onOpenPlan={onOpenPlan}
        />
      </>,
    );
    await userEvent.click(screen.getByRole("button", { name: /东县任务一/ }));
    expect(onOpenTask).toHaveBeenCalledWith("p1", "t1");
    await userEvent.click(screen.getByRole("button", { name: "东县规划" }));
    expect(onOpenPlan).toHaveBeenCalledWith("p1");
  });

  it("asks the server for another page of plans, or another order", async () => {
    const onPage = vi.fn();
    const onOrder = vi.fn();
    renderWithProviders(
      <PlanList
        page={planPage}
        order="tree"
        onOrder={onOrder}
        onPage={onPage}
        onOpenPlan={() => {}}
      />,
    );
    // 41 plans: three pages of 20
    await userEvent.click(screen.getByTitle("3"));
    expect(onPage).toHaveBeenCalledWith(3, 20);
    await userEvent.click(screen.getByText("滞后最多在前"));
    expect(onOrder).toHaveBeenCalledWith("problems");
  });

  it("marks a jurisdiction without a reporting cycle instead of showing 0 %", () => {
    renderWithProviders(<ReportingTable data={data} />);
    const city = screen.getByText("驾驶舱市").closest("tr")!;
    expect(within(city).getByText("未开启填报")).toBeTruthy();
  });

  it("shows the 大屏 figures in large type", () => {
    renderWithProviders(<ScreenFigures data={data} />);
    expect(screen.getByText("在实施规划").nextElementSibling?.textContent).toBe("3");
  });

  it("offers the cockpit to leaders and offices, not to department staff", () => {
    const m = (role: "OFFICE" | "LEADER" | "DEPARTMENT") => ({
      memberships: [{ role, jurisdiction: { id: "j", name: "j" }, department: null }],
    });
    expect(seesCockpit(m("LEADER") as never)).toBe(true);
    expect(seesCockpit(m("OFFICE") as never)).toBe(true);
    expect(seesCockpit(m("DEPARTMENT") as never)).toBe(false);
    const extras = { notifications: false, jobs: false };
    expect(menuFor("read", false, { ...extras, cockpit: true }).slice(0, 3)).toEqual([
      "todo",
      "cockpit",
      "overview",
    ]);
    expect(menuFor("department", false, extras)).not.toContain("cockpit");
  });
});
