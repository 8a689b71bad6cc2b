// 下达 (issue #19): the city office picks counties, weights and the 分解时限; the form sends what
// ZAssignTaskInput takes, refuses an empty choice before sending, and a county that already
// carries the task is not offered again.
import { configure, fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeTrpc } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { AssignTaskModal } from "./AssignTaskModal.tsx";
import { CITY, CITY_TASK, COUNTY, COUNTY_B, COUNTY_PLAN } from "./test-fixtures.ts";

configure({ asyncUtilTimeout: 15_000 });
afterEach(() => vi.restoreAllMocks());

const C3 = "00000000-0000-4000-8000-0000000000c4";
const cityOptions = {
  children: [
    { id: COUNTY, name: "汇川区", kind: "COUNTY", plans: [{ id: COUNTY_PLAN, title: "汇川区规划" }] },
    { id: COUNTY_B, name: "红花岗区", kind: "COUNTY", plans: [] },
    { id: C3, name: "播州区", kind: "COUNTY", plans: [] },
  ],
  plans: [],
  units: [],
};

const renderModal = () =>
  renderWithProviders(
    <MemoryRouter>
      <AssignTaskModal
        task={{ id: CITY_TASK, title: "培育高新技术企业" }}
        jurisdictionId={CITY}
        assigned={new Set([C3])}
        onClose={() => undefined}
      />
    </MemoryRouter>,
  );

describe("下达 modal", { timeout: 180_000 }, () => {
  it("sends the chosen counties with their weights and plans", async () => {
    const sent = fakeTrpc({
      "cascade.options": cityOptions,
      "cascade.assignTask": { assignmentIds: ["x", "y"] },
    });
    renderModal();
    // 播州区 already carries it
    expect((await screen.findByRole("checkbox", { name: /播州区/ })).hasAttribute("disabled")).toBe(
      true,
    );
    await userEvent.click(screen.getByRole("checkbox", { name: /汇川区/ }));
    await userEvent.click(screen.getByRole("checkbox", { name: /红花岗区/ }));
    const weight = screen.getByRole("spinbutton", { name: "汇川区 权重" });
    fireEvent.change(weight, { target: { value: "2" } });
    fireEvent.blur(weight);
    const date = screen.getByPlaceholderText(/请选择日期|Select date/);
    await userEvent.click(date);
    await userEvent.type(date, "2099-12-01{enter}");
    await userEvent.click(screen.getByRole("button", { name: /下\s*达/ }));
    await waitFor(() =>
      expect(sent.find((s) => s.path === "cascade.assignTask")?.input).toEqual({
        taskId: CITY_TASK,
        // 汇川区's only active plan is taken; 红花岗区 has none: it chooses when it decomposes
        targets: [
          { jurisdictionId: COUNTY, weight: 2, targetPlanId: COUNTY_PLAN },
          { jurisdictionId: COUNTY_B, weight: 1 },
        ],
        decomposeBy: "2099-12-01",
        note: "",
      }),
    );
  });

  it("refuses no county and no deadline before sending", async () => {
    const sent = fakeTrpc({ "cascade.options": cityOptions });
    renderModal();
    await screen.findByRole("checkbox", { name: /汇川区/ });
    await userEvent.click(screen.getByRole("button", { name: /下\s*达/ }));
    expect(await screen.findAllByRole("alert")).toBeTruthy();
    expect(sent.some((s) => s.path === "cascade.assignTask")).toBe(false);
  });
});
