import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";

import type { PlanSummary } from "../../app/plan-context.tsx";
import type { DepartmentRow } from "../../pages/overview/types.ts";
import { YearCompletion } from "../../pages/overview/YearCompletion.tsx";
import { renderWithProviders } from "../../test/render.tsx";
import { yearOptions } from "./year-param.ts";
import { YearSelect } from "./YearSelect.tsx";

const plan = { id: "p1", periodStart: 2021, periodEnd: 2025 } as PlanSummary;

function Where() {
  const { search } = useLocation();
  return <output data-testid="search">{search}</output>;
}

describe("the year selector", () => {
  it("defaults to all years, writes ?year= and keeps the page's other parameters", async () => {
    renderWithProviders(
      <MemoryRouter initialEntries={["/tasks?task=t1"]}>
        <YearSelect plan={plan} />
        <Where />
      </MemoryRouter>,
    );
    const select = screen.getByRole("combobox", { name: "年度" });
    // closed, only the chosen value is on the page
    expect(screen.getByText("全部年度")).toBeTruthy();
    const option = (label: string) =>
      [...document.querySelectorAll(".ant-select-item-option")].find(
        (o) => o.textContent === label,
      )!;
    await userEvent.click(select);
    expect(
      [...document.querySelectorAll(".ant-select-item-option")].map((o) => o.textContent),
    ).toEqual([
      "全部年度",
      ...yearOptions(2021, 2025, new Date().getFullYear()).map((y) => `${y}年`),
    ]);
    await userEvent.click(option("2024年"));
    expect(screen.getByTestId("search").textContent).toBe("?task=t1&year=2024");
    await userEvent.click(select);
    await userEvent.click(option("全部年度"));
    expect(screen.getByTestId("search").textContent).toBe("?task=t1");
  });
  it("reads the year from a shared link", () => {
    renderWithProviders(
      <MemoryRouter initialEntries={["/overview?year=2023"]}>
        <YearSelect plan={plan} />
      </MemoryRouter>,
    );
    expect(screen.getByText("2023年")).toBeTruthy();
    expect(screen.queryByText("全部年度")).toBeNull();
  });
});

describe("the overview's year completion", () => {
  const row = (name: string, year: DepartmentRow["year"]) =>
    ({ departmentId: name, name, year }) as DepartmentRow;
  it("shows the year's rate beside the five-year one, and says when nothing is due yet", () => {
    renderWithProviders(
      <YearCompletion
        year={2025}
        departments={[
          row("科学技术局", {
            departmentId: "科学技术局",
            items: 4,
            due: 2,
            done: 1,
            onTime: 1,
            overdue: 1,
            rate: 50,
            fiveYear: { tasks: 10, completed: 7, rate: 70 },
          }),
          row("农业农村局", {
            departmentId: "农业农村局",
            items: 3,
            due: 0,
            done: 0,
            onTime: 0,
            overdue: 0,
            rate: null,
            fiveYear: { tasks: 5, completed: 1, rate: 20 },
          }),
        ]}
      />,
    );
    expect(screen.getByLabelText("2025年完成率 50%，已完成 1 / 应完成 2（共 4 项）")).toBeTruthy();
    expect(screen.getByLabelText("规划完成率 70%")).toBeTruthy();
    expect(screen.getByText("未到期")).toBeTruthy();
    expect(screen.getByLabelText("规划完成率 20%")).toBeTruthy();
  });
});
