// A task's place in the cascade (issue #19): the chain above it, its children, the roll-up.
import type { z } from "zod";

import type { DbOrTx } from "@duban/db";

import { isOffice } from "../access.ts";
import { dateOnly, shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import type { ZTaskTreeInput } from "../schemas/cascade.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { taskRelationIn, visibilityOf } from "../visibility.ts";
import { latenessOf } from "./assignment-queries.ts";

/** Far enough for any real cascade (province → city → county → …, each broken down a few times). */
const MAX_CHAIN = 64;

const summarySelect = {
  id: true,
  title: true,
  status: true,
  progress: true,
  derivedProgress: true,
  rollupWeight: true,
  startDate: true,
  dueDate: true,
  parentTaskId: true,
  assignmentId: true,
  leadDepartmentId: true,
  leadDepartment: { select: { name: true } },
  supportingDepartments: { select: { departmentId: true } },
  plan: {
    select: {
      id: true,
      title: true,
      jurisdictionId: true,
      jurisdiction: { select: { name: true } },
    },
  },
} as const;

type Summary = NonNullable<Awaited<ReturnType<typeof findSummary>>>;

const findSummary = (db: DbOrTx, id: string) =>
  db.task.findUnique({ where: { id }, select: summarySelect });

const brief = (t: Summary) => ({
  id: t.id,
  title: t.title,
  status: t.status,
  progress: t.progress,
  derivedProgress: t.derivedProgress,
  weight: t.rollupWeight,
  startDate: dateOnly(t.startDate),
  dueDate: dateOnly(t.dueDate),
  leadDepartment: t.leadDepartment.name,
  planTitle: t.plan.title,
  jurisdiction: { id: t.plan.jurisdictionId, name: t.plan.jurisdiction.name },
});

/**
 * A task's place in the cascade, for anyone who sees the task (NOT_FOUND otherwise):
 * - `ancestors`, nearest first: parent tasks of the same plan and, across jurisdictions, the
 *   assignment it decomposes and the task above it, up to the root. Each is a read-only summary
 *   (`readOnly`: the actor is not the office of its jurisdiction). Department staff get only the
 *   ancestors their own list views show (visibility.ts); an office or leader of the task's
 *   jurisdiction also gets the items above it (the county sees its parent item, read-only).
 * - `children`: sub-tasks (all for the office and readers, the visible ones for units) and live
 *   or withdrawn assignments with their lateness; for each, weight, progress and status.
 * - `rollup`: `{ derived, progress, liveChildren, completedChildren, weightSum }` — the numbers
 *   the roll-up triggers used (cancelled sub-tasks and withdrawn assignments left out).
 * - `can`: what the actor may do here (addSubtasks, setWeight, assign: the task's own office).
 */
export async function taskTree(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZTaskTreeInput>,
) {
  const { task, visibility } = await loadTaskForActor(db, actor, input.taskId);
  const today = shanghaiDay(now ?? new Date());
  const seesAbove = visibility.kind === "all";
  const ancestors: Array<
    | ({ kind: "task"; readOnly: boolean } & ReturnType<typeof brief>)
    | {
        kind: "assignment";
        readOnly: boolean;
        id: string;
        from: string;
        to: string;
        weight: number;
        progress: number;
        state: string;
        decomposeBy: string;
      }
  > = [];
  let cursor = await findSummary(db, task.id);
  for (let i = 0; cursor && i < MAX_CHAIN; i++) {
    let next: Summary | null = null;
    if (cursor.parentTaskId) {
      next = await findSummary(db, cursor.parentTaskId);
    } else if (cursor.assignmentId) {
      if (!seesAbove) break;
      const a = await db.assignment.findUnique({
        where: { id: cursor.assignmentId },
        include: {
          fromJurisdiction: { select: { name: true } },
          toJurisdiction: { select: { name: true } },
        },
      });
      if (!a) break;
      ancestors.push({
        kind: "assignment",
        readOnly: !isOffice(actor, a.fromJurisdictionId),
        id: a.id,
        from: a.fromJurisdiction.name,
        to: a.toJurisdiction.name,
        weight: a.weight,
        progress: a.progress,
        state: a.state,
        decomposeBy: dateOnly(a.decomposeBy),
      });
      next = a.parentTaskId ? await findSummary(db, a.parentTaskId) : null;
    }
    if (!next) break;
    if (!seesAbove) {
      // a unit sees an ancestor only as its own lists would
      const v = await visibilityOf(db, actor, next.plan.jurisdictionId);
      const units = {
        leadDepartmentId: next.leadDepartmentId,
        supportingDepartmentIds: next.supportingDepartments.map((s) => s.departmentId),
      };
      if (taskRelationIn(v, units) === "none") break;
    }
    ancestors.push({
      kind: "task",
      readOnly: !isOffice(actor, next.plan.jurisdictionId),
      ...brief(next),
    });
    cursor = next;
  }
  const [subtasks, assignments] = await Promise.all([
    db.task.findMany({
      where: { parentTaskId: task.id },
      select: summarySelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    seesAbove
      ? db.assignment.findMany({
          where: { parentTaskId: task.id },
          include: { toJurisdiction: { select: { id: true, name: true } } },
          orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
        })
      : [],
  ]);
  const shownSubtasks = subtasks.filter(
    (s) =>
      taskRelationIn(visibility, {
        leadDepartmentId: s.leadDepartmentId,
        supportingDepartmentIds: s.supportingDepartments.map((d) => d.departmentId),
      }) !== "none",
  );
  const liveSubtasks = subtasks.filter((s) => s.status !== "CANCELLED");
  const liveAssignments = assignments.filter((a) => a.state !== "WITHDRAWN");
  const office = isOffice(actor, task.plan.jurisdictionId);
  return {
    task: {
      id: task.id,
      title: task.title,
      status: task.status,
      progress: task.progress,
      derivedProgress: task.derivedProgress,
      weight: task.rollupWeight,
      version: task.version,
      parentTaskId: task.parentTaskId,
      assignmentId: task.assignmentId,
    },
    ancestors,
    children: {
      subtasks: shownSubtasks.map(brief),
      assignments: assignments.map((a) => ({
        id: a.id,
        to: a.toJurisdiction,
        state: a.state,
        weight: a.weight,
        progress: a.progress,
        decomposeBy: dateOnly(a.decomposeBy),
        lateness: latenessOf(a, today),
        version: a.version,
      })),
    },
    rollup: {
      derived: task.derivedProgress,
      progress: task.progress,
      liveChildren: liveSubtasks.length + liveAssignments.length,
      completedChildren:
        liveSubtasks.filter((s) => s.status === "COMPLETED").length +
        liveAssignments.filter((a) => a.state === "DECOMPOSED" && a.progress === 100).length,
      weightSum:
        liveSubtasks.reduce((sum, s) => sum + s.rollupWeight, 0) +
        liveAssignments.reduce((sum, a) => sum + a.weight, 0),
    },
    can: {
      addSubtasks: office && task.status !== "CANCELLED" && task.status !== "COMPLETED",
      setWeight: office && (task.parentTaskId !== null || task.assignmentId !== null),
      assign: office && task.status !== "CANCELLED" && task.status !== "COMPLETED",
    },
  };
}
