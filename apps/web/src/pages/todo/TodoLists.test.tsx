import { screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import {
  OfficeTodoLists,
  UnitTodoLists,
  type OfficeTodoData,
  type UnitTodoData,
} from "./TodoLists.tsx";

const d1 = { id: "d1", name: "科学技术局" };
const list = <T,>(items: T[], count = items.length) => ({ count, items });

const office: OfficeTodoData = {
  role: "office",
  asOf: "2026-12-01",
  acknowledgeWorkingDays: 3,
  changeRequests: list(
    [
      {
        taskId: "t1",
        taskTitle: "建设科技创新平台",
        requestId: "r1",
        version: 0,
        kind: "EXTENSION",
        state: "PENDING",
        declined: false,
        unit: d1,
        reason: "资金未到位",
        proposedDueDate: "2026-12-31",
        requestedAt: "2026-11-30T02:00:00.000Z",
      },
    ],
    25,
  ),
  completions: list([]),
  unacknowledged: list([
    {
      taskId: "t2",
      taskTitle: "培育高新技术企业",
      unit: d1,
      assignedOn: "2026-11-20",
      workingDaysWaiting: 4,
      limit: 3,
    },
  ]),
  notices: list([
    {
      taskId: "t1",
      taskTitle: "建设科技创新平台",
      noticeId: "n1",
      number: "督办通知单〔2026〕第3号",
      level: "RED",
      unit: d1,
      replyDueDate: "2026-11-28",
      issuedAt: "2026-11-20T01:00:00.000Z",
      overdue: true,
    },
  ]),
  reviews: list([]),
};

const unit: UnitTodoData = {
  role: "unit",
  asOf: "2026-12-01",
  units: [d1],
  toAcknowledge: list([]),
  toReport: list([
    {
      taskId: "t3",
      taskTitle: "推进科技成果转化",
      role: "support",
      cycleId: "c1",
      period: "2026Q4",
      dueAt: "2027-01-10T15:59:59.000Z",
      overdue: false,
      unit: d1,
    },
  ]),
  notices: list([]),
  returned: list([
    {
      kind: "completion",
      taskId: "t1",
      taskTitle: "建设科技创新平台",
      id: "a1",
      period: null,
      unit: d1,
      comment: "佐证不足",
      at: "2026-11-29T01:00:00.000Z",
    },
  ]),
};

const narrow = () => {
  // a phone: 375 px wide (jsdom has no layout; the lists are cards in one column, never tables)
  Object.defineProperty(window, "innerWidth", { value: 375, configurable: true });
  window.dispatchEvent(new Event("resize"));
};

describe("待办 lists", () => {
  it("the office's: a card per list with its count, each item a link to its task; no tables", () => {
    narrow();
    renderWithProviders(
      <MemoryRouter>
        <OfficeTodoLists todo={office} />
      </MemoryRouter>,
    );
    expect(document.querySelector("table")).toBeNull();
    const requests = screen.getByTestId("todo-todo.changeRequests");
    expect(within(requests).getByText("待审批的调整申请")).toBeTruthy();
    expect(requests.querySelector(".ant-scroll-number")?.getAttribute("title")).toBe("25");
    expect(within(requests).getByText("另有 24 项，请在任务列表中查看")).toBeTruthy();
    expect(within(requests).getByText("延期申请")).toBeTruthy();
    expect(within(requests).getByRole("link").getAttribute("href")).toBe("/tasks/t1");
    const ack = screen.getByTestId("todo-todo.unacknowledged");
    expect(ack.textContent).toContain("交办于 2026-11-20，已 4 个工作日未签收（期限 3 个工作日）");
    const notices = screen.getByTestId("todo-todo.notices");
    expect(notices.textContent).toContain("督办通知单〔2026〕第3号");
    expect(within(notices).getByText("已逾期")).toBeTruthy();
    expect(within(notices).getByText("红色督办")).toBeTruthy();
    expect(screen.getByTestId("todo-todo.completions").textContent).toContain("暂无");
    // one column on a phone, two from lg
    for (const col of document.querySelectorAll(".ant-col"))
      expect(col.className).toMatch(/ant-col-xs-24/);
  });
  it("a leader's: the change requests awaiting the leader", () => {
    renderWithProviders(
      <MemoryRouter>
        <OfficeTodoLists todo={{ ...office, role: "leader" }} />
      </MemoryRouter>,
    );
    expect(screen.getByText("待领导审批的调整申请")).toBeTruthy();
  });
  it("the unit's: to report (with its role) and returned items, each linking to the task", () => {
    narrow();
    renderWithProviders(
      <MemoryRouter>
        <UnitTodoLists todo={unit} />
      </MemoryRouter>,
    );
    expect(document.querySelector("table")).toBeNull();
    const report = screen.getByTestId("todo-todo.toReport");
    expect(report.textContent).toContain("2026年第四季度");
    expect(within(report).getByText("配合")).toBeTruthy();
    expect(within(report).getByRole("link").getAttribute("href")).toBe("/tasks/t3");
    const returned = screen.getByTestId("todo-todo.returned");
    expect(within(returned).getByText("办结申请被退回")).toBeTruthy();
    expect(returned.textContent).toContain("佐证不足");
    expect(screen.getByTestId("todo-todo.toAcknowledge").textContent).toContain("暂无");
  });
});
