import type { z } from "zod";

import type { TaskSource, Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { actorLabel, type Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { toDbDate, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid } from "../errors.ts";
import { lastReportingYear } from "../ledger/cycles.ts";
import { assertActiveUnits, assertTaskDraftValid } from "../plans/create-tasks.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type { ZRegisterItemInput } from "../schemas/supervision.ts";
import { notifyLoop } from "./notify.ts";

type ItemPlan = {
  id: string;
  title: string;
  jurisdictionId: string;
  status: string;
  periodStart: number;
  periodEnd: number;
};

/** What an ad-hoc supervision item (立项) is made of; `instructionId` for a leader's instruction's follow-up. */
export type AdHocItem = {
  title: string;
  description: string;
  source: Exclude<TaskSource, "PLAN">;
  sourceDocNumber: string | null;
  sourceNote: string | null;
  leadDepartmentId: string;
  supportingDepartmentIds: string[];
  startDate: IsoDate;
  dueDate: IsoDate;
  instructionId?: string;
};

/**
 * Checks an item before its transaction: the plan takes items only while ACTIVE (a draft is not
 * supervised yet, an archived one is closed), the dates fall in the plan period (extended to the
 * last year with a 年度工作要点 or an unfinished carried task, lastReportingYear) and the units are
 * active units of the plan's jurisdiction (the plan's own rules, plans/create-tasks.ts).
 */
export async function assertItemValid(
  db: DomainContext["db"],
  plan: ItemPlan,
  item: Pick<AdHocItem, "startDate" | "dueDate" | "leadDepartmentId" | "supportingDepartmentIds">,
) {
  if (plan.status === "ARCHIVED")
    throw invalid("规划已归档，不能再立项", "the plan is archived; it takes no new items");
  if (plan.status !== "ACTIVE")
    throw invalid(
      "规划尚未启用，请启用后再立项督办事项",
      "the plan is not active yet; activate it before registering items",
    );
  if (item.startDate > item.dueDate)
    throw invalid("开始日期不能晚于完成时限", "the start date is after the due date", "dueDate");
  // a plan past its period still takes items for the years the office keeps annual plans for
  const periodEnd = await lastReportingYear(db, plan);
  await assertTaskDraftValid(db, { ...plan, periodEnd }, { ...item, milestones: [] });
}

/**
 * Creates the item's Task in the caller's transaction: 交办 now (assignedAt), 待签收
 * (acknowledgedAt null), originalDueDate = dueDate, no source paragraph; records `task.register`
 * and tells the lead and supporting units ("task-assigned", email + inbox). Returns the task id.
 * Shared by registerItem and followUpInstruction, so both make the same kind of task.
 */
export async function createAdHocTask(
  tx: Tx,
  { actor, requestId, now }: { actor: Actor; requestId?: string; now: Date },
  plan: ItemPlan,
  item: AdHocItem,
): Promise<string> {
  const task = await tx.task.create({
    data: {
      planId: plan.id,
      title: item.title,
      description: item.description,
      source: item.source,
      sourceDocNumber: item.sourceDocNumber,
      sourceNote: item.sourceNote,
      instructionId: item.instructionId ?? null,
      leadDepartmentId: item.leadDepartmentId,
      startDate: toDbDate(item.startDate),
      dueDate: toDbDate(item.dueDate),
      originalDueDate: toDbDate(item.dueDate),
      assignedAt: now,
      acknowledgedAt: null,
      supportingDepartments: {
        create: item.supportingDepartmentIds.map((departmentId) => ({ departmentId })),
      },
    },
    include: { leadDepartment: { select: { name: true } } },
  });
  // after the write, under a share lock: a concurrent deactivation either sees this task or wins
  await assertActiveUnits(tx, plan.jurisdictionId, [
    item.leadDepartmentId,
    ...item.supportingDepartmentIds,
  ]);
  await recordAudit(tx, actor, {
    action: "task.register",
    entityType: "Task",
    entityId: task.id,
    jurisdictionId: plan.jurisdictionId,
    after: { planId: plan.id, ...item },
    requestId,
  });
  await notifyLoop(tx, {
    kind: "task-assigned",
    jurisdictionId: plan.jurisdictionId,
    subject: `【督办事项交办】${item.title}`,
    dedupeKey: `task:${task.id}:assigned:${now.getTime()}`,
    link: { entityType: "Task", entityId: task.id, taskId: task.id },
    to: { departmentIds: [item.leadDepartmentId, ...item.supportingDepartmentIds] },
    exceptUserId: actor.kind === "user" ? actor.userId : null,
    now,
    payload: {
      taskId: task.id,
      taskTitle: item.title,
      planTitle: plan.title,
      departmentName: task.leadDepartment.name,
      dueDate: item.dueDate,
      reassigned: false,
      assignedBy: actor.kind === "user" ? actor.name : actorLabel(actor),
    },
  });
  return task.id;
}

/**
 * 立项 (issue #17 step 7): the office registers a supervision item that does not come from the
 * plan document (a meeting decision, a leader's instruction, an assignment from above) in one of
 * its plans, with its source, 文号 and note. It is then a task like any other (list, ledger,
 * milestones, the loop), 待签收 for its lead unit.
 * Errors: NOT_FOUND (plan not visible), FORBIDDEN (not this jurisdiction's office), INVALID (plan
 * not active, dates outside the plan period or start after due, units not active units of the
 * jurisdiction, lead also supporting). Nothing is written on any error.
 */
export async function registerItem(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZRegisterItemInput>,
): Promise<{ taskId: string }> {
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  assertOffice(actor, plan.jurisdictionId);
  const item: AdHocItem = {
    title: input.title,
    description: input.description,
    source: input.source,
    sourceDocNumber: input.sourceDocNumber || null,
    sourceNote: input.sourceNote || null,
    leadDepartmentId: input.leadDepartmentId,
    supportingDepartmentIds: input.supportingDepartmentIds,
    startDate: input.startDate,
    dueDate: input.dueDate,
  };
  await assertItemValid(db, plan, item);
  const taskId = await db.$transaction((tx) =>
    createAdHocTask(tx, { actor, requestId, now: now ?? new Date() }, plan, item),
  );
  return { taskId };
}
