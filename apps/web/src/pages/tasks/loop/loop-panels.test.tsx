// 签收 and 调整申请 in the task drawer: who sees which button and what it sends. The api's rules
// are tested over HTTP (apps/api/test/acknowledge.test.ts, change-requests.test.ts); here the
// tRPC answers are canned.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import superjson from "superjson";
import { afterEach, describe, expect, it, vi } from "vitest";

import { PlanProvider } from "../../../app/plan-context.tsx";
import { countyMember, countyPlan } from "../../../test/county.ts";
import { renderWithProviders } from "../../../test/render.tsx";
import type { TaskDetail } from "../types.ts";
import { AcknowledgePanel } from "./AcknowledgePanel.tsx";
import { ChangeRequestList, type ChangeRequestItem } from "./ChangeRequestList.tsx";

const TASK = "00000000-0000-4000-8000-000000000001";
const UNIT = "00000000-0000-4000-8000-0000000000d1";
const plan = countyPlan;
type Role = "LEADER" | "OFFICE" | "DEPARTMENT";
const meAs = (role: Role) =>
  countyMember(role, role === "DEPARTMENT" ? { id: UNIT, name: "科学技术局" } : null);
const task = (relation: string, acknowledgedAt: Date | null = null) =>
  ({
    id: TASK,
    version: 3,
    title: "任务一",
    status: "IN_PROGRESS",
    relation,
    dueDate: "2027-06-30",
    assignedAt: new Date("2026-11-02T02:00:00Z"),
    acknowledgedAt,
    plan: { status: "ACTIVE" },
    leadDepartment: { id: UNIT, name: "科学技术局" },
    supportingDepartments: [],
  }) as unknown as TaskDetail;
const request = (state: ChangeRequestItem["state"]): ChangeRequestItem => ({
  id: "00000000-0000-4000-8000-0000000000c1",
  version: state === "PENDING" ? 0 : 1,
  taskId: TASK,
  taskTitle: "任务一",
  taskDueDate: "2027-06-30",
  kind: "EXTENSION",
  state,
  declined: false,
  late: false,
  reason: "用地审批延后",
  departmentId: UNIT,
  departmentName: "科学技术局",
  proposedDueDate: "2027-12-31",
  fromDueDate: "2027-06-30",
  proposedDepartmentId: null,
  proposedDepartmentName: null,
  indicator: null,
  proposedTargetValue: null,
  requestedBy: "张三",
  requestedAt: new Date("2026-11-03T02:00:00Z"),
  officeDecidedBy: state === "PENDING" ? null : "办公室",
  officeDecidedAt: state === "PENDING" ? null : new Date("2026-11-04T02:00:00Z"),
  officeComment: state === "PENDING" ? null : "拟同意",
  leaderDecidedBy: null,
  leaderDecidedAt: null,
  leaderComment: null,
  applied: null,
  evidence: [],
});

/** Answers changeRequest.list with `items` and records every mutation's path and input. */
function fakeApi(items: ChangeRequestItem[] = []) {
  const sent: Array<{ path: string; input: unknown }> = [];
  vi.spyOn(globalThis, "fetch").mockImplementation(async (url, init) => {
    const path = decodeURIComponent(String(url)).split("/trpc/")[1]!.split("?")[0]!;
    const paths = path.split(",");
    if (init?.method === "POST") {
      const body = JSON.parse(String(init.body)) as Record<string, { json: unknown }>;
      paths.forEach((p, i) => sent.push({ path: p, input: body[String(i)]!.json }));
    }
    const answer = (p: string) =>
      p === "changeRequest.list"
        ? { total: items.length, items }
        : p === "admin.departments"
          ? []
          : { version: 4 };
    return new Response(
      JSON.stringify(paths.map((p) => ({ result: { data: superjson.serialize(answer(p)) } }))),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  });
  return sent;
}

const renderAs = (role: Role, ui: React.ReactNode) =>
  renderWithProviders(
    <MemoryRouter>
      <PlanProvider me={meAs(role)} plans={[plan]}>
        {ui}
      </PlanProvider>
    </MemoryRouter>,
  );

afterEach(() => vi.restoreAllMocks());

describe("签收 panel", () => {
  it("the lead unit acknowledges with the task's version", async () => {
    const sent = fakeApi();
    renderAs("DEPARTMENT", <AcknowledgePanel task={task("lead")} plan={plan} />);
    await userEvent.click(screen.getByRole("button", { name: "签 收" }));
    await waitFor(() =>
      expect(sent).toContainEqual({
        path: "task.acknowledge",
        input: { taskId: TASK, version: 3 },
      }),
    );
    expect(screen.getByRole("button", { name: "退回（不属于本单位职责）" })).toBeTruthy();
  });

  it("the office sees 待签收 without buttons; an acknowledged task says when", () => {
    fakeApi();
    const office = renderAs("OFFICE", <AcknowledgePanel task={task("office")} plan={plan} />);
    expect(screen.getByText("待签收")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    office.unmount();
    renderAs(
      "DEPARTMENT",
      <AcknowledgePanel task={task("lead", new Date("2026-11-03T02:00:00Z"))} plan={plan} />,
    );
    expect(screen.getByText("已于 2026-11-03 签收")).toBeTruthy();
  });
});

describe("调整申请 list", () => {
  it("the office decides a pending request; the requesting unit may withdraw it", async () => {
    fakeApi([request("PENDING")]);
    const office = renderAs("OFFICE", <ChangeRequestList task={task("office")} plan={plan} />);
    expect(await screen.findByText("用地审批延后")).toBeTruthy();
    expect(screen.getByText("待办公室审批")).toBeTruthy();
    expect(screen.getByRole("button", { name: "审 批" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "撤 回" })).toBeNull();
    office.unmount();
    renderAs("DEPARTMENT", <ChangeRequestList task={task("lead")} plan={plan} />);
    expect(await screen.findByRole("button", { name: "撤 回" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "审 批" })).toBeNull();
  });

  it("once the office approved, a leader decides and the office no longer can", async () => {
    const sent = fakeApi([request("OFFICE_APPROVED")]);
    const office = renderAs("OFFICE", <ChangeRequestList task={task("office")} plan={plan} />);
    expect(await screen.findByText("待领导审批")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "审 批" })).toBeNull();
    office.unmount();
    renderAs("LEADER", <ChangeRequestList task={task("read")} plan={plan} />);
    await userEvent.click(await screen.findByRole("button", { name: "审 批" }));
    // the leader decides the office's terms as they stand: no date, no units
    await waitFor(() => expect(sent.map((s) => s.path)).toContain("changeRequest.decide"));
    const input = sent.find((s) => s.path === "changeRequest.decide")!.input as object;
    expect(input).toMatchObject({
      requestId: request("OFFICE_APPROVED").id,
      version: 1,
      approve: true,
    });
    expect(Object.keys(input)).not.toContain("dueDate");
  });
});
