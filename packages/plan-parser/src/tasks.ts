// Candidate tasks: the actionable leaves of the plan, 专栏 items, and 保障措施 measures. In a
// task-division document (分工方案), every item is a task with the units written on it.
import { readDeadline } from "./deadline.ts";
import { headingLabel, type HeadingKind } from "./headings.ts";
import { readResponsibility, simplify, type Responsibility } from "./responsibility.ts";
import { suggestDepartments, suggestPhase, type Directory } from "./suggest.ts";
import { trimTitle } from "./text.ts";
import type { Box, CandidateTask, DocumentKind, ParsedNode, ParseWarning } from "./types.ts";
import { isCollectiveUnit, matchUnit, type UnitMatch } from "./units.ts";

/** Headings about the past, the situation or the goals: they describe, they do not assign work. */
const NOT_TASK =
  /前言|发展基础|发展现状|现状|基础与形势|面临形势|形势|态势|机遇|挑战|存在问题|主要问题|短板|发展成就|成效|回顾|指导思想|基本原则|总体思路|发展思路|发展目标|主要目标|总体目标|工作目标|主要指标|发展定位|战略定位|总体要求|编制依据|规划依据/u;
const MEASURE =
  /保障措施|保障机制|实施保障|规划实施|组织保障|实施与保障|^组织实施(?:与|$)|^实施机制$/u;
const HEADING_KINDS = new Set(["part", "chapter", "section", "subsection", "item"]);

export type TaskContext = {
  kind: DocumentKind;
  period: { start: number; end: number } | null;
  /** where DIVISION_UNREADABLE / DEADLINE_UNREADABLE / NO_LEAD_UNIT go */
  warnings: ParseWarning[];
  /** nodes whose tasks are made elsewhere (a 分工表 in the text: division-text-table.ts) */
  skip?: ReadonlySet<string>;
};

/**
 * The candidate tasks of a parsed document. In a plan: leaf headings outside the 形势/目标
 * chapters, 专栏 items, 保障措施. In a division document every leaf heading is a task, those under
 * 主要目标/主要指标 too when they carry a unit annotation (NOT_TASK then only drops items with
 * none). Written 牵头/配合单位 and 完成时限 (readResponsibility) are kept verbatim on the
 * candidate and matched to the directory with matchUnit; an item without its own annotation takes
 * its nearest ancestor's (`（一）优化营商环境（牵头单位：县发改局）` over its items).
 */
export const candidateTasks = (
  nodes: readonly ParsedNode[],
  boxes: readonly Box[],
  dir: Directory,
  ctx: TaskContext = { kind: "plan", period: null, warnings: [] },
): CandidateTask[] => {
  const division = ctx.kind === "division";
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
      // `一、總體目標`: headings in traditional characters are read like simplified ones
      const title = simplify(n.title);
      if (!excluded && NOT_TASK.test(title) && !MEASURE.test(title)) excluded = n.title;
      if (MEASURE.test(title)) measure = true;
    }
    return { excluded, measure };
  };
  const boxItemsOf = new Map(boxes.map((b) => [b.code, b]));
  const ancestors = new Map<string, Responsibility>();
  const out: CandidateTask[] = [];
  for (const n of nodes) {
    if (ctx.skip?.has(n.code)) continue;
    if (HEADING_KINDS.has(n.kind)) {
      if (division && hasHeadingChild.has(n.code)) warnNumberedIntro(ctx.warnings, n, nodes);
      if (hasHeadingChild.has(n.code) || n.kind === "part") continue;
      const where = context(n.code);
      const written = annotationOf(n);
      const inherited = division && !hasUnits(written.all) ? inheritedAnnotation(n) : null;
      const annotated = hasUnits(written.all) || inherited !== null;
      if (where.excluded && (!division || !annotated)) continue;
      const kind = where.measure ? "measure" : "task";
      const why = [
        where.measure
          ? "位于保障措施类章节 → 保障措施"
          : division
            ? where.excluded
              ? `分工方案中“${where.excluded}”下写明单位的条目 → 任务`
              : "分工方案中的条目 → 任务"
            : "主要任务类章节中的末级条目 → 任务",
      ];
      const plain = !division && !hasAny(written.all);
      out.push(make(dir, ctx, n, kind, why, plain ? null : { ...written, inherited }));
    } else if (n.kind === "boxItem") {
      const box = n.parentCode ? boxItemsOf.get(n.parentCode) : undefined;
      if (context(box?.parentCode ?? null).excluded) continue;
      const written = annotationOf(n);
      const plain = !division && !hasAny(written.all);
      out.push(
        make(
          dir,
          ctx,
          { ...n, body: n.body || n.title },
          "boxItem",
          [`专栏“${box?.title ?? ""}”中的条目 → 任务`],
          plain ? null : { ...written, body: written.body || written.title, inherited: null },
        ),
      );
    }
  }
  if (division) summariseNoLead(ctx.warnings, out.length);
  return out;

  /** The nearest ancestor heading whose own title or body names units (each read once). */
  function inheritedAnnotation(n: ParsedNode): Inherited | null {
    for (
      let a = n.parentCode ? byCode.get(n.parentCode) : undefined;
      a;
      a = a.parentCode ? byCode.get(a.parentCode) : undefined
    ) {
      let r = ancestors.get(a.code);
      if (!r) {
        r = readResponsibility(`${a.title}\n${a.body}`);
        ancestors.set(a.code, r);
      }
      if (hasUnits(r)) return { r, from: a };
    }
    return null;
  }
};

type Inherited = { r: Responsibility; from: ParsedNode };
type Written = { all: Responsibility; title: string; body: string; inherited: Inherited | null };

/** `…。4.推进…` / a paragraph `4.推进…` inside a body: an item glued into the one before it. */
// also `3）加快…` / `3)`: a numbering the heading reader does not take, so the item stays glued
const ITEM_INSIDE = /(?:^|[。；;）)])\s*(\d{1,3}\s*(?:[.．、](?![\d.．%])|[）)])[^\n。]{1,20})/gmu;

/** `（1）道路交通：…`, `(2)`, `①`: a numbered paragraph, the form sub-tasks take in an intro. */
const NUMBERED_PARAGRAPH = /(?:^|[。；;\n])\s*((?:[（(]\d{1,2}[）)]|[①-⑳])[^\n。；;]{1,20})/u;

/**
 * Division document: a heading with items under it whose own text (before its first item) holds
 * numbered paragraphs (`二、专项整治` + `（1）道路交通：…（2）建筑施工：…` + `4．…`). Those read like
 * tasks but are not headings (`（1）` is not a task level), and the heading is no task because it
 * has items: say so, naming the lines, rather than leave them in a body nobody imports.
 */
const warnNumberedIntro = (
  warnings: ParseWarning[],
  n: ParsedNode,
  nodes: readonly ParsedNode[],
): void => {
  const m = NUMBERED_PARAGRAPH.exec(n.body);
  if (!m) return;
  const firstChild = nodes.find((c) => c.parentCode === n.code);
  const end = Math.max(n.lineStart, (firstChild?.lineStart ?? n.lineEnd + 1) - 1);
  warnings.push({
    code: "ITEM_IN_BODY",
    message: `第 ${n.lineStart}–${end} 行“${headingLabel(n.kind as HeadingKind, n.number, n.title).slice(0, 24)}”下、第一个条目之前的编号段落“${m[1]}…”不是任务条目，未导入为任务，请检查`,
    line: n.lineStart,
  });
};

const hasUnits = (r: Responsibility): boolean => r.leadText !== null || r.supportText !== null;
const hasAny = (r: Responsibility): boolean => hasUnits(r) || r.deadlineText !== null;

/** A node's annotations, and its title and body without them. */
const annotationOf = (n: ParsedNode): Omit<Written, "inherited"> => {
  // lines are read one by one, so the body's rest is the whole rest after the title's line
  const all = readResponsibility(`${n.title}\n${n.body}`);
  const title = readResponsibility(n.title).rest;
  const body =
    title === ""
      ? all.rest
      : all.rest.startsWith(title)
        ? all.rest.slice(title.length).trimStart()
        : all.rest;
  return { all, title: trimTitle(title), body };
};

/** Written names in traditional characters (`縣科技局`) match the directory after simplifying. */
const matched = new WeakMap<object, Map<string, UnitMatch | null>>();
const match = (written: string, dir: Directory): UnitMatch | null => {
  // a document names the same few units on every item: match each written name once
  let cache = matched.get(dir.entries);
  if (!cache) {
    cache = new Map();
    matched.set(dir.entries, cache);
  }
  let hit = cache.get(written);
  if (hit === undefined) {
    hit = matchUnit(written, dir.entries) ?? matchUnit(simplify(written), dir.entries);
    cache.set(written, hit);
  }
  return hit;
};

const lines = (n: ParsedNode): string =>
  n.lineEnd > n.lineStart ? `第 ${n.lineStart}–${n.lineEnd} 行` : `第 ${n.lineStart} 行`;

/**
 * One candidate. `written` null: a plan item without annotations, suggested from keywords as
 * before. Otherwise the written units decide: the first written lead unit matched (matchUnit) is
 * suggestedLead, null when it is not in the directory; further lead units and the written
 * supporting units that match are suggestedSupporting. Keywords only when no unit is written.
 */
const make = (
  dir: Directory,
  ctx: TaskContext,
  n: ParsedNode,
  kind: CandidateTask["kind"],
  why: string[],
  written: Written | null,
): CandidateTask => {
  const title = written?.title || n.title;
  const description = written ? written.body : n.body;
  const phase = suggestPhase(title, description);
  const base = { nodeCode: n.code, kind, title, description, suggestedPhase: phase.phase };
  if (!written) {
    const deps = suggestDepartments(dir, title, description);
    return {
      ...base,
      suggestedLead: deps.lead,
      suggestedSupporting: deps.supporting,
      reasons: [...why, phase.reason, ...deps.reasons],
    };
  }
  const own = written.all;
  const r = hasUnits(own) ? own : (written.inherited?.r ?? own);
  const label = headingText(n);
  const reasons = [...why, phase.reason];
  if (written.inherited && r === written.inherited.r)
    reasons.push(`条目未写单位，沿用上级“${written.inherited.from.title}”写明的单位`);
  for (const u of own.unreadable)
    if (ctx.kind === "division")
      ctx.warnings.push({
        code: "DIVISION_UNREADABLE",
        message: `${lines(n)}“${u}”像是责任单位标注，但读不出单位，请在导入时手工填写（条目“${label}”）`,
        line: n.lineStart,
      });

  // a numbered item whose number does not continue the sequence stays in the body of the item
  // before it (build.ts): in a division document that hides a task, so say so
  if (ctx.kind === "division")
    for (const m of n.body.matchAll(ITEM_INSIDE)) {
      const item = m[1] ?? "";
      ctx.warnings.push({
        code: "ITEM_IN_BODY",
        message: `${lines(n)}条目“${label}”的正文中有编号段落“${item}…”，编号与前后条目不连续，未单列为任务，请检查`,
        line: n.lineStart,
      });
    }

  const deadlineText = own.deadlineText ?? written.inherited?.r.deadlineText ?? null;
  const deadline = deadlineText === null ? null : readDeadline(deadlineText, ctx.period);
  if (deadlineText !== null && deadline === null)
    ctx.warnings.push({
      code: "DEADLINE_UNREADABLE",
      message: `${lines(n)}条目“${label}”的完成时限“${deadlineText}”无法识别为日期、长期或定期，请手工填写`,
      line: n.lineStart,
    });
  if (deadline) reasons.push(`写明完成时限“${deadline.text}”`);

  let lead: string | null = null;
  const supporting: string[] = [];
  if (hasUnits(r)) {
    r.leadUnits.forEach((u, i) => {
      const m = match(u, dir);
      const role = i === 0 ? "牵头单位" : "共同牵头单位";
      if (m && i === 0) lead = m.name;
      else if (m && !supporting.includes(m.name)) supporting.push(m.name);
      reasons.push(
        m
          ? `写明${role}“${u}” → ${m.name}${i > 0 ? "（列为配合单位）" : ""}`
          : isCollectiveUnit(u)
            ? `写明${role}“${u}”，指多个单位，需分解落实`
            : `写明${role}“${u}”，目录中无此单位`,
      );
    });
    if (r.leadUnits.length === 0) reasons.push("未写明牵头单位");
    for (const u of r.supportUnits) {
      const m = match(u, dir);
      if (m && m.name !== lead && !supporting.includes(m.name)) supporting.push(m.name);
      reasons.push(
        m
          ? `写明配合单位“${u}” → ${m.name}`
          : isCollectiveUnit(u)
            ? `写明配合单位“${u}”，指多个单位，需分解落实`
            : `写明配合单位“${u}”，目录中无此单位`,
      );
    }
  } else {
    const deps = suggestDepartments(dir, title, description);
    lead = deps.lead;
    supporting.push(...deps.supporting);
    reasons.push(...deps.reasons);
  }
  if (ctx.kind === "division" && r.leadUnits.length === 0)
    ctx.warnings.push({
      code: "NO_LEAD_UNIT",
      message: `${lines(n)}条目“${label}”没有写明牵头单位${lead ? `，按关键词建议为${lead}，请确认` : "，请在导入时指定"}`,
      line: n.lineStart,
    });
  return {
    ...base,
    suggestedLead: lead,
    suggestedSupporting: supporting,
    reasons,
    leadText: r.leadText,
    supportText: r.supportText,
    leadUnits: r.leadUnits,
    supportUnits: r.supportUnits,
    deadline,
  };
};

const headingText = (n: ParsedNode): string => {
  const t = n.title.length > 30 ? `${n.title.slice(0, 30)}…` : n.title;
  return n.kind === "item" ? `${n.number}.${t}` : `${n.number}${t}`;
};

/**
 * A division document where no item names a lead (a 行动计划 written like a plan) would get one
 * NO_LEAD_UNIT per task: one warning listing their lines says the same.
 */
const summariseNoLead = (warnings: ParseWarning[], tasks: number): void => {
  const noLead = warnings.filter((w) => w.code === "NO_LEAD_UNIT");
  if (noLead.length <= 3 || noLead.length < tasks) return;
  const lines = noLead.map((w) => w.line ?? 0);
  const shown = lines.slice(0, 20).join("、") + (lines.length > 20 ? "…" : "");
  const kept = warnings.filter((w) => w.code !== "NO_LEAD_UNIT");
  warnings.length = 0;
  warnings.push(...kept, {
    code: "NO_LEAD_UNIT",
    message: `全部 ${noLead.length} 项任务都没有写明牵头单位（第 ${shown} 行），牵头单位按关键词建议，请逐项确认`,
    line: lines[0],
  });
};
