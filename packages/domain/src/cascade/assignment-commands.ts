// The giving office's changes to an assignment (下达事项): weight, deadline, note; withdrawal.
import type { z } from "zod";

import type { Tx } from "@duban/db";

import { recordAudit } from "../audit.ts";
import { dateOnly, toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid, staleVersion } from "../errors.ts";
import type { ZUpdateAssignmentInput, ZWithdrawAssignmentInput } from "../schemas/cascade.ts";
import {
  assertGiver,
  assertGivingPlanWritable,
  assignedItemTitle,
  loadAssignmentForActor,
  type LoadedAssignment,
} from "./assignment-access.ts";
import { notifyCascade } from "./cascade-notify.ts";
import { assertDecomposeBy } from "./targets.ts";

/** Optimistic update of an assignment: CONFLICT when someone saved since `version`. */
async function bumpAssignment(
  tx: Tx,
  a: LoadedAssignment,
  version: number,
  data: Parameters<Tx["assignment"]["updateMany"]>[0]["data"],
) {
  const { count } = await tx.assignment.updateMany({
    where: { id: a.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw staleVersion("下达事项", "assignment", a.version);
}

const itemDue = (a: LoadedAssignment) =>
  a.parentTask
    ? dateOnly(a.parentTask.dueDate)
    : a.parentIndicator
      ? `${a.parentIndicator.targetYear}-12-31`
      : null;

/**
 * The giving office changes an assignment's roll-up weight, 分解时限 or 分解要求. FORBIDDEN for
 * anyone else who sees it (the receiving office included), NOT_FOUND for those who do not;
 * INVALID for a withdrawn assignment or a deadline in the past; CONFLICT on a stale version. A new
 * weight re-weights the parent task's progress in the same transaction (roll-up triggers).
 * Audited `assignment.update`; the receiving office is told (event updated).
 * Returns `{ version }`.
 */
export async function updateAssignment(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZUpdateAssignmentInput>,
) {
  const at = now ?? new Date();
  const { assignment: a, side } = await loadAssignmentForActor(db, actor, input.assignmentId);
  assertGiver(side);
  assertGivingPlanWritable(a);
  if (a.state === "WITHDRAWN")
    throw invalid("已撤回的下达事项不能修改", "a withdrawn assignment cannot be changed");
  if (input.decomposeBy !== undefined && input.decomposeBy !== dateOnly(a.decomposeBy))
    assertDecomposeBy(input.decomposeBy, at, itemDue(a));
  return db.$transaction(async (tx) => {
    await bumpAssignment(tx, a, input.version, {
      weight: input.weight,
      note: input.note,
      decomposeBy: input.decomposeBy === undefined ? undefined : toDbDate(input.decomposeBy),
      // a new deadline may make a late decomposition on time again: the job flags anew
      ...(input.decomposeBy !== undefined ? { lateFlaggedAt: null } : {}),
    });
    await recordAudit(tx, actor, {
      action: "assignment.update",
      entityType: "Assignment",
      entityId: a.id,
      jurisdictionId: a.fromJurisdictionId,
      before: { weight: a.weight, decomposeBy: dateOnly(a.decomposeBy), note: a.note },
      after: input,
      requestId,
    });
    await notifyCascade(
      tx,
      actor,
      "updated",
      {
        ...a,
        weight: input.weight ?? a.weight,
        note: input.note ?? a.note,
        decomposeBy: input.decomposeBy ? toDbDate(input.decomposeBy) : a.decomposeBy,
      },
      { title: assignedItemTitle(a), unit: a.parentIndicator?.unit ?? null },
      { step: input.version + 1, now: at },
    );
    return { version: input.version + 1 };
  });
}

/**
 * 撤回: the giving office takes an assignment back, with a reason. The assignment becomes
 * WITHDRAWN (kept for the record, out of every roll-up: the parent task is recomputed without
 * it, and stops being derived when it was its last child). What the child already made of it
 * stays in the child's plan, its own work: its tasks keep their progress and reports and are
 * detached (assignmentId cleared, each audited `task.detach`), and its indicator keeps its values
 * but no longer carries the share (Indicator.assignmentId cleared). FORBIDDEN unless the giving
 * office; INVALID when already withdrawn; CONFLICT on a stale version. Audited
 * `assignment.withdraw`; the receiving office is told (event withdrawn). Returns
 * `{ version, detachedTaskIds }`.
 */
export async function withdrawAssignment(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZWithdrawAssignmentInput>,
) {
  const at = now ?? new Date();
  const { assignment: a, side } = await loadAssignmentForActor(db, actor, input.assignmentId);
  assertGiver(side);
  assertGivingPlanWritable(a);
  if (a.state === "WITHDRAWN") throw invalid("该事项已撤回", "the assignment is already withdrawn");
  return db.$transaction((tx) => withdrawInTx(tx, { actor, requestId }, a, { ...input, at }));
}

/**
 * The body of 撤回 in the caller's transaction (withdrawAssignment; a cancelled parent task,
 * applyStatus): see withdrawAssignment. Checks nothing but the version (CONFLICT when stale).
 * Returns `{ version, detachedTaskIds }`.
 */
export async function withdrawInTx(
  tx: Tx,
  { actor, requestId }: Pick<DomainContext, "actor" | "requestId">,
  a: LoadedAssignment,
  input: { version: number; reason: string; at: Date },
) {
  const at = input.at;
  // the state first: the parent is recomputed without it, and detaching its tasks below no
  // longer moves its (frozen) progress
  await bumpAssignment(tx, a, input.version, {
    state: "WITHDRAWN",
    withdrawnAt: at,
    withdrawnReason: input.reason,
  });
  const tasks = await tx.task.findMany({
    where: { assignmentId: a.id },
    select: { id: true, planId: true },
    orderBy: { id: "asc" },
  });
  if (tasks.length > 0)
    await tx.task.updateMany({
      where: { assignmentId: a.id },
      data: { assignmentId: null, version: { increment: 1 } },
    });
  for (const t of tasks)
    await recordAudit(tx, actor, {
      action: "task.detach",
      entityType: "Task",
      entityId: t.id,
      jurisdictionId: a.toJurisdictionId,
      before: { assignmentId: a.id },
      after: { assignmentId: null, reason: "assignment withdrawn" },
      requestId,
    });
  await tx.indicator.updateMany({ where: { assignmentId: a.id }, data: { assignmentId: null } });
  await recordAudit(tx, actor, {
    action: "assignment.withdraw",
    entityType: "Assignment",
    entityId: a.id,
    jurisdictionId: a.fromJurisdictionId,
    before: { state: a.state, progress: a.progress },
    after: { state: "WITHDRAWN", reason: input.reason, detachedTaskIds: tasks.map((t) => t.id) },
    requestId,
  });
  await notifyCascade(
    tx,
    actor,
    "withdrawn",
    a,
    { title: assignedItemTitle(a), unit: a.parentIndicator?.unit ?? null },
    { step: input.version + 1, reason: input.reason, now: at },
  );
  return { version: input.version + 1, detachedTaskIds: tasks.map((t) => t.id) };
}
