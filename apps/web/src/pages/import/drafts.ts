import type { z } from "zod";

import { issueText, type Locale } from "@duban/domain/i18n";
import { ZTaskDraft, type TaskDraft } from "@duban/domain/schemas";

import { currentLocale } from "../../lib/i18n.tsx";

/** What the importer stored on a candidate node (packages/domain/src/plans/phases.ts). */
export type Candidate = {
  kind: string;
  suggestedPhase: string;
  suggestedLead: { name: string; departmentId: string | null } | null;
  suggestedSupporting: Array<{ name: string; departmentId: string | null }>;
  reasons: string[];
};
export type DocNode = {
  id: string;
  code: string;
  number: string;
  title: string;
  body: string;
  candidate: unknown;
};
export type DocPhase = { key: string; name: string; startDate: string; endDate: string };

/** A task draft being edited in the wizard, with what the parser suggested kept for display. */
export type DraftRow = z.input<typeof ZTaskDraft> & {
  key: string;
  code: string;
  unmatched: string[];
};

/**
 * One draft per candidate node that has no task yet, pre-filled from the importer's suggestions:
 * the suggested lead and supporting units (those matched to a department), the suggested phase,
 * and dates from the plan's first day to the end of that phase. A node without a heading is
 * titled by the first 60 characters of its text (whole characters; the text itself is the description).
 */
export function draftsFromDocument(
  nodes: DocNode[],
  phases: DocPhase[],
  taken: Set<string>,
): DraftRow[] {
  const first = phases[0];
  const byKey = new Map(phases.map((p) => [p.key, p]));
  return nodes.flatMap((node) => {
    const c = node.candidate as Candidate | null;
    if (!c || taken.has(node.id)) return [];
    const phase = byKey.get(c.suggestedPhase) ?? phases[phases.length - 1];
    const lead = c.suggestedLead?.departmentId ?? "";
    const supporting = [
      ...new Set(
        c.suggestedSupporting
          .map((s) => s.departmentId)
          .filter((id): id is string => !!id && id !== lead),
      ),
    ];
    const unmatched = [c.suggestedLead, ...c.suggestedSupporting]
      .filter((s): s is { name: string; departmentId: null } => !!s && !s.departmentId)
      .map((s) => s.name);
    return [
      {
        key: node.id,
        code: node.code,
        unmatched,
        nodeId: node.id,
        // kept whole: a title or text over the schema's limit is refused in its row, never cut
        title: node.title || [...node.body].slice(0, 60).join("") || node.code,
        description: node.body,
        leadDepartmentId: lead,
        supportingDepartmentIds: supporting,
        phaseKey: phase?.key ?? null,
        startDate: first?.startDate ?? "",
        dueDate: phase?.endDate ?? "",
        milestones: [],
      },
    ];
  });
}

/** Validates chosen rows with the server's schema: the drafts to send, or each row's first problem. */
export function validateDrafts(
  rows: DraftRow[],
  locale: Locale = currentLocale(),
): { ok: true; drafts: TaskDraft[] } | { ok: false; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const drafts: TaskDraft[] = [];
  for (const { key, code: _code, unmatched: _u, ...row } of rows) {
    const parsed = ZTaskDraft.safeParse(row);
    if (parsed.success) drafts.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      errors.set(key, issue ? issueText(issue, locale) : "");
    }
  }
  return errors.size ? { ok: false, errors } : { ok: true, drafts };
}

/** Moves a phase change onto the dates: a task in a later phase is due at that phase's end. */
export function withPhase(row: DraftRow, phase: DocPhase | undefined): DraftRow {
  return phase
    ? { ...row, phaseKey: phase.key, dueDate: phase.endDate }
    : { ...row, phaseKey: null };
}

/**
 * The drafts in calls the api takes: at most 500 tasks (ZCreateTasksInput) and about 256 KB of JSON
 * each, well under the api's 1 MB body limit for everything but file uploads (apps/api/src/body-limits.ts).
 */
export function draftBatches(
  drafts: TaskDraft[],
  maxBytes = 256 * 1024,
  maxItems = 500,
): TaskDraft[][] {
  const batches: TaskDraft[][] = [];
  let current: TaskDraft[] = [];
  let bytes = 0;
  for (const draft of drafts) {
    const size = new TextEncoder().encode(JSON.stringify(draft)).length + 1;
    if (current.length && (current.length >= maxItems || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(draft);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}
