// Every form with a text limit, pasted into over its limit: the text stays whole in the field (antd's
// maxLength used to cut a paste without a word), the form refuses it with the server schema's own
// message, and nothing is sent.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";

import { ZListTasksInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../app/plan-context.tsx";
import { DepartmentModal } from "../pages/admin/DepartmentsPage.tsx";
import { UserModal } from "../pages/admin/UsersPage.tsx";
import { AssignTable } from "../pages/import/AssignStep.tsx";
import { IndicatorSettings } from "../pages/indicators/IndicatorSettings.tsx";
import { ObservationForm } from "../pages/indicators/ObservationForm.tsx";
import type { IndicatorRow, PlanDocument } from "../pages/indicators/types.ts";
import { EntryForm } from "../pages/ledger/EntryForm.tsx";
import { ReviewDrawer } from "../pages/ledger/ReviewQueue.tsx";
import type { QueueEntry } from "../pages/ledger/types.ts";
import { Milestones } from "../pages/tasks/Milestones.tsx";
import { ReassignAction, RedateAction, StatusAction } from "../pages/tasks/TaskActions.tsx";
import type { TaskDetail } from "../pages/tasks/types.ts";
import { renderWithProviders } from "../test/render.tsx";
import { LimitedSearch } from "./LimitedInput.tsx";

const ID = "00000000-0000-4000-8000-000000000001";
const ID2 = "00000000-0000-4000-8000-000000000002";
const plan = {
  id: ID,
  periodStart: 2021,
  periodEnd: 2030,
  jurisdiction: { id: ID, name: "甲县" },
} as unknown as PlanSummary;
const task = {
  id: ID,
  version: 0,
  status: "IN_PROGRESS",
  relation: "office",
  milestones: [],
  leadDepartment: { id: ID, name: "科学技术局" },
  supportingDepartments: [],
} as unknown as TaskDetail;
const indicator = {
  id: ID,
  unit: "家",
  baselineYear: 2020,
  targetYear: 2025,
} as unknown as IndicatorRow;
const queueEntry = {
  id: ID,
  version: 0,
  period: "2025Q4",
  task: { id: ID, title: "培育科技型企业" },
  department: { id: ID, name: "科学技术局" },
  submittedAt: new Date(),
  late: false,
  percentComplete: 50,
  status: "IN_PROGRESS",
  progressText: "推进中",
  problems: "",
  nextSteps: "",
  evidence: [],
} as unknown as QueueEntry;
const doc = {
  plan: { id: ID, status: "ACTIVE", version: 0, periodStart: 2026, periodEnd: 2030 },
  phases: [{ key: "LAUNCH", name: "启动实施", startDate: "2026-01-01", endDate: "2027-12-31" }],
  nodes: [
    {
      id: ID2,
      code: "一.（一）",
      number: "",
      title: "培育科技型企业",
      body: "正文",
      candidate: {
        kind: "task",
        suggestedPhase: "LAUNCH",
        suggestedLead: { name: "科技局", departmentId: ID },
        suggestedSupporting: [],
        reasons: [],
      },
    },
  ],
  tasksByNode: [],
} as unknown as PlanDocument;

let fetchSpy: MockInstance<typeof fetch>;
beforeEach(() => {
  // queries of the forms (unit lists, history) fail without a server; what matters is that nothing is posted
  fetchSpy = vi
    .spyOn(globalThis, "fetch")
    .mockImplementation(async () => new Response(JSON.stringify([]), { status: 500 }));
});
afterEach(() => fetchSpy.mockRestore());
const posted = () =>
  fetchSpy.mock.calls.filter(([, init]) => String(init?.method ?? "GET").toUpperCase() === "POST");

type Case = {
  form: string;
  ui: () => ReactElement;
  field: string;
  max: number;
  message: RegExp;
  submit?: RegExp;
  text?: string;
};
const CASES: Case[] = [
  {
    form: "new user: name",
    ui: () => <UserModal jurisdictionId={ID} onClose={() => undefined} onSaved={() => undefined} />,
    field: "姓名",
    max: 60,
    message: /^姓名不能超过 60 个字/,
  },
  {
    form: "new user: email",
    ui: () => <UserModal jurisdictionId={ID} onClose={() => undefined} onSaved={() => undefined} />,
    field: "邮箱",
    max: 254,
    message: /邮箱不能超过 254 个字符/,
    text: `${"a".repeat(248)}@a.test`,
  },
  {
    form: "unit: name",
    ui: () => (
      <DepartmentModal
        department={null}
        jurisdictionId={ID}
        onClose={() => undefined}
        onSaved={() => undefined}
      />
    ),
    field: "单位名称",
    max: 100,
    message: /^单位名称不能超过 100 个字/,
  },
  {
    form: "unit: short name",
    ui: () => (
      <DepartmentModal
        department={null}
        jurisdictionId={ID}
        onClose={() => undefined}
        onSaved={() => undefined}
      />
    ),
    field: "简称",
    max: 40,
    message: /^简称不能超过 40 个字/,
  },
  {
    form: "milestone: title",
    ui: () => <Milestones task={task} canMark canAdd />,
    field: "节点名称",
    max: 200,
    message: /^节点名称不能超过 200 个字/,
    submit: /添加节点/,
  },
  {
    form: "redate: reason",
    ui: () => <RedateAction task={task} plan={plan} />,
    field: "原因",
    max: 500,
    message: /^调整原因不能超过 500 个字/,
    submit: /调整时限/,
  },
  {
    form: "reassign: reason",
    ui: () => <ReassignAction task={task} plan={plan} />,
    field: "原因",
    max: 500,
    message: /^调整原因不能超过 500 个字/,
    submit: /调整责任单位/,
  },
  {
    form: "status change: reason",
    ui: () => <StatusAction task={task} />,
    field: "原因",
    max: 500,
    message: /^原因不能超过 500 个字/,
  },
  {
    form: "indicator value: source",
    ui: () => <ObservationForm plan={plan} indicator={indicator} />,
    field: "数据来源",
    max: 200,
    message: /^数据来源不能超过 200 个字/,
    submit: /报\s*送/,
  },
  {
    form: "indicator value: note",
    ui: () => <ObservationForm plan={plan} indicator={indicator} />,
    field: "备注",
    max: 1000,
    message: /^备注不能超过 1000 个字/,
    submit: /报\s*送/,
  },
  {
    form: "review: comment",
    ui: () => <ReviewDrawer entry={queueEntry} onClose={() => undefined} />,
    field: "审核意见",
    max: 2000,
    message: /^审核意见不能超过 2000 个字/,
    submit: /退\s*回/,
  },
  {
    form: "ledger report: progress",
    ui: () => (
      <EntryForm
        target={{ kind: "submit", taskId: ID, cycleId: ID, departmentId: ID }}
        taskStatus="IN_PROGRESS"
        onDone={() => undefined}
      />
    ),
    field: "进展情况",
    max: 5000,
    message: /^进展情况不能超过 5000 个字/,
    submit: /提\s*交/,
  },
  {
    form: "import wizard: task title",
    ui: () => (
      <AssignTable
        doc={doc}
        departments={[{ id: ID, name: "科学技术局", active: true }]}
        onDone={() => undefined}
      />
    ),
    field: "一.（一） 任务名称",
    max: 300,
    message: /^任务名称不能超过 300 个字/,
    submit: /创建 1 项任务/,
  },
];

describe("a paste over a form's limit is kept whole and refused with the schema's message", () => {
  for (const c of CASES) {
    it(c.form, async () => {
      renderWithProviders(c.ui());
      const input = (await screen.findByLabelText(c.field)) as HTMLInputElement;
      // one more character than the limit, an emoji among them (counted as one, as the server counts)
      const text = c.text ?? `😀${"长".repeat(c.max)}`;
      await userEvent.clear(input);
      await userEvent.paste(text);
      expect(input.value).toBe(text);
      if (c.submit) await userEvent.click(screen.getByRole("button", { name: c.submit }));
      expect((await screen.findAllByText(c.message)).length).toBeGreaterThan(0);
      // the count shows the limit the server has
      expect(document.body.textContent).toContain(`${c.max + 1} / ${c.max}`);
      expect(input.value).toBe(text);
      expect(posted()).toEqual([]);
    });
  }

  it("at the limit exactly (an emoji counts one), nothing is refused", async () => {
    renderWithProviders(
      <UserModal jurisdictionId={ID} onClose={() => undefined} onSaved={() => undefined} />,
    );
    const input = (await screen.findByLabelText("姓名")) as HTMLInputElement;
    await userEvent.click(input);
    await userEvent.paste(`😀${"长".repeat(59)}`);
    await waitFor(() => expect(document.body.textContent).toContain("60 / 60"));
    expect(screen.queryByText(/^姓名不能超过/)).toBeNull();
  });

  it("the task search: over its limit, the schema's message and no search", async () => {
    const onSearch = vi.fn();
    renderWithProviders(
      <LimitedSearch
        schema={ZListTasksInput}
        field="search"
        aria-label="搜索"
        onSearch={onSearch}
      />,
    );
    const input = screen.getByRole("searchbox", { name: "搜索" }) as HTMLInputElement;
    await userEvent.click(input);
    await userEvent.paste("搜".repeat(101));
    await userEvent.keyboard("{Enter}");
    expect(await screen.findByText(/^搜索词不能超过 100 个字/)).toBeTruthy();
    expect(input.value).toHaveLength(101);
    expect(onSearch).not.toHaveBeenCalled();
    await userEvent.keyboard("{Backspace}{Enter}");
    expect(onSearch).toHaveBeenCalledWith("搜".repeat(100), expect.anything(), expect.anything());
  });
});

describe("numbers are neither clamped nor rounded behind the user's back", () => {
  it("ledger report: 0.8 in 完成比例 stays 0.8 and is explained (antd's precision made it 1)", async () => {
    renderWithProviders(
      <EntryForm
        target={{ kind: "submit", taskId: ID, cycleId: ID, departmentId: ID }}
        taskStatus="IN_PROGRESS"
        onDone={() => undefined}
      />,
    );
    const percent = (await screen.findByLabelText("完成比例（%）")) as HTMLInputElement;
    await userEvent.type(percent, "0.8");
    await userEvent.click(screen.getByRole("button", { name: /提\s*交/ }));
    expect(await screen.findByText(/0\.8 看起来是小数形式的百分比，请填 80/)).toBeTruthy();
    expect(percent.value).toBe("0.8");
    expect(posted()).toEqual([]);
  });

  it("indicator settings: a threshold of 150 % stays 150 and is refused (antd's max made it 100)", async () => {
    const row = {
      ...indicator,
      version: 0,
      responsibleDepartmentId: null,
      direction: "INCREASE",
      nature: "EXPECTED",
      trajectory: "LINEAR",
      accumulation: "LEVEL",
      atRiskThreshold: 0.1,
      offTrackThreshold: 0.2,
    } as unknown as IndicatorRow;
    renderWithProviders(<IndicatorSettings plan={plan} indicator={row} />);
    const threshold = (await screen.findByLabelText("严重滞后阈值")) as HTMLInputElement;
    await userEvent.clear(threshold);
    await userEvent.type(threshold, "150");
    await userEvent.click(screen.getByRole("button", { name: /保\s*存/ }));
    expect(await screen.findByText(/^严重滞后阈值应为 0–100 之间的百分数/)).toBeTruthy();
    expect(threshold.value).toBe("150");
    expect(posted()).toEqual([]);
  });
});
