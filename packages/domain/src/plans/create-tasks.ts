import type { z } from "zod";

import type { Db, Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid, staleVersion } from "../errors.ts";
import type {
  TaskDraft,
  ZActivatePlanInput,
  ZCreateTasksInput,
  ZSetPhasesInput,
} from "../schemas/plan.ts";
import { loadPlanForActor } from "./plan-queries.ts";

/** Dates must fall inside the plan period; departments must belong to the plan's jurisdiction. */
export async function assertTaskDraftValid(
  tx: Tx | Db,
  plan: { jurisdictionId: string; periodStart: number; periodEnd: number },
  draft: Pick<
    TaskDraft,
    "startDate" | "dueDate" | "leadDepartmentId" | "supportingDepartmentIds" | "milestones"
  >,
  index?: number,
) {
  const where = index === undefined ? "" : `第 ${index + 1} 项任务：`;
  const whereEn = index === undefined ? "" : `task ${index + 1}: `;
  const first = `${plan.periodStart}-01-01`;
  const last = `${plan.periodEnd}-12-31`;
  for (const [label, day] of [
    ["开始日期", draft.startDate],
    ["完成时限", draft.dueDate],
    ...draft.milestones.map((m) => ["节点日期", m.dueDate] as const),
  ] as const) {
    if (day < first || day > last)
      throw invalid(
        `${where}${label} ${day} 不在规划期 ${plan.periodStart}–${plan.periodEnd} 内`,
        `${whereEn}${day} is outside the plan period ${plan.periodStart}–${plan.periodEnd}`,
        "dueDate",
      );
  }
  await assertActiveUnits(
    tx,
    plan.jurisdictionId,
    [draft.leadDepartmentId, ...draft.supportingDepartmentIds],
    index,
  );
}

/**
 * The units are active units of the jurisdiction. Checked before a task is assigned (or reopened),
 * and again in the writing transaction after its write, with a share lock on the units' rows: a
 * deactivation (departments/deactivation.ts, FOR UPDATE) either waits for this transaction and
 * then counts its task, or committed first and is seen here, and the write rolls back.
 */
export async function assertActiveUnits(
  tx: Tx | Db,
  jurisdictionId: string,
  departmentIds: string[],
  index?: number,
) {
  const ids = [...new Set(departmentIds)];
  // FOR SHARE: a deactivation (FOR UPDATE) waits for this transaction, or this one reads its result
  const rows = await tx.$queryRaw<Array<{ ok: boolean }>>`
    SELECT ("jurisdictionId" = ${jurisdictionId}::uuid AND active) AS ok FROM "Department" WHERE id = ANY(${ids}::uuid[]) FOR SHARE`;
  if (rows.length !== ids.length || rows.some((r) => !r.ok)) {
    const where = index === undefined ? "" : `第 ${index + 1} 项任务：`;
    const whereEn = index === undefined ? "" : `task ${index + 1}: `;
    throw invalid(
      `${where}所选单位不属于本级或已停用`,
      `${whereEn}a selected department is not an active unit of this jurisdiction`,
      "leadDepartmentId",
    );
  }
}

/**
 * Turns candidate nodes (or free-standing drafts) into tasks, in bulk: one transaction, one audit
 * event per task. Used by the import wizard's confirm step.
 */
export async function createTasks(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZCreateTasksInput>,
): Promise<string[]> {
  const { planId, tasks: drafts } = input;
  const { plan } = await loadPlanForActor(db, actor, planId);
  assertOffice(actor, plan.jurisdictionId);
  if (plan.status === "ARCHIVED")
    throw invalid("已归档的规划不能再添加任务", "an archived plan takes no new tasks");
  const phases = await db.phase.findMany({ where: { planId } });
  const phaseByKey = new Map(phases.map((p) => [p.key, p.id]));
  const nodeIds = drafts.map((d) => d.nodeId).filter((id): id is string => !!id);
  const nodes = await db.planNode.count({ where: { id: { in: nodeIds }, planId } });
  if (nodes !== new Set(nodeIds).size)
    throw invalid("有条目不属于该规划", "a source node does not belong to this plan", "nodeId");
  for (const [i, d] of drafts.entries()) {
    await assertTaskDraftValid(db, plan, d, i);
    if (d.phaseKey && !phaseByKey.has(d.phaseKey))
      throw invalid(
        `第 ${i + 1} 项任务：路线图阶段不存在`,
        `task ${i + 1}: unknown roadmap phase ${d.phaseKey}`,
        "phaseKey",
      );
  }
  return db.$transaction(
    async (tx) => {
      const ids: string[] = [];
      for (const d of drafts) {
        const task = await tx.task.create({
          data: {
            planId,
            sourceNodeId: d.nodeId,
            title: d.title,
            description: d.description,
            leadText: d.leadText || null,
            supportText: d.supportText || null,
            deadlineText: d.deadlineText || null,
            leadDepartmentId: d.leadDepartmentId,
            phaseId: d.phaseKey ? phaseByKey.get(d.phaseKey)! : null,
            startDate: toDbDate(d.startDate),
            dueDate: toDbDate(d.dueDate),
            originalDueDate: toDbDate(d.dueDate),
            supportingDepartments: {
              create: d.supportingDepartmentIds.map((departmentId) => ({ departmentId })),
            },
            milestones: {
              create: d.milestones.map((m, order) => ({
                title: m.title,
                dueDate: toDbDate(m.dueDate),
                order,
              })),
            },
          },
        });
        ids.push(task.id);
        await recordAudit(tx, actor, {
          action: "task.create",
          entityType: "Task",
          entityId: task.id,
          jurisdictionId: plan.jurisdictionId,
          after: d,
          requestId,
        });
      }
      await assertActiveUnits(
        tx,
        plan.jurisdictionId,
        drafts.flatMap((d) => [d.leadDepartmentId, ...d.supportingDepartmentIds]),
      );
      return ids;
    },
    { timeout: 60_000 },
  );
}

/** Draft → active: reporting can start. Needs at least one task. */
export async function activatePlan(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZActivatePlanInput>,
) {
  const { planId, version } = input;
  const { plan } = await loadPlanForActor(db, actor, planId);
  assertOffice(actor, plan.jurisdictionId);
  if (plan.status !== "DRAFT")
    throw invalid("只有草稿状态的规划可以启用", "only a draft plan can be activated");
  const tasks = await db.task.count({ where: { planId } });
  if (tasks === 0)
    throw invalid(
      "请先从候选条目中分解出任务，再启用规划",
      "decompose the plan into tasks before activating it",
    );
  return db.$transaction(async (tx) => {
    const updated = await tx.plan.updateMany({
      where: { id: planId, version },
      data: { status: "ACTIVE", activatedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("规划", "plan", plan.version);
    // 交办 (issue #17 step 1): the plan's tasks are assigned when it takes effect; each lead unit
    // acknowledges from now (no email per task: the plan's activation is announced as a whole)
    await tx.task.updateMany({
      where: { planId, acknowledgedAt: null },
      data: { assignedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "plan.activate",
      entityType: "Plan",
      entityId: planId,
      jurisdictionId: plan.jurisdictionId,
      before: { status: plan.status },
      after: { status: "ACTIVE" },
      requestId,
    });
    return { planId, version: version + 1 };
  });
}

export async function archivePlan(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZActivatePlanInput>,
) {
  const { planId, version } = input;
  const { plan } = await loadPlanForActor(db, actor, planId);
  assertOffice(actor, plan.jurisdictionId);
  if (plan.status === "ARCHIVED") throw invalid("规划已归档", "plan already archived");
  return db.$transaction(async (tx) => {
    const updated = await tx.plan.updateMany({
      where: { id: planId, version },
      data: { status: "ARCHIVED", version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion("规划", "plan", plan.version);
    await recordAudit(tx, actor, {
      action: "plan.archive",
      entityType: "Plan",
      entityId: planId,
      jurisdictionId: plan.jurisdictionId,
      before: { status: plan.status },
      after: { status: "ARCHIVED" },
      requestId,
    });
    return { planId, version: version + 1 };
  });
}

/** Replaces the roadmap phases (configurable per plan); tasks keep their phase by key. */
export async function setPhases(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZSetPhasesInput>,
) {
  const { planId, phases } = input;
  const { plan } = await loadPlanForActor(db, actor, planId);
  assertOffice(actor, plan.jurisdictionId);
  const keys = new Set(phases.map((p) => p.key));
  if (keys.size !== phases.length) throw invalid("阶段标识重复", "duplicate phase keys", "phases");
  for (const p of phases) {
    if (p.startDate < `${plan.periodStart}-01-01` || p.endDate > `${plan.periodEnd}-12-31`)
      throw invalid(
        `阶段“${p.name}”超出规划期`,
        `phase ${p.name} is outside the plan period`,
        "phases",
      );
  }
  return db.$transaction(async (tx) => {
    const before = await tx.phase.findMany({ where: { planId }, orderBy: { order: "asc" } });
    const removed = before.filter((b) => !keys.has(b.key));
    if (removed.length) {
      const used = await tx.task.count({ where: { phaseId: { in: removed.map((r) => r.id) } } });
      if (used)
        throw invalid(
          "有任务仍属于将被删除的阶段，请先调整这些任务",
          "tasks still belong to a phase being removed",
          "phases",
        );
      await tx.phase.deleteMany({ where: { id: { in: removed.map((r) => r.id) } } });
    }
    // move orders out of the way first: (planId, order) is unique
    await tx.phase.updateMany({ where: { planId }, data: { order: { increment: 1000 } } });
    for (const [order, p] of phases.entries()) {
      await tx.phase.upsert({
        where: { planId_key: { planId, key: p.key } },
        create: {
          planId,
          key: p.key,
          name: p.name,
          order,
          startDate: toDbDate(p.startDate),
          endDate: toDbDate(p.endDate),
        },
        update: {
          name: p.name,
          order,
          startDate: toDbDate(p.startDate),
          endDate: toDbDate(p.endDate),
        },
      });
    }
    await recordAudit(tx, actor, {
      action: "plan.setPhases",
      entityType: "Plan",
      entityId: planId,
      jurisdictionId: plan.jurisdictionId,
      before,
      after: phases,
      requestId,
    });
  });
}
