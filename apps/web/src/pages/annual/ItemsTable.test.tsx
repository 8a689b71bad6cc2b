// The year's items as the table shows them and what its row actions send. Who sees which items is
// the api's rule (apps/api/test/annual-plans.test.ts); here the tRPC answers are canned.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { renderWithProviders } from "../../test/render.tsx";
import { ItemsTable } from "./ItemsTable.tsx";
import type { AnnualDetail, AnnualItem } from "./types.ts";

const ITEM = "00000000-0000-4000-8000-0000000000b1";
const plan = { id: "p1", status: "ACTIVE", jurisdiction: { id: "j1" } } as unknown as PlanSummary;
const item: AnnualItem = {
  id: ITEM,
  version: 3,
  order: 0,
  deliverable: "建成科技成果转化平台",
  dueDate: "2026-06-30",
  doneAt: null,
  explanation: "用地手续未办结",
  outcome: { done: false, onTime: false, overdue: true, doneOn: null },
  carriedOver: {
    fromItemId: "x",
    fromYear: 2025,
    fromDeliverable: "启动建设",
    reason: "资金未到位",
  },
  task: {
    id: "t1",
    title: "科技成果转化平台建设",
    source: "PLAN",
    status: "IN_PROGRESS",
    progress: 40,
    dueDate: "2026-12-31",
    version: 1,
    schedule: "LAGGING",
    light: "YELLOW",
    leadDepartment: { id: "d1", name: "科学技术局" },
    supportingDepartments: [{ id: "d2", name: "财政局" }],
  },
  canExplain: true,
};
const annual = (over: Partial<AnnualDetail>): AnnualDetail =>
  ({
    id: "a1",
    year: 2026,
    version: 1,
    status: "ISSUED",
    canEdit: true,
    items: [item],
    ...over,
  }) as AnnualDetail;

function fakeApi() {
  const sent: Array<{ path: string; input: unknown }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const paths = decodeURIComponent(String(url)).split("/trpc/")[1]!.split("?")[0]!.split(",");
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((p, i) => sent.push({ path: p, input: body[String(i)]?.json }));
    }
    return new Response(
      JSON.stringify(paths.map(() => ({ result: { data: superjson.serialize({ version: 4 }) } }))),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe("年度工作要点: the items table", () => {
  it("shows the outcome, the units, the explanation and where a carried-over item came from", () => {
    renderWithProviders(
      <MemoryRouter>
        <ItemsTable plan={plan} annual={annual({})} />
      </MemoryRouter>,
    );
    expect(screen.getByRole("link", { name: "科技成果转化平台建设" }).getAttribute("href")).toBe(
      "/tasks/t1",
    );
    expect(screen.getByText("逾期未完成")).toBeTruthy();
    expect(screen.getByText("由 2025 年结转：资金未到位")).toBeTruthy();
    expect(screen.getByText("财政局")).toBeTruthy();
    expect(screen.getByText("未完成说明：用地手续未办结")).toBeTruthy();
  });

  it("gives a reader no actions", () => {
    renderWithProviders(
      <MemoryRouter>
        <ItemsTable
          plan={plan}
          annual={annual({ canEdit: false, items: [{ ...item, canExplain: false }] })}
        />
      </MemoryRouter>,
    );
    expect(screen.queryByRole("button", { name: /^操\s*作$/ })).toBeNull();
  });

  it("marks an item done with its version", async () => {
    const sent = fakeApi();
    renderWithProviders(
      <MemoryRouter>
        <ItemsTable plan={plan} annual={annual({})} />
      </MemoryRouter>,
    );
    await userEvent.click(screen.getByRole("button", { name: /^操\s*作$/ }));
    await userEvent.click(await screen.findByText("确认完成"));
    await waitFor(() =>
      expect(sent).toContainEqual({
        path: "annualPlan.markItem",
        input: { itemId: ITEM, version: 3, done: true },
      }),
    );
  });
});
