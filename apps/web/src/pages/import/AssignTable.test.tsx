import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { renderWithProviders } from "../../test/render.tsx";
import type { PlanDocument } from "../indicators/types.ts";
import { AssignTable } from "./AssignStep.tsx";

const KEJI = "00000000-0000-4000-8000-000000000001";
const CAIZHENG = "00000000-0000-4000-8000-000000000002";
const node = (id: string, title: string, lead: string | null, leadName: string) => ({
  id,
  code: `一.（${id.slice(-1)}）`,
  number: "",
  title,
  body: `${title}正文`,
  candidate: {
    kind: "task",
    suggestedPhase: "LAUNCH",
    suggestedLead: { name: leadName, departmentId: lead },
    suggestedSupporting: [],
    reasons: [],
  },
});
const doc = {
  plan: {
    id: "00000000-0000-4000-8000-0000000000ff",
    status: "DRAFT",
    version: 0,
    periodStart: 2026,
    periodEnd: 2030,
  },
  phases: [{ key: "LAUNCH", name: "启动实施", startDate: "2026-01-01", endDate: "2027-12-31" }],
  nodes: [
    node("00000000-0000-4000-8000-00000000000a", "培育科技型企业", KEJI, "科技局"),
    node("00000000-0000-4000-8000-00000000000b", "建设人才驿站", null, "人才办"),
  ],
  tasksByNode: [],
} as unknown as PlanDocument;
const departments = [
  { id: KEJI, name: "科学技术局", active: true },
  { id: CAIZHENG, name: "财政局", active: true },
];

describe("import wizard: assignment table", () => {
  it("pre-fills the suggested lead and flags units the parser could not match", () => {
    renderWithProviders(
      <AssignTable doc={doc} departments={departments} onDone={() => undefined} />,
    );
    const rows = screen.getAllByRole("row").filter((r) => r.classList.contains("ant-table-row"));
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("科学技术局")).toBeTruthy();
    expect(within(rows[1]!).getByText("未匹配单位：人才办")).toBeTruthy();
    expect(screen.getByText("已选 2 项")).toBeTruthy();
    expect(screen.getByRole("button", { name: "创建 2 项任务" })).toBeTruthy();
  });
  it("refuses rows without a lead unit in place, before anything is sent", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const onDone = vi.fn();
    renderWithProviders(<AssignTable doc={doc} departments={departments} onDone={onDone} />);
    await userEvent.click(screen.getByRole("button", { name: "创建 2 项任务" }));
    expect(await screen.findByText("请为选中的任务选择牵头单位")).toBeTruthy();
    // the title is an input of its row (editable, counted against the schema's limit)
    const rowOf = (title: string) =>
      screen.getAllByRole("row").find((r) => within(r).queryByDisplayValue(title))!;
    const bad = rowOf("建设人才驿站");
    expect(within(bad).getByRole("alert").textContent).not.toBe("");
    const good = rowOf("培育科技型企业");
    expect(within(good).queryByRole("alert")).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
  it(
    "a division document's row: written units matched or new, the deadline read, notes",
    { timeout: 60_000 },
    () => {
      const division = {
        ...doc,
        nodes: [
          {
            ...doc.nodes[0]!,
            candidate: {
              kind: "task",
              suggestedPhase: "ADVANCE",
              suggestedLead: { name: "财政局", departmentId: CAIZHENG },
              suggestedSupporting: [],
              reasons: [],
              leadText: "县科技局、县人才办",
              supportText: "各乡镇",
              deadline: { kind: "date", date: "2035-06-30", text: "2035年6月底前" },
            },
          },
        ],
      } as unknown as PlanDocument;
      renderWithProviders(
        <AssignTable
          doc={division}
          departments={departments.map((d) => (d.id === KEJI ? { ...d, shortName: "科技局" } : d))}
          onDone={() => undefined}
        />,
      );
      const row = screen.getAllByRole("row").find((r) => r.classList.contains("ant-table-row"))!;
      // the written lead, not the keyword guess 财政局
      expect(within(row).getAllByText("科学技术局").length).toBeGreaterThan(0);
      expect(within(row).queryByText("财政局")).toBeNull();
      expect(within(row).getByText("县人才办 · 新单位？")).toBeTruthy();
      expect(within(row).getByText("各乡镇 · 多个单位")).toBeTruthy();
      expect(within(row).getByDisplayValue("2030-12-31")).toBeTruthy();
      expect(
        within(row).getByText("原文时限 2035-06-30 超出规划期，已调整为 2030-12-31"),
      ).toBeTruthy();
    },
  );
});
