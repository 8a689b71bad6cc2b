// Browser-safe (no database, no Node built-ins): the import wizard imports it as
// "@duban/domain/task-drafts", the demo loader through the package root.
import { z } from "zod";

import type { IsoDate } from "../calendar.ts";
import { defaultPhases } from "./phases.ts";

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
/** A unit of the jurisdiction's directory; one without `active` counts as active. */
export type DirectoryUnit = {
  id: string;
  name: string;
  shortName?: string | null;
  active?: boolean;
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
};

const zUnit = z.object({ name: z.string(), departmentId: z.string().nullable() });
/** The stored suggestion, read leniently: a field an older importer did not write is empty. */
const zStoredCandidate = z.object({
  suggestedPhase: z.string().nullish(),
  suggestedLead: zUnit.nullish(),
  suggestedSupporting: z.array(zUnit).nullish(),
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
 * One task draft per candidate node, from the importer's suggestions: what the import wizard
 * pre-fills and what the demo loader accepts as is. Pure: same nodes, plan and directory, same drafts.
 *
 * The rules, chosen for a real office:
 * - Units: a suggested unit counts when it is an active unit of the directory, by id or else by
 *   name or short name (a unit added or renamed since the import). A suggested lead that matches
 *   nothing gives `options.defaultLeadId`, or null; the wizard passes none, so the office chooses
 *   (the server refuses a task without a lead). Supporting units are distinct and never the lead.
 *   Names that match nothing are listed in `unmatched`.
 * - Phase: see phaseFor. No suggestion, or one the roadmap cannot place, falls in the last phase,
 *   due at the plan's end: a deadline earlier than the text gives would raise overdue warnings
 *   nobody earned. (The demo used to take the first phase, due two years in.)
 * - Dates: from the plan's first day (periodStart-01-01) to the end of that phase, kept inside the
 *   plan period; to the plan's last day when the plan has no phases.
 * - Milestones: none. The text gives no time nodes, and placeholder "YYYY年度目标" milestones (the
 *   demo's old copy) carried no content, repeated the due date in its last year and sent a year-end
 *   reminder per task; the office adds real ones on the task.
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
  const first = `${plan.periodStart}-01-01`;
  const last = `${plan.periodEnd}-12-31`;
  const within = (day: IsoDate) => (day < first ? first : day > last ? last : day);

  return nodes.flatMap((node) => {
    const parsed = zStoredCandidate.safeParse(node.candidate);
    if (!node.candidate || !parsed.success) return [];
    const c = parsed.data;
    const suggested = [
      ...(c.suggestedLead ? [c.suggestedLead] : []),
      ...(c.suggestedSupporting ?? []),
    ];
    const lead = (c.suggestedLead && resolve(c.suggestedLead)) ?? options.defaultLeadId ?? null;
    const supporting = [
      ...new Set(
        (c.suggestedSupporting ?? [])
          .map(resolve)
          .filter((id): id is string => !!id && id !== lead),
      ),
    ];
    const unmatched = [...new Set(suggested.filter((u) => !resolve(u)).map((u) => u.name))];
    const phase = phaseFor(plan, c.suggestedPhase);
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
        dueDate: within(phase?.endDate ?? last),
        milestones: [],
        unmatched,
      },
    ];
  });
}
