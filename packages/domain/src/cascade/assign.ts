// 下达 (issue #19): the office hands a task, or a share of an indicator, of its plan to child
// jurisdictions. Zunyi plan: 各县（市、区）负责细化落实本规划提出的主要目标和重点任务.
import { randomUUID } from "node:crypto";

import type { z } from "zod";

import type { Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { actorUserId, type Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid } from "../errors.ts";
import { officeIndicator } from "../indicators/indicator-access.ts";
import type { ZAssignIndicatorInput, ZAssignTaskInput } from "../schemas/cascade.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { assertWritablePlan } from "../tasks/task-commands.ts";
import { notifyCascade } from "./cascade-notify.ts";
import { assertDecomposeBy, resolveTargets } from "./targets.ts";

type Resolved = Awaited<ReturnType<typeof resolveTargets>>[number];

/**
 * 下达 a task to one or more DIRECT child jurisdictions, each to decompose by `decomposeBy`.
 * Only the office of the task's plan's jurisdiction (FORBIDDEN otherwise; NOT_FOUND when it cannot
 * see the task). INVALID: archived plan, a cancelled or completed task, a target that is not a
 * direct child (`cascade.not-direct-child`), a target plan that is not an active plan of the
 * child, a deadline in the past or after the task's due day. CONFLICT: a live (not withdrawn)
 * assignment of the task to that child exists (one per item and child: partial unique index).
 * In one transaction: the assignments (PENDING, progress 0), the parent task turned derived by the
 * roll-up triggers (a pending assignment counts 0), an audit event `assignment.create` each, and
 * the child offices told ("cascade-assigned", event assigned). Returns `{ assignmentIds }`.
 */
export async function assignTask(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZAssignTaskInput>,
) {
  const at = now ?? new Date();
  const { task } = await loadTaskForActor(db, actor, input.taskId);
  assertOffice(actor, task.plan.jurisdictionId);
  assertWritablePlan(task);
  if (task.status === "CANCELLED" || task.status === "COMPLETED")
    throw invalid(
      "已取消或已办结的任务不能下达",
      "a cancelled or completed task cannot be assigned",
      "taskId",
    );
  assertDecomposeBy(input.decomposeBy, at, dateOnly(task.dueDate));
  const { from, targets, rowBase } = await prepareAssignments(
    { db, actor },
    task.plan.jurisdictionId,
    { parentTaskId: task.id },
    input,
    at,
  );
  return db.$transaction(async (tx) => {
    const rows = targets.map((t, i) => ({
      ...rowBase(t, i),
      kind: "TASK" as const,
      parentTaskId: task.id,
    }));
    // one statement: the parent task is recomputed once
    await tx.assignment.createMany({ data: rows });
    await announce(tx, { actor, requestId, now: at }, from, targets, rows, {
      title: task.title,
      unit: null,
      shareTargets: rows.map(() => null),
    });
    return { assignmentIds: rows.map((r) => r.id) };
  });
}

/**
 * 下达 a share of an indicator of the plan to DIRECT child jurisdictions (each county's part of
 * the city's target, `shareTarget` in the indicator's unit), and set how the parent's value is
 * made from the shares (`rollupRule`: SUM, MEAN, or OWN, the parent's own reported value; see
 * districts/share-rollup.ts, which reads them). Rules and errors as assignTask; the deadline may
 * not be after the end of the indicator's target year. Audited `assignment.create` and, when the
 * rule changes, `indicator.shareRollupRule`. Returns `{ assignmentIds }`.
 */
export async function assignIndicator(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZAssignIndicatorInput>,
) {
  const at = now ?? new Date();
  const indicator = await officeIndicator(db, actor, input.indicatorId);
  assertDecomposeBy(input.decomposeBy, at, `${indicator.targetYear}-12-31`);
  const { from, targets, rowBase } = await prepareAssignments(
    { db, actor },
    indicator.plan.jurisdictionId,
    { parentIndicatorId: indicator.id },
    input,
    at,
  );
  return db.$transaction(async (tx) => {
    const rows = targets.map((t, i) => ({
      ...rowBase(t, i),
      kind: "INDICATOR" as const,
      parentIndicatorId: indicator.id,
      shareBaseline: input.targets[i]!.shareBaseline,
      shareTarget: input.targets[i]!.shareTarget,
    }));
    await tx.assignment.createMany({ data: rows });
    if (indicator.shareRollupRule !== input.rollupRule) {
      await tx.indicator.update({
        where: { id: indicator.id },
        data: { shareRollupRule: input.rollupRule, version: { increment: 1 } },
      });
      await recordAudit(tx, actor, {
        action: "indicator.shareRollupRule",
        entityType: "Indicator",
        entityId: indicator.id,
        jurisdictionId: from.id,
        before: { shareRollupRule: indicator.shareRollupRule },
        after: { shareRollupRule: input.rollupRule },
        requestId,
      });
    }
    await announce(tx, { actor, requestId, now: at }, from, targets, rows, {
      title: indicator.name,
      unit: indicator.unit,
      shareTargets: rows.map((r) => r.shareTarget),
    });
    return { assignmentIds: rows.map((r) => r.id) };
  });
}

/**
 * What 下达 a task and 下达 an indicator share have in common before their transaction: the
 * chosen children resolved to their target plans (resolveTargets: DIRECT children, active plans),
 * CONFLICT when the item already has a live assignment to one of them, the giving jurisdiction,
 * and the columns every new assignment row shares (`rowBase(target, index)`).
 */
async function prepareAssignments(
  { db, actor }: Pick<DomainContext, "db" | "actor">,
  fromJurisdictionId: string,
  item: { parentTaskId: string } | { parentIndicatorId: string },
  input: {
    targets: Parameters<typeof resolveTargets>[2] & Array<{ weight: number }>;
    note: string;
    decomposeBy: string;
  },
  at: Date,
) {
  const targets = await resolveTargets(db, fromJurisdictionId, input.targets);
  await assertNoLiveAssignment(db, item, targets);
  const from = await db.jurisdiction.findUniqueOrThrow({
    where: { id: fromJurisdictionId },
    select: { id: true, name: true },
  });
  const rowBase = (t: (typeof targets)[number], i: number) => ({
    id: randomUUID(),
    fromJurisdictionId: from.id,
    toJurisdictionId: t.jurisdictionId,
    targetPlanId: t.targetPlanId,
    weight: input.targets[i]!.weight,
    note: input.note,
    decomposeBy: toDbDate(input.decomposeBy),
    assignedById: actorUserId(actor),
    assignedAt: at,
  });
  return { from, targets, rowBase };
}

/** CONFLICT when the item already has a live assignment to one of the targets (naming it). */
async function assertNoLiveAssignment(
  db: DomainContext["db"],
  subject: { parentTaskId: string } | { parentIndicatorId: string },
  targets: readonly Resolved[],
) {
  const live = await db.assignment.findFirst({
    where: {
      ...subject,
      toJurisdictionId: { in: targets.map((t) => t.jurisdictionId) },
      state: { not: "WITHDRAWN" },
    },
    select: { toJurisdiction: { select: { name: true } } },
  });
  if (live)
    throw conflict(
      `该事项已下达给${live.toJurisdiction.name}，请修改或撤回原下达事项`,
      `the item is already assigned to ${live.toJurisdiction.name}; change or withdraw that assignment`,
    );
}

/** Audit and tell each child office, in the writing transaction. */
async function announce(
  tx: Tx,
  ctx: { actor: Actor; requestId?: string; now: Date },
  from: { id: string; name: string },
  targets: readonly Resolved[],
  rows: ReadonlyArray<{
    id: string;
    kind: "TASK" | "INDICATOR";
    weight: number;
    note: string;
    decomposeBy: Date;
    targetPlanId: string | null;
  }>,
  item: { title: string; unit: string | null; shareTargets: Array<number | null> },
) {
  for (const [i, row] of rows.entries()) {
    const target = targets[i]!;
    await recordAudit(tx, ctx.actor, {
      action: "assignment.create",
      entityType: "Assignment",
      entityId: row.id,
      jurisdictionId: from.id,
      after: { ...row, toJurisdictionId: target.jurisdictionId, shareTarget: item.shareTargets[i] },
      requestId: ctx.requestId,
    });
    await notifyCascade(
      tx,
      ctx.actor,
      "assigned",
      {
        id: row.id,
        kind: row.kind,
        fromJurisdiction: from,
        toJurisdiction: { id: target.jurisdictionId, name: target.name },
        decomposeBy: row.decomposeBy,
        weight: row.weight,
        shareTarget: item.shareTargets[i] ?? null,
        note: row.note,
      },
      { title: item.title, unit: item.unit },
      { step: 0, now: ctx.now },
    );
  }
}
