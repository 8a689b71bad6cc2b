import type { z } from "zod";

import { issueText, type Locale } from "@duban/domain/i18n";
import { ZTaskDraft, type TaskDraft } from "@duban/domain/schemas";
import {
  draftsFromCandidates,
  type CandidateDraft,
  type CandidateNode,
  type DirectoryUnit,
} from "@duban/domain/task-drafts";

import { currentLocale } from "../../lib/i18n.tsx";

/** A task draft being edited in the wizard, with what the parser suggested kept for display. */
export type DraftRow = z.input<typeof ZTaskDraft> & {
  key: string;
  code: string;
  unmatched: string[];
} & Partial<Pick<CandidateDraft, "deadline" | "notes" | "leadUnits" | "supportUnits">>;
export type DocPhase = { key: string; name: string; startDate: string; endDate: string };
/** What the wizard reads of plan.document to draft the tasks. */
export type DraftSource = {
  plan: { periodStart: number; periodEnd: number };
  phases: DocPhase[];
  nodes: CandidateNode[];
};

/**
 * One row per candidate node that has no task yet (`taken`: the nodes with one), pre-filled by
 * the rule the demo loader shares (draftsFromCandidates): the suggested units that are active
 * units of `departments`, the suggested phase on the plan's roadmap, dates from the plan's first
 * day to the end of that phase. A row without a lead unit waits for the office to choose one.
 */
export function draftsFromDocument(
  doc: DraftSource,
  departments: readonly DirectoryUnit[],
  taken: ReadonlySet<string>,
): DraftRow[] {
  return draftsFromCandidates(
    doc.nodes.filter((n) => !taken.has(n.id)),
    { periodStart: doc.plan.periodStart, periodEnd: doc.plan.periodEnd, phases: doc.phases },
    departments,
  ).map((draft) => ({
    ...draft,
    key: draft.nodeId,
    leadDepartmentId: draft.leadDepartmentId ?? "",
  }));
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
