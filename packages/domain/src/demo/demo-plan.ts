import type { Db } from "@duban/db";

import { systemActor } from "../actor.ts";
import { dateOnly } from "../calendar.ts";
import { activatePlan, createTasks } from "../plans/create-tasks.ts";
import { importPlan } from "../plans/import-plan.ts";
import { draftsFromCandidates } from "../plans/task-drafts.ts";
import { ZTaskDraft, type TaskDraft } from "../schemas/plan.ts";

/**
 * Accepts the importer's suggestions for every candidate node: the office's one-click
 * decomposition, by the same rule as the import wizard (draftsFromCandidates). A task whose text
 * names no lead unit goes to `defaultLeadId` (the demo's 科技局, the S&T plan's own unit).
 */
export async function demoDrafts(
  db: Db,
  planId: string,
  defaultLeadId: string,
): Promise<TaskDraft[]> {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const [nodes, phases, departments] = await Promise.all([
    db.planNode.findMany({
      where: { planId, candidate: { not: { equals: null } } },
      orderBy: { order: "asc" },
    }),
    db.phase.findMany({ where: { planId }, orderBy: { order: "asc" } }),
    db.department.findMany({ where: { jurisdictionId: plan.jurisdictionId } }),
  ]);
  const drafts = draftsFromCandidates(
    nodes,
    {
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      phases: phases.map((p) => ({
        key: p.key,
        startDate: dateOnly(p.startDate),
        endDate: dateOnly(p.endDate),
      })),
    },
    departments,
    { defaultLeadId },
  );
  return drafts.map(({ code: _code, unmatched: _unmatched, ...draft }) => ZTaskDraft.parse(draft));
}

/**
 * Imports a plan document for the jurisdiction as the office would (importPlan), accepts the
 * importer's task suggestions (demoDrafts) and activates the plan. Returns the active plan, or
 * null when the document yields no task (the plan then stays a draft).
 */
export async function importDemoPlan(
  db: Db,
  doc: { jurisdictionId: string; fileName: string; bytes: Uint8Array; title?: string },
  defaultLeadId: string,
) {
  const actor = systemActor("demo");
  const imported = await importPlan(
    { db, actor },
    {
      jurisdictionId: doc.jurisdictionId,
      fileName: doc.fileName,
      bytes: doc.bytes,
      title: doc.title,
    },
  );
  const drafts = await demoDrafts(db, imported.planId, defaultLeadId);
  if (!drafts.length) return null;
  await createTasks({ db, actor }, { planId: imported.planId, tasks: drafts });
  const plan = await db.plan.findUniqueOrThrow({ where: { id: imported.planId } });
  await activatePlan({ db, actor }, { planId: plan.id, version: plan.version });
  return db.plan.findUniqueOrThrow({ where: { id: plan.id } });
}
