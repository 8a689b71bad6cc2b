// Making tasks below another: a child jurisdiction's tasks from an assignment (分解), or sub-tasks
// of a task in the same plan (细化). One way to check and insert them for both.
import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { DbOrTx, Tx } from "@duban/db";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { toDbDate } from "../calendar.ts";
import { DomainError, invalid } from "../errors.ts";
import { validationText } from "../i18n/validation.ts";
import { assertActiveUnits, assertTaskDraftValid } from "../plans/create-tasks.ts";
import type { zChildTask } from "../schemas/cascade.ts";

export type ChildTaskDraft = z.infer<typeof zChildTask>;

/**
 * Each draft inside the plan period, start not after due, its lead and supporting units active
 * units of the plan's jurisdiction (a county's departments and its 乡镇/街道 units, kind TOWN):
 * and not due after `parentDue` (the parent task's due day, YYYY-MM-DD, when there is one):
 * INVALID naming the draft (第 n 项任务) otherwise (code `task.dueAfterParent` for the last).
 */
export async function assertChildDrafts(
  db: DbOrTx,
  plan: { jurisdictionId: string; periodStart: number; periodEnd: number },
  drafts: readonly ChildTaskDraft[],
  parentDue: string | null,
) {
  for (const [i, d] of drafts.entries()) {
    if (parentDue !== null && d.dueDate > parentDue) {
      const code = "task.dueAfterParent";
      throw new DomainError(
        "INVALID",
        `第 ${i + 1} 项任务：${validationText({ code })}（${parentDue}）`,
        `task ${i + 1}: ${validationText({ code }, "en")} (${parentDue})`,
        "dueDate",
        { code },
      );
    }
    if (d.startDate > d.dueDate)
      throw invalid(
        `第 ${i + 1} 项任务：开始日期晚于完成时限`,
        `task ${i + 1}: the start date is after the due date`,
        "dueDate",
      );
    await assertTaskDraftValid(db, plan, { ...d, milestones: [] }, i);
  }
}

/**
 * Inserts the drafts as tasks of `planId`, below `link` (an assignment or a parent task), in ONE
 * statement (the roll-up triggers then recompute the parent once), with their supporting units;
 * re-checks the units under a share lock (assertActiveUnits) and audits `task.create` each with
 * the link. Returns the new ids in draft order.
 */
export async function insertChildTasks(
  tx: Tx,
  ctx: { actor: Actor; requestId?: string },
  plan: { id: string; jurisdictionId: string },
  drafts: readonly ChildTaskDraft[],
  link: { assignmentId: string } | { parentTaskId: string },
): Promise<string[]> {
  const rows = drafts.map((d) => ({
    id: randomUUID(),
    planId: plan.id,
    title: d.title,
    description: d.description,
    leadDepartmentId: d.leadDepartmentId,
    startDate: toDbDate(d.startDate),
    dueDate: toDbDate(d.dueDate),
    originalDueDate: toDbDate(d.dueDate),
    rollupWeight: d.weight,
    ...link,
  }));
  await tx.task.createMany({ data: rows });
  await tx.taskSupport.createMany({
    data: drafts.flatMap((d, i) =>
      [...new Set(d.supportingDepartmentIds)]
        .filter((id) => id !== d.leadDepartmentId)
        .map((departmentId) => ({ taskId: rows[i]!.id, departmentId })),
    ),
  });
  await assertActiveUnits(
    tx,
    plan.jurisdictionId,
    drafts.flatMap((d) => [d.leadDepartmentId, ...d.supportingDepartmentIds]),
  );
  for (const [i, row] of rows.entries())
    await recordAudit(tx, ctx.actor, {
      action: "task.create",
      entityType: "Task",
      entityId: row.id,
      jurisdictionId: plan.jurisdictionId,
      after: { ...drafts[i], ...link },
      requestId: ctx.requestId,
    });
  return rows.map((r) => r.id);
}
