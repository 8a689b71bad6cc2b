import type { z } from "zod";

import type { Db, InstructionTarget } from "@duban/db";

import { assertOffice, directRoles } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly, shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { conflictFromDatabase } from "../db-conflicts.ts";
import { conflict, forbidden, invalid, notFound } from "../errors.ts";
import { findLedgerEntry } from "../ledger/ledger-queries.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type {
  ZInstructionFollowUpInput,
  ZListInstructionsInput,
  ZWriteInstructionInput,
} from "../schemas/supervision.ts";
import { loadTaskForActor } from "../tasks/load-task.ts";
import { seesReport, taskRelationIn, visibilityOf, type Visibility } from "../visibility.ts";
import { assertItemValid, createAdHocTask, type AdHocItem } from "./items.ts";
import { notifyLoop } from "./notify.ts";

/** Whether the actor holds a LEADER membership directly in the jurisdiction (a city's leader reads its counties but instructs only its own). */
export function isLeaderOf(actor: Actor, jurisdictionId: string): boolean {
  return directRoles(actor, jurisdictionId).some((m) => m.role === "LEADER");
}

function assertLeader(actor: Actor, jurisdictionId: string) {
  if (!isLeaderOf(actor, jurisdictionId))
    throw forbidden(
      "只有本级领导可以作出批示；领导小组办公室、责任单位和上级只读用户不能批示",
      "only a leader of this jurisdiction may write an instruction",
    );
}

/** What an instruction is written on, resolved for the actor (NOT_FOUND when they cannot see it). */
type Resolved = {
  jurisdictionId: string;
  planStatus: string;
  planTitle: string;
  taskId: string | null;
  taskTitle: string | null;
  ledgerEntryId: string | null;
  period: string | null;
  indicatorId: string | null;
  indicatorName: string | null;
  /** the unit concerned: the task's lead unit, the entry's reporting unit, the indicator's responsible unit */
  departmentId: string | null;
};

async function resolveTarget(
  db: Db,
  actor: Actor,
  input: z.infer<typeof ZWriteInstructionInput>,
): Promise<Resolved> {
  const planOf = (planId: string) =>
    db.plan.findUniqueOrThrow({ where: { id: planId }, select: { title: true } });
  const none = { ledgerEntryId: null, period: null, indicatorId: null, indicatorName: null };
  if (input.target === "TASK") {
    const { task } = await loadTaskForActor(db, actor, input.taskId);
    return {
      ...none,
      jurisdictionId: task.plan.jurisdictionId,
      planStatus: task.plan.status,
      planTitle: (await planOf(task.planId)).title,
      taskId: task.id,
      taskTitle: task.title,
      departmentId: task.leadDepartmentId,
    };
  }
  if (input.target === "LEDGER_ENTRY") {
    const entry = await findLedgerEntry(db, actor, input.ledgerEntryId);
    if (!entry) throw notFound("台账记录", "ledger entry");
    const { task } = await loadTaskForActor(db, actor, entry.taskId);
    return {
      ...none,
      jurisdictionId: task.plan.jurisdictionId,
      planStatus: task.plan.status,
      planTitle: (await planOf(task.planId)).title,
      taskId: task.id,
      taskTitle: task.title,
      ledgerEntryId: entry.id,
      period: entry.period,
      departmentId: entry.departmentId,
    };
  }
  const indicator = await db.indicator.findUnique({
    where: { id: input.indicatorId },
    include: { plan: { select: { jurisdictionId: true, status: true, title: true } } },
  });
  if (!indicator) throw notFound("指标", "indicator");
  const visibility = await visibilityOf(db, actor, indicator.plan.jurisdictionId);
  if (visibility.kind === "none") throw notFound("指标", "indicator");
  return {
    ...none,
    jurisdictionId: indicator.plan.jurisdictionId,
    planStatus: indicator.plan.status,
    planTitle: indicator.plan.title,
    taskId: null,
    taskTitle: null,
    indicatorId: indicator.id,
    indicatorName: indicator.name,
    departmentId: indicator.responsibleDepartmentId,
  };
}

/**
 * 领导批示 (issue #17 step 5): a leader writes an instruction on a task, a unit's ledger entry or an
 * indicator. Only a user with a LEADER membership directly in the target's jurisdiction may; the
 * office, department staff and the city's readers get FORBIDDEN (Chinese message), anyone who
 * cannot see the target NOT_FOUND, an archived plan INVALID. Writes the Instruction (taskId set
 * for a task or a ledger entry), an `instruction.write` audit event and, in the same transaction,
 * tells the office and the unit concerned (kind "instruction": email + inbox). It is the only write
 * a leader may make. Returns the instruction's id.
 */
export async function writeInstruction(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZWriteInstructionInput>,
): Promise<{ instructionId: string }> {
  const target = await resolveTarget(db, actor, input);
  assertLeader(actor, target.jurisdictionId);
  if (target.planStatus === "ARCHIVED")
    throw invalid("规划已归档，不能再批示", "the plan is archived; it takes no instructions");
  if (actor.kind !== "user") throw forbidden("只有领导可以批示", "only a leader may instruct");
  const at = now ?? new Date();
  return db.$transaction(async (tx) => {
    const instruction = await tx.instruction.create({
      data: {
        jurisdictionId: target.jurisdictionId,
        target: input.target as InstructionTarget,
        taskId: target.taskId,
        ledgerEntryId: target.ledgerEntryId,
        indicatorId: target.indicatorId,
        text: input.text,
        authorId: actor.userId,
        createdAt: at,
      },
    });
    await recordAudit(tx, actor, {
      action: "instruction.write",
      entityType: "Instruction",
      entityId: instruction.id,
      jurisdictionId: target.jurisdictionId,
      after: input,
      requestId,
    });
    const about = target.taskTitle ?? target.indicatorName ?? "";
    await notifyLoop(tx, {
      kind: "instruction",
      jurisdictionId: target.jurisdictionId,
      subject: `【领导批示】${about}`,
      dedupeKey: `instruction:${instruction.id}`,
      // the inbox opens the task, else the indicator (/indicators?indicator=<id>)
      link:
        !target.taskId && target.indicatorId
          ? {
              entityType: "Indicator",
              entityId: target.indicatorId,
              body: input.text.slice(0, 200),
            }
          : {
              entityType: "Instruction",
              entityId: instruction.id,
              ...(target.taskId ? { taskId: target.taskId } : {}),
              body: input.text.slice(0, 200),
            },
      to: {
        roles: ["OFFICE"],
        departmentIds: target.departmentId ? [target.departmentId] : [],
      },
      exceptUserId: actor.userId,
      now: at,
      payload: {
        instructionId: instruction.id,
        target: input.target,
        planTitle: target.planTitle,
        taskId: target.taskId,
        taskTitle: target.taskTitle,
        indicatorId: target.indicatorId,
        indicatorName: target.indicatorName,
        period: target.period,
        text: input.text,
        leaderName: actor.name,
      },
    });
    return { instructionId: instruction.id };
  });
}

const followUpSelect = {
  id: true,
  title: true,
  dueDate: true,
  status: true,
  leadDepartmentId: true,
  supportingDepartments: { select: { departmentId: true } },
} as const;

/**
 * The instructions the actor may see, newest first: on one task (including those on its ledger
 * entries), on one indicator, or on a whole plan (its tasks' and indicators'). Whoever sees the
 * task or indicator sees them, as visibility.ts says: the office, leaders and the city every one;
 * department staff those on their units' tasks (on a ledger entry: only the reports they may see)
 * and on the indicators their units are responsible for. A follow-up task they cannot see is
 * reported as `followedUp` without its details.
 * Errors: NOT_FOUND (the task, indicator or plan is not visible), INVALID (none or several of
 * taskId / indicatorId / planId).
 */
export async function listInstructions(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListInstructionsInput>,
) {
  const given = [input.taskId, input.indicatorId, input.planId].filter(Boolean).length;
  if (given !== 1)
    throw invalid(
      "请指定任务、指标或规划之一",
      "give exactly one of a task, an indicator or a plan",
    );
  let visibility: Visibility;
  let where: NonNullable<Parameters<Db["instruction"]["findMany"]>[0]>["where"];
  if (input.taskId) {
    ({ visibility } = await loadTaskForActor(db, actor, input.taskId));
    where = { taskId: input.taskId };
  } else if (input.indicatorId) {
    const indicator = await db.indicator.findUnique({
      where: { id: input.indicatorId },
      select: { plan: { select: { jurisdictionId: true } } },
    });
    if (!indicator) throw notFound("指标", "indicator");
    visibility = await visibilityOf(db, actor, indicator.plan.jurisdictionId);
    if (visibility.kind === "none") throw notFound("指标", "indicator");
    where = { indicatorId: input.indicatorId };
  } else {
    const planId = input.planId!;
    ({ visibility } = await loadPlanForActor(db, actor, planId));
    const indicators = await db.indicator.findMany({ where: { planId }, select: { id: true } });
    where = {
      OR: [{ task: { planId } }, { indicatorId: { in: indicators.map((i) => i.id) } }],
    };
  }
  const rows = await db.instruction.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
    include: {
      task: {
        select: {
          id: true,
          title: true,
          leadDepartmentId: true,
          supportingDepartments: { select: { departmentId: true } },
        },
      },
      followUp: { select: followUpSelect },
    },
  });
  const seen = await readable(db, visibility, rows);
  const [authors, entries, indicators] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(seen.map((r) => r.authorId))] } },
      select: { id: true, name: true },
    }),
    db.ledgerEntry.findMany({
      where: { id: { in: seen.flatMap((r) => (r.ledgerEntryId ? [r.ledgerEntryId] : [])) } },
      select: { id: true, period: true, department: { select: { id: true, name: true } } },
    }),
    db.indicator.findMany({
      where: { id: { in: seen.flatMap((r) => (r.indicatorId ? [r.indicatorId] : [])) } },
      select: { id: true, name: true },
    }),
  ]);
  const authorOf = new Map(authors.map((a) => [a.id, a]));
  const entryOf = new Map(entries.map((e) => [e.id, e]));
  const indicatorOf = new Map(indicators.map((i) => [i.id, i]));
  return seen.map((r) => {
    const f = r.followUp;
    const followUpVisible = f && taskRelationIn(visibility, unitsOf(f)) !== "none";
    const entry = r.ledgerEntryId ? entryOf.get(r.ledgerEntryId) : undefined;
    return {
      id: r.id,
      target: r.target,
      text: r.text,
      createdAt: r.createdAt,
      author: authorOf.get(r.authorId) ?? { id: r.authorId, name: "—" },
      task: r.task ? { id: r.task.id, title: r.task.title } : null,
      ledgerEntry: entry ?? null,
      indicator: r.indicatorId ? (indicatorOf.get(r.indicatorId) ?? null) : null,
      followedUp: !!f,
      followUp:
        f && followUpVisible
          ? { id: f.id, title: f.title, dueDate: dateOnly(f.dueDate), status: f.status }
          : null,
    };
  });
}

const unitsOf = (t: {
  leadDepartmentId: string;
  supportingDepartments: Array<{ departmentId: string }>;
}) => ({
  leadDepartmentId: t.leadDepartmentId,
  supportingDepartmentIds: t.supportingDepartments.map((s) => s.departmentId),
});

/** The instructions of `rows` the visibility shows (see listInstructions). */
async function readable<
  R extends {
    target: InstructionTarget;
    ledgerEntryId: string | null;
    indicatorId: string | null;
    task: {
      leadDepartmentId: string;
      supportingDepartments: Array<{ departmentId: string }>;
    } | null;
  },
>(db: Db, visibility: Visibility, rows: R[]): Promise<R[]> {
  if (visibility.kind === "all") return rows;
  if (visibility.kind === "none") return [];
  const units = visibility.departmentIds;
  const [entries, indicators] = await Promise.all([
    db.ledgerEntry.findMany({
      where: { id: { in: rows.flatMap((r) => (r.ledgerEntryId ? [r.ledgerEntryId] : [])) } },
      select: { id: true, departmentId: true },
    }),
    db.indicator.findMany({
      where: { id: { in: rows.flatMap((r) => (r.indicatorId ? [r.indicatorId] : [])) } },
      select: { id: true, responsibleDepartmentId: true },
    }),
  ]);
  const entryUnit = new Map(entries.map((e) => [e.id, e.departmentId]));
  const responsible = new Map(indicators.map((i) => [i.id, i.responsibleDepartmentId]));
  return rows.filter((r) => {
    if (r.target === "INDICATOR") {
      const unit = r.indicatorId ? responsible.get(r.indicatorId) : null;
      return !!unit && units.includes(unit);
    }
    if (!r.task) return false;
    if (r.target === "LEDGER_ENTRY") {
      const unit = r.ledgerEntryId ? entryUnit.get(r.ledgerEntryId) : undefined;
      return !!unit && seesReport(visibility, unitsOf(r.task), unit);
    }
    return taskRelationIn(visibility, unitsOf(r.task)) !== "none";
  });
}

/**
 * 批示转办 (issue #17 step 5): the office turns a leader's instruction into a tracked follow-up, an
 * ad-hoc supervision item (立项, createAdHocTask) in one of its plans with source
 * LEADER_INSTRUCTION, the instruction's text as its source note, Task.instructionId pointing back,
 * starting today (Asia/Shanghai) and due on the date given. At most one follow-up per instruction
 * (a unique column): a second one, even racing the first, is CONFLICT and writes nothing.
 * Errors: NOT_FOUND (instruction or plan not visible), FORBIDDEN (not the office of the
 * instruction's jurisdiction), INVALID (plan of another jurisdiction or not active, due date
 * before today or outside the plan period, units not active units), CONFLICT (already followed up).
 */
export async function followUpInstruction(
  { db, actor, requestId, now }: DomainContext,
  input: z.infer<typeof ZInstructionFollowUpInput>,
): Promise<{ taskId: string }> {
  const instruction = await db.instruction.findUnique({
    where: { id: input.instructionId },
    include: { followUp: { select: { id: true } } },
  });
  if (!instruction) throw notFound("领导批示", "instruction");
  const visibility = await visibilityOf(db, actor, instruction.jurisdictionId);
  if (visibility.kind === "none") throw notFound("领导批示", "instruction");
  assertOffice(actor, instruction.jurisdictionId);
  const alreadyFollowedUp = () =>
    conflict("该批示已转为督办事项，不能重复转办", "this instruction already has a follow-up item");
  if (instruction.followUp) throw alreadyFollowedUp();
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  if (plan.jurisdictionId !== instruction.jurisdictionId)
    throw invalid(
      "所选规划不属于该批示所在的本级",
      "the plan is not of the instruction's jurisdiction",
      "planId",
    );
  const at = now ?? new Date();
  const today = shanghaiDay(at);
  if (input.dueDate < today)
    throw invalid("完成时限不能早于今天", "the due date is before today", "dueDate");
  const item: AdHocItem = {
    title: input.title,
    description: "",
    source: "LEADER_INSTRUCTION",
    sourceDocNumber: null,
    sourceNote: instruction.text,
    leadDepartmentId: input.leadDepartmentId,
    supportingDepartmentIds: input.supportingDepartmentIds,
    startDate: today,
    dueDate: input.dueDate,
    instructionId: instruction.id,
  };
  await assertItemValid(db, plan, item);
  try {
    const taskId = await db.$transaction(async (tx) => {
      const id = await createAdHocTask(tx, { actor, requestId, now: at }, plan, item);
      await recordAudit(tx, actor, {
        action: "instruction.followUp",
        entityType: "Instruction",
        entityId: instruction.id,
        jurisdictionId: instruction.jurisdictionId,
        after: { taskId: id, planId: plan.id, dueDate: input.dueDate },
        requestId,
      });
      return id;
    });
    return { taskId };
  } catch (error) {
    // two offices at once: the unique Task.instructionId lets one through
    if (conflictFromDatabase(error)?.details?.conflict === "unique") throw alreadyFollowedUp();
    throw error;
  }
}
