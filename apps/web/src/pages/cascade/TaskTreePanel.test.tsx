// 层层分解 in the task detail (issue #19): the chain above read-only and top first, the derived
// progress note, sub-tasks and assignments with weights and lateness, and 细化 / 下达 only for the
// task's office. The tree's numbers come from the server (apps/api/test/cascade.test.ts).
import { configure, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../app/plan-context.tsx";
import { fakeTrpc } from "../../test/fake-trpc.ts";
import { renderWithProviders } from "../../test/render.tsx";
import { COUNTY, countyOptions, countyPlan, officeOf } from "./test-fixtures.ts";
import { TreeBody } from "./TaskTreePanel.tsx";
import type { TaskTree } from "./types.ts";

configure({ asyncUtilTimeout: 15_000 });
afterEach(() => vi.restoreAllMocks());

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const brief = (id: string, title: string, jurisdiction: string, progress: number) => ({
  id,
  title,
  status: "IN_PROGRESS",
  progress,
  derivedProgress: true,
  weight: 1,
  startDate: "2026-01-01",
  dueDate: "2026-12-31",
  leadDepartment: "科技局",
  planTitle: "规划",
  jurisdiction: { id: jurisdiction, name: jurisdiction === COUNTY ? "汇川区" : "遵义市" },
});

const tree = (can: { addSubtasks: boolean; setWeight: boolean; assign: boolean }) =>
  ({
    task: {
      id: ID(10),
      title: "汇川区培育企业",
      status: "IN_PROGRESS",
      progress: 55,
      derivedProgress: true,
      weight: 2,
      version: 4,
      parentTaskId: null,
      assignmentId: ID(20),
    },
    // nearest first, as the server sends it
    ancestors: [
      {
        kind: "assignment",
        readOnly: true,
        id: ID(20),
        from: "遵义市",
        to: "汇川区",
        weight: 2,
        progress: 55,
        state: "DECOMPOSED",
        decomposeBy: "2026-03-31",
      },
      { kind: "task", readOnly: true, ...brief(ID(30), "遵义市培育高新技术企业", "city", 40) },
    ],
    children: {
      subtasks: [
        { ...brief(ID(11), "高坪街道培育企业", COUNTY, 70), derivedProgress: false, weight: 3 },
        { ...brief(ID(12), "董公寺街道培育企业", COUNTY, 10), derivedProgress: false, weight: 1 },
      ],
      assignments: [],
    },
    rollup: { derived: true, progress: 55, liveChildren: 2, completedChildren: 0, weightSum: 4 },
    can,
  }) as unknown as TaskTree;

const renderTree = (t: TaskTree) =>
  renderWithProviders(
    <MemoryRouter>
      <PlanProvider me={officeOf(COUNTY, "汇川区")} plans={[countyPlan]}>
        <TreeBody
          tree={t}
          task={{ id: ID(10), title: "汇川区培育企业", startDate: "2026-01-01", dueDate: "2026-12-31" }}
          plan={countyPlan}
        />
      </PlanProvider>
    </MemoryRouter>,
  );

describe("task tree panel", { timeout: 180_000 }, () => {
  it("shows the chain from the top, the derived note and the weighted sub-tasks", async () => {
    fakeTrpc({ "cascade.options": countyOptions });
    renderTree(tree({ addSubtasks: true, setWeight: true, assign: true }));
    const panel = screen.getByTestId("task-tree");
    expect(within(panel).getByText(/进度由下级任务和下达事项按权重自动汇总/)).toBeTruthy();
    const chain = within(panel).getByText("上级链条（只读）").parentElement!;
    const text = chain.textContent!;
    // the city's task first, then the assignment down to this county
    expect(text.indexOf("遵义市培育高新技术企业")).toBeLessThan(text.indexOf("遵义市 → 汇川区"));
    expect(within(panel).getByRole("link", { name: "遵义市培育高新技术企业" }).getAttribute("href")).toBe(
      `/tasks/${ID(30)}`,
    );
    expect(within(panel).getByRole("link", { name: "遵义市 → 汇川区" }).getAttribute("href")).toBe(
      `/assignments?assignment=${ID(20)}`,
    );
    expect(within(panel).getByText("权重 3")).toBeTruthy();
    expect(within(panel).getByText("权重 1")).toBeTruthy();
    // the office weights this task among its siblings, and breaks it down
    expect(within(panel).getByRole("spinbutton", { name: "汇川区培育企业 权重" })).toBeTruthy();
    expect(within(panel).getByRole("button", { name: /细\s*化/ })).toBeTruthy();
    // no child jurisdiction under the county (its towns are units): no 下达
    expect(within(panel).queryByRole("button", { name: /下\s*达/ })).toBeNull();
  });

  it("reads only for anyone else", async () => {
    fakeTrpc({});
    renderTree(tree({ addSubtasks: false, setWeight: false, assign: false }));
    const panel = screen.getByTestId("task-tree");
    expect(within(panel).getByText("高坪街道培育企业")).toBeTruthy();
    expect(within(panel).queryByRole("button")).toBeNull();
    expect(within(panel).queryByRole("spinbutton")).toBeNull();
  });
});
