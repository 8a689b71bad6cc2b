// Candidate tasks: the actionable leaves of the plan, 专栏 items, and 保障措施 measures.
import { suggestDepartments, suggestPhase, type Directory } from "./suggest.ts";
import type { Box, CandidateTask, ParsedNode } from "./types.ts";

/** Headings about the past, the situation or the goals: they describe, they do not assign work. */
const NOT_TASK =
  /前言|发展基础|发展现状|现状|基础与形势|面临形势|形势|态势|机遇|挑战|存在问题|主要问题|短板|发展成就|成效|回顾|指导思想|基本原则|总体思路|发展思路|发展目标|主要目标|总体目标|主要指标|发展定位|战略定位|总体要求|编制依据|规划依据/u;
const MEASURE =
  /保障措施|保障机制|实施保障|规划实施|组织保障|实施与保障|^组织实施(?:与|$)|^实施机制$/u;
const HEADING_KINDS = new Set(["part", "chapter", "section", "subsection", "item"]);

export const candidateTasks = (
  nodes: readonly ParsedNode[],
  boxes: readonly Box[],
  dir: Directory,
): CandidateTask[] => {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const hasHeadingChild = new Set(
    nodes
      .filter((n) => HEADING_KINDS.has(n.kind) && n.parentCode)
      .map((n) => n.parentCode as string),
  );
  const context = (code: string | null): { excluded: string | null; measure: boolean } => {
    let excluded: string | null = null;
    let measure = false;
    for (
      let n = code ? byCode.get(code) : undefined;
      n;
      n = n.parentCode ? byCode.get(n.parentCode) : undefined
    ) {
      if (!excluded && NOT_TASK.test(n.title) && !MEASURE.test(n.title)) excluded = n.title;
      if (MEASURE.test(n.title)) measure = true;
    }
    return { excluded, measure };
  };
  const boxItemsOf = new Map(boxes.map((b) => [b.code, b]));
  const out: CandidateTask[] = [];
  for (const n of nodes) {
    if (HEADING_KINDS.has(n.kind)) {
      if (hasHeadingChild.has(n.code) || n.kind === "part") continue;
      const ctx = context(n.code);
      if (ctx.excluded) continue;
      const kind = ctx.measure ? "measure" : "task";
      out.push(
        make(dir, n.code, kind, n.title, n.body, [
          ctx.measure ? "位于保障措施类章节 → 保障措施" : "主要任务类章节中的末级条目 → 任务",
        ]),
      );
    } else if (n.kind === "boxItem") {
      const box = n.parentCode ? boxItemsOf.get(n.parentCode) : undefined;
      if (context(box?.parentCode ?? null).excluded) continue;
      out.push(
        make(dir, n.code, "boxItem", n.title, n.body || n.title, [
          `专栏“${box?.title ?? ""}”中的条目 → 任务`,
        ]),
      );
    }
  }
  return out;
};

const make = (
  dir: Directory,
  nodeCode: string,
  kind: CandidateTask["kind"],
  title: string,
  description: string,
  why: string[],
): CandidateTask => {
  const phase = suggestPhase(title, description);
  const deps = suggestDepartments(dir, title, description);
  return {
    nodeCode,
    kind,
    title,
    description,
    suggestedPhase: phase.phase,
    suggestedLead: deps.lead,
    suggestedSupporting: deps.supporting,
    reasons: [...why, phase.reason, ...deps.reasons],
  };
};
