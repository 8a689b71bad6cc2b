import { readFile } from "node:fs/promises";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { DEFAULT_DEPARTMENTS, parsePlan, type ParseResult } from "@duban/plan-parser";

import { ZTaskDraft } from "../schemas/plan.ts";
import { defaultPhases, type CandidateSuggestion } from "./phases.ts";
import {
  draftsFromCandidates,
  type CandidateNode,
  type DirectoryUnit,
  type DraftPlan,
} from "./task-drafts.ts";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
/** The demo's directory: the parser's default units, as a jurisdiction would have them. */
const directory: DirectoryUnit[] = DEFAULT_DEPARTMENTS.map((d, i) => ({
  id: uuid(i + 1),
  name: d.name,
  shortName: d.shortName ?? null,
  active: true,
}));
const idOf = (name: string) =>
  directory.find((d) => d.name === name || d.shortName === name)?.id ?? null;

/** The candidate nodes as importPlan stores them: suggestions with the units matched by name. */
function storedNodes(result: ParseResult): CandidateNode[] {
  const candidates = new Map(result.candidateTasks.map((c) => [c.nodeCode, c]));
  return result.nodes.map((n, i) => {
    const c = candidates.get(n.code);
    const candidate: CandidateSuggestion | null = c
      ? {
          kind: c.kind,
          suggestedPhase: c.suggestedPhase,
          suggestedLead: c.suggestedLead
            ? { name: c.suggestedLead, departmentId: idOf(c.suggestedLead) }
            : null,
          suggestedSupporting: c.suggestedSupporting.map((name) => ({
            name,
            departmentId: idOf(name),
          })),
          reasons: c.reasons,
        }
      : null;
    return { id: uuid(1000 + i), code: n.code, title: n.title, body: n.body, candidate };
  });
}

const LEAD = uuid(1);
const SUP = uuid(2);
const plan2026: DraftPlan = {
  periodStart: 2026,
  periodEnd: 2030,
  phases: defaultPhases(2026, 2030),
};
const suggestion = (patch: Partial<CandidateSuggestion> = {}): CandidateSuggestion => ({
  kind: "task",
  suggestedPhase: "MIDTERM",
  suggestedLead: { name: "科技局", departmentId: LEAD },
  suggestedSupporting: [{ name: "发展改革局", departmentId: SUP }],
  reasons: [],
  ...patch,
});
const node = (candidate: unknown, patch: Partial<CandidateNode> = {}): CandidateNode => ({
  id: uuid(500),
  code: "一.（一）",
  title: "建设创新平台",
  body: "正文",
  candidate,
  ...patch,
});
const one = (
  candidate: unknown,
  plan = plan2026,
  options: { defaultLeadId?: string } = {},
  units = directory,
) => {
  const drafts = draftsFromCandidates([node(candidate)], plan, units, options);
  expect(drafts).toHaveLength(1);
  return drafts[0]!;
};

describe("task drafts from both seed plans", () => {
  for (const file of ["xifeng-county-14th-fyp-sti-plan.txt", "zunyi-city-14th-fyp-sti-plan.txt"]) {
    it(`${file}: one valid draft per candidate, on the plan's own roadmap`, async () => {
      const text = await readFile(
        path.resolve(import.meta.dirname, "../../../../seeds", file),
        "utf8",
      );
      const result = parsePlan(text, {});
      const period = result.period!;
      const phases = defaultPhases(period.start, period.end);
      const nodes = storedNodes(result);
      const drafts = draftsFromCandidates(
        nodes,
        { periodStart: period.start, periodEnd: period.end, phases },
        directory,
        { defaultLeadId: LEAD },
      );
      expect(drafts.length).toBeGreaterThan(10);
      expect(drafts.map((d) => d.code)).toEqual(result.candidateTasks.map((c) => c.nodeCode));
      for (const draft of drafts) {
        const { code: _code, unmatched, ...fields } = draft;
        const parsed = ZTaskDraft.safeParse(fields);
        expect(parsed.success, `${draft.code}: ${parsed.error?.issues[0]?.message}`).toBe(true);
        const candidate = result.candidateTasks.find((c) => c.nodeCode === draft.code)!;
        const phase = phases.find((p) => p.key === candidate.suggestedPhase)!;
        expect(draft).toMatchObject({
          leadDepartmentId: (candidate.suggestedLead && idOf(candidate.suggestedLead)) ?? LEAD,
          phaseKey: phase.key,
          startDate: `${period.start}-01-01`,
          dueDate: phase.endDate,
          milestones: [],
        });
        expect(draft.supportingDepartmentIds).not.toContain(draft.leadDepartmentId);
        expect(unmatched).toEqual(
          [candidate.suggestedLead, ...candidate.suggestedSupporting].filter(
            (name): name is string => !!name && !idOf(name),
          ),
        );
      }
    });
  }
});

describe("task drafts: fallbacks", () => {
  it("takes the suggested units, phase and dates", () => {
    expect(one(suggestion())).toEqual({
      nodeId: uuid(500),
      code: "一.（一）",
      title: "建设创新平台",
      description: "正文",
      leadDepartmentId: LEAD,
      supportingDepartmentIds: [SUP],
      phaseKey: "MIDTERM",
      startDate: "2026-01-01",
      dueDate: "2028-12-31",
      milestones: [],
      unmatched: [],
      leadText: null,
      supportText: null,
      deadlineText: null,
      leadUnits: [],
      supportUnits: [],
      deadline: null,
      collective: [],
      notes: [],
    });
  });

  it("a 完成时限 gives the due date, the phase holding it, or milestones every period", () => {
    const at = (deadline: CandidateSuggestion["deadline"]) => one(suggestion({ deadline }));
    expect(at({ kind: "date", date: "2027-06-30", text: "2027年6月底前" })).toMatchObject({
      dueDate: "2027-06-30",
      phaseKey: "LAUNCH",
      deadlineText: "2027年6月底前",
      notes: [],
    });
    // before the plan: its first day, said on the row
    expect(at({ kind: "date", date: "2023-06-30", text: "2023年6月底前" })).toMatchObject({
      dueDate: "2026-01-01",
      notes: [{ code: "deadlineClamped", written: "2023-06-30", dueDate: "2026-01-01" }],
    });
    expect(at({ kind: "ongoing", text: "长期坚持" })).toMatchObject({
      dueDate: "2030-12-31",
      phaseKey: "CLOSE",
      milestones: [],
    });
    const yearly = at({ kind: "recurring", every: "year", text: "每年年底前" });
    expect(yearly.milestones.map((m) => m.dueDate)).toEqual(
      [2026, 2027, 2028, 2029, 2030].map((y) => `${y}-12-31`),
    );
    expect(yearly.milestones[0]!.title).toBe("2026年度");
    // 60 months would bury the task: quarters instead, noted
    const monthly = at({ kind: "recurring", every: "month", text: "每月" });
    expect(monthly.milestones).toHaveLength(20);
    expect(monthly.milestones[0]).toEqual({ title: "2026年第1季度", dueDate: "2026-03-31" });
    expect(monthly.notes).toEqual([
      { code: "recurringCoarsened", every: "month", used: "quarter" },
    ]);
    expect(ZTaskDraft.safeParse({ ...monthly, leadDepartmentId: LEAD }).success).toBe(true);
  });

  it("a written unit is matched or proposed, never replaced by the keyword guess", () => {
    const d = one(
      suggestion({
        suggestedLead: { name: directory[0]!.name, departmentId: LEAD },
        leadText: "县人才办",
        supportText: "各乡镇（街道）、县科技局",
      }),
    );
    expect(d.leadDepartmentId).toBeNull();
    expect(d.unmatched).toEqual(["县人才办"]);
    expect(d.collective).toEqual(["各乡镇（街道）"]);
    expect(d.supportingDepartmentIds).toEqual([idOf("科技局")]);
  });

  it("a candidate without a phase, or with one the plan does not know, is due at the plan's end", () => {
    for (const suggestedPhase of [undefined, null, "SOMEDAY"])
      expect(one({ ...suggestion(), suggestedPhase })).toMatchObject({
        phaseKey: "CLOSE",
        startDate: "2026-01-01",
        dueDate: "2030-12-31",
      });
  });

  it("places a suggested phase on a roadmap the office changed, by where it ends", () => {
    const plan = {
      ...plan2026,
      phases: [
        { key: "P1", startDate: "2026-01-01", endDate: "2026-12-31" },
        { key: "P2", startDate: "2027-01-01", endDate: "2029-06-30" },
        { key: "P3", startDate: "2029-07-01", endDate: "2030-12-31" },
      ],
    };
    // MIDTERM ends 2028-12-31 on the default roadmap: inside P2
    expect(one(suggestion(), plan)).toMatchObject({ phaseKey: "P2", dueDate: "2029-06-30" });
    expect(one(suggestion({ suggestedPhase: "LAUNCH" }), plan)).toMatchObject({
      phaseKey: "P2",
    });
    expect(one(suggestion({ suggestedPhase: "CLOSE" }), plan)).toMatchObject({ phaseKey: "P3" });
  });

  it("a plan shorter than four years has one phase, and every task falls in it", () => {
    const plan = { periodStart: 2026, periodEnd: 2028, phases: defaultPhases(2026, 2028) };
    expect(one(suggestion({ suggestedPhase: "CLOSE" }), plan)).toMatchObject({
      phaseKey: "LAUNCH",
      dueDate: "2028-12-31",
    });
  });

  it("a plan without phases gives no phase and the plan's last day", () => {
    expect(one(suggestion(), { ...plan2026, phases: [] })).toMatchObject({
      phaseKey: null,
      startDate: "2026-01-01",
      dueDate: "2030-12-31",
    });
  });

  it("keeps a phase that runs past the plan inside the plan period", () => {
    const plan = {
      ...plan2026,
      phases: [{ key: "ALL", startDate: "2026-01-01", endDate: "2031-12-31" }],
    };
    expect(one(suggestion(), plan).dueDate).toBe("2030-12-31");
  });

  it("without a lead unit: none (the office chooses), or the caller's default", () => {
    const noLead = suggestion({ suggestedLead: null });
    expect(one(noLead)).toMatchObject({ leadDepartmentId: null, supportingDepartmentIds: [SUP] });
    expect(one(noLead, plan2026, { defaultLeadId: SUP })).toMatchObject({
      leadDepartmentId: SUP,
      supportingDepartmentIds: [],
    });
    expect(ZTaskDraft.safeParse({ ...one(noLead), leadDepartmentId: "" }).success).toBe(false);
  });

  it("unknown department names are listed, never guessed", () => {
    const draft = one(
      suggestion({
        suggestedLead: { name: "某某中心", departmentId: null },
        suggestedSupporting: [
          { name: "财政局", departmentId: null },
          { name: "某办", departmentId: null },
          { name: "某办", departmentId: null },
        ],
      }),
    );
    expect(draft).toMatchObject({
      leadDepartmentId: null,
      // 财政局 is in the directory: a unit added after the import is found by its name
      supportingDepartmentIds: [idOf("财政局")],
      unmatched: ["某某中心", "某办"],
    });
  });

  it("a unit deactivated since the import is not assigned", () => {
    const units = directory.map((d) => (d.id === LEAD ? { ...d, active: false } : d));
    expect(one(suggestion(), plan2026, {}, units)).toMatchObject({
      leadDepartmentId: null,
      unmatched: ["科技局"],
    });
  });

  it("the lead is never also a supporting unit, and supporting units are distinct", () => {
    const draft = one(
      suggestion({
        suggestedSupporting: [
          { name: "科技局", departmentId: LEAD },
          { name: "发展改革局", departmentId: SUP },
          { name: "发改局", departmentId: SUP },
        ],
      }),
    );
    expect(draft.supportingDepartmentIds).toEqual([SUP]);
  });

  it("skips nodes without a readable suggestion", () => {
    expect(
      draftsFromCandidates(
        [node(null), node("text"), node({ suggestedSupporting: "x" })],
        plan2026,
        directory,
      ),
    ).toEqual([]);
  });

  it("titles a heading-less item by its first 60 whole characters, or its code", () => {
    const body = `${"文".repeat(59)}😀后文`;
    const [fromText, fromCode] = draftsFromCandidates(
      [node(suggestion(), { title: "", body }), node(suggestion(), { title: "", body: "" })],
      plan2026,
      directory,
    );
    expect(fromText).toMatchObject({ title: `${"文".repeat(59)}😀`, description: body });
    expect(fromCode!.title).toBe("一.（一）");
  });

  it("cuts nothing: an over-long text is kept for the schema to refuse", () => {
    const long = "长".repeat(5001);
    const [kept] = draftsFromCandidates([node(suggestion(), { body: long })], plan2026, directory);
    expect(kept!.description).toBe(long);
    const { code: _code, unmatched: _unmatched, ...fields } = kept!;
    expect(ZTaskDraft.safeParse(fields).error?.issues[0]?.message).toMatch(/^任务说明不能超过/);
  });
});
