// Browser-safe (no database, no Node built-ins): the import wizard imports it as
// "@duban/domain/task-drafts", the demo loader through the package root.
import { z } from "zod";

import {
  isCollectiveUnit,
  matchUnit,
  splitUnits,
  type UnitMatchHow,
} from "@duban/plan-parser/units";

import type { IsoDate } from "../calendar.ts";
import { datesFromDeadline, type DraftDeadline, type DraftNote } from "./deadlines.ts";
import { defaultPhases, zDeadline } from "./phases.ts";

export { isCollectiveUnit, matchUnit, splitUnits };
export type { DraftDeadline, DraftNote, UnitMatchHow };

/** A plan node as stored, with the importer's suggestion (a CandidateSuggestion) or null. */
export type CandidateNode = {
  id: string;
  code: string;
  title: string;
  body: string;
  candidate: unknown;
};
/** The plan's period and its own roadmap (路线图), in order. */
export type DraftPlan = {
  periodStart: number;
  periodEnd: number;
  phases: ReadonlyArray<{ key: string; startDate: IsoDate; endDate: IsoDate }>;
};
/**
 * A unit of the jurisdiction's directory; one without `active` counts as active. `aliases`: its
 * other written forms from the jurisdiction's alias table (DepartmentAlias).
 */
export type DirectoryUnit = {
  id: string;
  name: string;
  shortName?: string | null;
  active?: boolean;
  aliases?: readonly string[];
};
/**
 * A unit name as the document writes it, and what it is in the directory: `matched` (an active
 * unit, by name, short name, alias or after a place prefix: `how`), `new` (no unit: the office
 * confirms a new unit or maps it), or `collective` (各乡镇, 各有关单位: many units, never one).
 */
export type WrittenUnit = {
  written: string;
  departmentId: string | null;
  status: "matched" | "new" | "collective";
  how?: UnitMatchHow;
};
/** A task as the importer suggests it, before the office confirms it (ZTaskDraft's fields). */
export type CandidateDraft = {
  nodeId: string;
  /** the node's code (四.（一）.2), for display */
  code: string;
  title: string;
  description: string;
  /** null when neither the text nor the options name an active unit: the office must choose */
  leadDepartmentId: string | null;
  supportingDepartmentIds: string[];
  phaseKey: string | null;
  startDate: IsoDate;
  dueDate: IsoDate;
  milestones: Array<{ title: string; dueDate: IsoDate }>;
  /** units the text names that no active unit of the directory matches */
  unmatched: string[];
  /** the 牵头单位 / 配合单位 / 完成时限 texts as written, stored on the task; null when none */
  leadText: string | null;
  supportText: string | null;
  deadlineText: string | null;
  /** each written lead / support unit and its match; empty when the document writes none */
  leadUnits: WrittenUnit[];
  supportUnits: WrittenUnit[];
  /** the 完成时限 read, or null */
  deadline: DraftDeadline | null;
  /** collective names written (各乡镇): shown as such, never proposed as a unit */
  collective: string[];
  notes: DraftNote[];
};

const zUnit = z.object({ name: z.string(), departmentId: z.string().nullable() });
/** The stored suggestion, read leniently: a field an older importer did not write is empty. */
const zStoredCandidate = z.object({
  suggestedPhase: z.string().nullish(),
  suggestedLead: zUnit.nullish(),
  suggestedSupporting: z.array(zUnit).nullish(),
  leadText: z.string().nullish().catch(null),
  supportText: z.string().nullish().catch(null),
  leadUnits: z.array(z.string()).nullish().catch(null),
  supportUnits: z.array(z.string()).nullish().catch(null),
  deadline: zDeadline.nullish().catch(null),
});

/** A heading-less item is titled by the first 60 characters of its text, whole characters. */
const TITLE_FROM_TEXT = 60;

/**
 * The plan phase a suggested phase lands in. The plan's own phase of that key when it has one;
 * otherwise (a plan shorter than four years, or a roadmap the office has changed) the phase of
 * the plan's roadmap holding the day the suggested phase ends on the default roadmap
 * (defaultPhases over the plan period); otherwise, and for no or an unknown suggestion, the last
 * phase. Null when the plan has no phases.
 */
function phaseFor(plan: DraftPlan, suggested: string | null | undefined) {
  const own = plan.phases.find((p) => p.key === suggested);
  if (own) return own;
  const standard = defaultPhases(plan.periodStart, plan.periodEnd).find((p) => p.key === suggested);
  const holding =
    standard &&
    plan.phases.find((p) => p.startDate <= standard.endDate && standard.endDate <= p.endDate);
  return holding ?? plan.phases.at(-1) ?? null;
}

/**
 * Resolves written unit names against the active units of a directory (with their aliases), by
 * matchUnit: the one rule the parser, the wizard and the server share. Never a keyword guess.
 */
export function writtenUnitResolver(directory: readonly DirectoryUnit[]) {
  const active = directory.filter((d) => d.active !== false);
  const entries = active.map((d) => ({
    name: d.name,
    shortName: d.shortName ?? undefined,
    aliases: d.aliases ? [...d.aliases] : undefined,
  }));
  const idByName = new Map(active.map((d) => [d.name, d.id]));
  return (written: string): WrittenUnit => {
    if (isCollectiveUnit(written)) return { written, departmentId: null, status: "collective" };
    const hit = matchUnit(written, entries);
    const id = hit ? idByName.get(hit.name) : undefined;
    return id
      ? { written, departmentId: id, status: "matched", how: hit!.how }
      : { written, departmentId: null, status: "new" };
  };
}

/**
 * Every distinct written unit name of the drafts with its match, in order of first appearance,
 * and how many drafts write it: the rows of the wizard's 确认单位匹配 step. `new` names are the
 * proposed new units; collective names are listed so the office sees them, never proposed.
 */
export function writtenUnitsOf(
  drafts: ReadonlyArray<{ leadUnits?: WrittenUnit[]; supportUnits?: WrittenUnit[] }>,
): Array<WrittenUnit & { drafts: number }> {
  const out = new Map<string, WrittenUnit & { drafts: number }>();
  for (const d of drafts) {
    const names = new Set<string>();
    for (const u of [...(d.leadUnits ?? []), ...(d.supportUnits ?? [])]) {
      if (names.has(u.written)) continue;
      names.add(u.written);
      const seen = out.get(u.written);
      if (seen) seen.drafts++;
      else out.set(u.written, { ...u, drafts: 1 });
    }
  }
  return [...out.values()];
}

const unitsOf = (text: string | null | undefined, units: string[] | null | undefined) =>
  units?.length ? units : text ? splitUnits(text) : [];

/**
 * One task draft per candidate node, from the importer's suggestions: what the import wizard
 * pre-fills and what the demo loader accepts as is. Pure: same nodes, plan and directory, same drafts.
 *
 * The rules, chosen for a real office:
 * - Written units (a 分工方案's 牵头单位/配合单位, issue #16): each written name is matched by
 *   writtenUnitResolver (name, short name, alias, place prefix). The first matched lead unit leads;
 *   further matched lead units are listed as supporting (a task has one lead; noted). A written
 *   lead that matches nothing leaves the lead empty for the office (never a keyword guess, never
 *   `defaultLeadId`); the name is in `unmatched`, a proposed new unit. Collective names (各乡镇)
 *   are in `collective`, neither matched nor proposed.
 * - Without written units: a suggested unit counts when it is an active unit of the directory,
 *   by id or else by name or short name (a unit added or renamed since the import). A suggested
 *   lead that matches nothing gives `options.defaultLeadId`, or null; the wizard passes none, so
 *   the office chooses (the server refuses a task without a lead). Names that match nothing are
 *   listed in `unmatched`. Supporting units are distinct and never the lead.
 * - 完成时限 (datesFromDeadline): a date is the due date (clamped into the plan period, noted) and
 *   the phase is the plan's phase holding it; 长期/持续 is due at the plan's end; 每季度/每年 is due
 *   at the plan's end with a milestone per period. Both fall in the last phase.
 * - Without a deadline, phase: see phaseFor. No suggestion, or one the roadmap cannot place,
 *   falls in the last phase, due at the plan's end: a deadline earlier than the text gives would
 *   raise overdue warnings nobody earned.
 * - Dates: from the plan's first day (periodStart-01-01) to the end of that phase, kept inside the
 *   plan period; to the plan's last day when the plan has no phases.
 * - Milestones: only from a recurring deadline. Placeholder "YYYY年度目标" milestones carried no
 *   content and sent a year-end reminder per task; the office adds real ones on the task.
 * - Text: the title is the heading, or the first 60 characters of the text, or the code; the
 *   description is the whole text. Nothing is cut: a text over the schema's limit is refused by
 *   ZTaskDraft with its message.
 * Nodes without a readable suggestion give no draft.
 */
export function draftsFromCandidates(
  nodes: readonly CandidateNode[],
  plan: DraftPlan,
  directory: readonly DirectoryUnit[],
  options: { defaultLeadId?: string } = {},
): CandidateDraft[] {
  const active = directory.filter((d) => d.active !== false);
  const ids = new Set(active.map((d) => d.id));
  const byName = new Map<string, string>();
  for (const d of active) {
    if (d.shortName && !byName.has(d.shortName)) byName.set(d.shortName, d.id);
    byName.set(d.name, d.id);
  }
  const resolve = (unit: z.infer<typeof zUnit>): string | null =>
    unit.departmentId && ids.has(unit.departmentId)
      ? unit.departmentId
      : (byName.get(unit.name) ?? null);
  const resolveWritten = writtenUnitResolver(directory);
  const first = `${plan.periodStart}-01-01`;
  const last = `${plan.periodEnd}-12-31`;
  const within = (day: IsoDate) => (day < first ? first : day > last ? last : day);

  return nodes.flatMap((node) => {
    const parsed = zStoredCandidate.safeParse(node.candidate);
    if (!node.candidate || !parsed.success) return [];
    const c = parsed.data;
    const notes: DraftNote[] = [];
    const leadUnits = unitsOf(c.leadText, c.leadUnits).map(resolveWritten);
    const supportUnits = unitsOf(c.supportText, c.supportUnits).map(resolveWritten);
    const written = [...leadUnits, ...supportUnits];
    let lead: string | null;
    let supportingIds: Array<string | null>;
    let unmatched: string[];
    if (leadUnits.length || supportUnits.length) {
      const leads = leadUnits.filter((u) => u.departmentId);
      // a written lead that matches nothing stays empty: the office confirms the unit
      lead = leads[0]?.departmentId ?? (leadUnits.length ? null : resolveSuggestedLead());
      if (leadUnits.filter((u) => u.status !== "collective").length > 1)
        notes.push({ code: "severalLeads", names: leadUnits.map((u) => u.written) });
      supportingIds = [...leads.slice(1), ...supportUnits].map((u) => u.departmentId);
      unmatched = written.filter((u) => u.status === "new").map((u) => u.written);
    } else {
      lead = resolveSuggestedLead();
      supportingIds = (c.suggestedSupporting ?? []).map(resolve);
      const suggested = [
        ...(c.suggestedLead ? [c.suggestedLead] : []),
        ...(c.suggestedSupporting ?? []),
      ];
      unmatched = suggested.filter((u) => !resolve(u)).map((u) => u.name);
    }
    const supporting = [
      ...new Set(supportingIds.filter((id): id is string => !!id && id !== lead)),
    ];
    const deadline = c.deadline ?? null;
    let phase = phaseFor(plan, c.suggestedPhase);
    let dueDate = within(phase?.endDate ?? last);
    let milestones: CandidateDraft["milestones"] = [];
    if (deadline) {
      const dates = datesFromDeadline(deadline, first, last);
      dueDate = dates.dueDate;
      milestones = dates.milestones;
      notes.push(...dates.notes);
      phase =
        plan.phases.find((p) => p.startDate <= dueDate && dueDate <= p.endDate) ??
        plan.phases.at(-1) ??
        null;
    }
    return [
      {
        nodeId: node.id,
        code: node.code,
        title: node.title || [...node.body].slice(0, TITLE_FROM_TEXT).join("") || node.code,
        description: node.body,
        leadDepartmentId: lead,
        supportingDepartmentIds: supporting,
        phaseKey: phase?.key ?? null,
        startDate: first,
        dueDate,
        milestones,
        unmatched: [...new Set(unmatched)],
        leadText: c.leadText ?? null,
        supportText: c.supportText ?? null,
        deadlineText: deadline?.text ?? null,
        leadUnits,
        supportUnits,
        deadline,
        collective: [
          ...new Set(written.filter((u) => u.status === "collective").map((u) => u.written)),
        ],
        notes,
      },
    ];

    function resolveSuggestedLead() {
      return (c.suggestedLead && resolve(c.suggestedLead)) ?? options.defaultLeadId ?? null;
    }
  });
}
