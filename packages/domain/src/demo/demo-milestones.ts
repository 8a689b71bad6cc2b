import type { Db } from "@duban/db";

import { addDays, dateOnly } from "../calendar.ts";
import { at, progressOn } from "./demo-fates.ts";
import type { AuditRow, DemoTask, People } from "./demo-ledger.ts";

/**
 * Milestones (时间表) consistent with the ledger: a milestone is done when the task was signed off
 * (at the earlier of the sign-off and a few days after the milestone's date), or when the task's
 * progress on the milestone's date had passed its share of the work (milestone k of n: k/(n+1)).
 * Returns the updates to make and pushes a `milestone.done` audit event for each.
 */
export async function demoMilestones(
  db: Db,
  tasks: DemoTask[],
  people: People,
  now: Date,
  audit: AuditRow[],
) {
  const rows = await db.milestone.findMany({
    where: { taskId: { in: tasks.map((t) => t.id) } },
    orderBy: [{ taskId: "asc" }, { order: "asc" }],
  });
  const byTask = new Map(tasks.map((t) => [t.id, t]));
  const updates: Array<{
    where: { id: string };
    data: { doneAt: Date; doneById: string | null; version: number };
  }> = [];
  for (const m of rows) {
    const task = byTask.get(m.taskId)!;
    const siblings = rows.filter((r) => r.taskId === m.taskId);
    const share = (siblings.indexOf(m) + 1) / (siblings.length + 1);
    const due = dateOnly(m.dueDate);
    const reported = at(addDays(due, 5), 10);
    let doneAt: Date | null = null;
    if (task.completedAt) doneAt = reported < task.completedAt ? reported : task.completedAt;
    else if (reported < now && progressOn(task, task.fate, due) >= share * 100) doneAt = reported;
    if (!doneAt) continue;
    const lead = people.users.get(task.leadDepartmentId);
    updates.push({
      where: { id: m.id },
      data: { doneAt, doneById: lead?.id ?? null, version: m.version + 1 },
    });
    audit.push({
      actorUserId: lead?.id ?? null,
      actorLabel: lead?.email ?? "system:demo",
      at: doneAt,
      action: "milestone.done",
      entityType: "Milestone",
      entityId: m.id,
      jurisdictionId: people.jurisdictionId,
      before: { doneAt: null },
      after: { doneAt: doneAt.toISOString() },
    });
  }
  return updates;
}
