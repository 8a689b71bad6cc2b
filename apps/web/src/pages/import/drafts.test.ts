import { describe, expect, it } from "vitest";

import {
  draftBatches,
  draftsFromDocument,
  validateDrafts,
  withPhase,
  type DocPhase,
  type DraftSource,
} from "./drafts.ts";

const LEAD = "00000000-0000-4000-8000-000000000001";
const SUP = "00000000-0000-4000-8000-000000000002";
const NODE = "00000000-0000-4000-8000-0000000000aa";
const phases: DocPhase[] = [
  { key: "LAUNCH", name: "启动实施", startDate: "2026-01-01", endDate: "2027-12-31" },
  { key: "MIDTERM", name: "中期评估", startDate: "2028-01-01", endDate: "2028-12-31" },
  { key: "CLOSE", name: "总结收官", startDate: "2030-01-01", endDate: "2030-12-31" },
];
const departments = [
  { id: LEAD, name: "科学技术局", shortName: "科技局", active: true },
  { id: SUP, name: "财政局", active: true },
];
/** The rows the wizard opens with, for these nodes of a 2026–2030 plan. */
const draftsOf = (nodes: DraftSource["nodes"], taken = new Set<string>()) =>
  draftsFromDocument(
    { plan: { periodStart: 2026, periodEnd: 2030 }, phases, nodes },
    departments,
    taken,
  );
const candidate = {
  kind: "task",
  suggestedPhase: "MIDTERM",
  suggestedLead: { name: "科技局", departmentId: LEAD },
  suggestedSupporting: [
    { name: "财政局", departmentId: SUP },
    { name: "某办", departmentId: null },
  ],
  reasons: [],
};

describe("import drafts", () => {
  it("pre-fills owners, phase and dates from the suggestions", () => {
    const [row] = draftsOf([
      {
        id: NODE,
        code: "一.（一）",

        title: "建设创新平台",
        body: "正文",
        candidate,
      },
    ]);
    expect(row).toMatchObject({
      nodeId: NODE,
      title: "建设创新平台",
      leadDepartmentId: LEAD,
      supportingDepartmentIds: [SUP],
      phaseKey: "MIDTERM",
      startDate: "2026-01-01",
      dueDate: "2028-12-31",
      unmatched: ["某办"],
    });
  });
  it("skips nodes without a candidate or with a task already", () => {
    expect(draftsOf([{ id: NODE, code: "x", title: "t", body: "", candidate: null }])).toEqual([]);
    expect(
      draftsOf([{ id: NODE, code: "x", title: "t", body: "", candidate }], new Set([NODE])),
    ).toEqual([]);
  });
  it("reports rows the server would reject, with its message", () => {
    const [row] = draftsOf([
      {
        id: NODE,
        code: "x",

        title: "t",
        body: "",
        candidate: { ...candidate, suggestedLead: null },
      },
    ]);
    const result = validateDrafts([row!]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.get(NODE)).toMatch(/编号|id/);
    const fixed = validateDrafts([
      { ...row!, leadDepartmentId: LEAD, supportingDepartmentIds: [LEAD] },
    ]);
    expect(fixed.ok).toBe(false);
    if (!fixed.ok) expect(fixed.errors.get(NODE)).toMatch(/牵头单位不能同时是配合单位/);
    expect(validateDrafts([{ ...row!, leadDepartmentId: LEAD }]).ok).toBe(true);
  });
  it("moves the due date with the phase", () => {
    const [row] = draftsOf([{ id: NODE, code: "x", title: "t", body: "", candidate }]);
    expect(withPhase(row!, phases[2]).dueDate).toBe("2030-12-31");
  });
  it("cuts nothing: an over-long title or text is kept and refused with the schema's message", () => {
    const long = "长".repeat(5001);
    const [row] = draftsOf([
      { id: NODE, code: "x", title: "题".repeat(301), body: long, candidate },
    ]);
    expect(row!.title).toHaveLength(301);
    expect(row!.description).toBe(long);
    const result = validateDrafts([row!]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.get(NODE)).toMatch(/^任务名称不能超过 300 个字/);
  });
  it("a title made from the text ends on a whole character (never half an emoji)", () => {
    const [row] = draftsOf([
      { id: NODE, code: "x", title: "", body: `${"文".repeat(59)}😀后文`, candidate },
    ]);
    expect(row!.title).toBe(`${"文".repeat(59)}😀`);
  });
  it("sends a large selection in calls of at most 500 tasks and about 256 KB", () => {
    const [row] = draftsOf([
      { id: NODE, code: "x", title: "t", body: "正".repeat(2000), candidate },
    ]);
    const result = validateDrafts([{ ...row!, leadDepartmentId: LEAD }]);
    if (!result.ok) throw new Error("draft refused");
    const drafts = Array.from({ length: 1200 }, () => result.drafts[0]!);
    const batches = draftBatches(drafts);
    expect(batches.flat()).toHaveLength(1200);
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(500);
      expect(new TextEncoder().encode(JSON.stringify(b)).length).toBeLessThanOrEqual(
        256 * 1024 + 1024,
      );
    }
    expect(
      draftBatches(
        Array.from({ length: 1001 }, () => ({ ...result.drafts[0]!, description: "" })),
      ).map((b) => b.length),
    ).toEqual([500, 500, 1]);
  });
});
