// 分解 (issue #19): the receiving office's form sends what ZDecomposeAssignmentInput takes —
// tasks for its departments or towns, the parent's dates by default — and says a refusal.
import { configure, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../app/plan-context.tsx";
import { fakeTrpc, Refusal } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { DecomposeForm } from "./DecomposeForm.tsx";
import {
  COUNTY,
  COUNTY_PLAN,
  countyOptions,
  countyPlan,
  KEJI,
  LATE,
  officeOf,
  TOWN,
} from "./test-fixtures.ts";

configure({ asyncUtilTimeout: 15_000 });
afterEach(() => vi.restoreAllMocks());

const target = {
  id: LATE,
  version: 3,
  kind: "TASK" as const,
  toJurisdictionId: COUNTY,
  targetPlanId: COUNTY_PLAN,
  targetPlanTitle: "汇川区科技创新规划",
  startDate: "2026-01-01",
  dueDate: "2026-12-31",
};

const renderForm = () =>
  renderWithProviders(
    <MemoryRouter>
      <PlanProvider me={officeOf(COUNTY, "汇川区")} plans={[countyPlan]}>
        <DecomposeForm target={target} />
      </PlanProvider>
    </MemoryRouter>,
  );

/** The option in the open dropdown (a closed one keeps its options, hidden). */
const option = async (label: string) =>
  (await screen.findAllByText(label)).findLast(
    (e) => e.closest(".ant-select-item-option") && !e.closest(".ant-select-dropdown-hidden"),
  )!;

const chooseLead = async (label: string) => {
  await userEvent.click(screen.getByRole("combobox", { name: "牵头单位" }));
  await userEvent.click(await option(label));
};

describe("分解 form", { timeout: 180_000 }, () => {
  it("decomposes into a town's task with the parent's dates", async () => {
    const sent = fakeTrpc({
      "cascade.options": countyOptions,
      "cascade.decompose": { taskIds: ["00000000-0000-4000-8000-000000000999"] },
    });
    renderForm();
    fireEvent.change(await screen.findByRole("textbox", { name: "任务名称" }), {
      target: { value: "高坪街道培育企业" },
    });
    await chooseLead("高坪街道");
    await userEvent.click(screen.getByRole("combobox", { name: "配合单位" }));
    await userEvent.click(await option("区科技局"));
    await userEvent.click(screen.getByRole("button", { name: /分\s*解/ }));
    await waitFor(() =>
      expect(sent.find((s) => s.path === "cascade.decompose")?.input).toEqual({
        assignmentId: LATE,
        version: 3,
        // the plan named by the city is not sent again
        tasks: [
          {
            title: "高坪街道培育企业",
            description: "",
            leadDepartmentId: TOWN,
            supportingDepartmentIds: [KEJI],
            startDate: "2026-01-01",
            dueDate: "2026-12-31",
            weight: 1,
          },
        ],
      }),
    );
  });

  it("says the server's refusal in Chinese", async () => {
    fakeTrpc({
      "cascade.options": countyOptions,
      "cascade.decompose": new Refusal(
        "该下达事项已被上级修改，请刷新后重试",
        "The assignment was changed meanwhile; reload and retry",
        "CONFLICT",
      ),
    });
    renderForm();
    fireEvent.change(await screen.findByRole("textbox", { name: "任务名称" }), {
      target: { value: "任务" },
    });
    await chooseLead("区科技局");
    await userEvent.click(screen.getByRole("button", { name: /分\s*解/ }));
    expect(await screen.findByText("该下达事项已被上级修改，请刷新后重试")).toBeTruthy();
  });

  it("refuses an empty title and no lead unit before sending", async () => {
    const sent = fakeTrpc({ "cascade.options": countyOptions });
    renderForm();
    await screen.findByRole("textbox", { name: "任务名称" });
    await userEvent.click(screen.getByRole("button", { name: /分\s*解/ }));
    expect(await screen.findByText(/请填写任务名称|任务名称/, { selector: ".ant-form-item-explain-error" })).toBeTruthy();
    expect(sent.some((s) => s.path === "cascade.decompose")).toBe(false);
  });
});
