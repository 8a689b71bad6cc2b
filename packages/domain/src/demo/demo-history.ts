import { randomUUID } from "node:crypto";

import type { Db, Prisma, QualityRating, TaskStatus } from "@duban/db";

import { addDays, dateOnly, shanghaiDay, toDbDate } from "../calendar.ts";
import { cycleCompleteness, defaultCycleWindow } from "../ledger/cycles.ts";
import { nextPeriod, periodOfDay } from "../periods.ts";
import { at, prng, seedOf, taskFate } from "./demo-fates.ts";
import { insertRows, updateTasks, type TaskRow } from "./demo-insert.ts";
import {
  quarterLedger,
  type AuditRow,
  type DemoTask,
  type People,
  type TaskMove,
} from "./demo-ledger.ts";
import { demoMilestones } from "./demo-milestones.ts";

const RATINGS: Array<[QualityRating, string]> = [
  ["EXCELLENT", "提前完成，成效显著。"],
  ["GOOD", "按期完成，成效较好。"],
  ["GOOD", "完成年度目标任务，成效较好。"],
  ["FAIR", "基本完成，佐证材料有待完善。"],
];

/** What the generated history amounts to (for the CLI's summary and the tests). */
export type HistorySummary = { cycles: number; entries: number; completed: number; audit: number };

/**
 * Five years of a plan's life up to `now`, written in batches (createMany) with an audit event
 * per step: every quarter from the plan's first to the current one as a reporting cycle (closed
 * with each unit's CycleDepartmentStat once its window has passed, the current one open), the
 * units' reports and the office's reviews (reviewLedgerEntry's rules: an approved lead report
 * moves the task, never to 已办结), completion applications signed off (the only way to 已办结),
 * tasks carried past the plan's end re-dated into the following year (TaskDateChange), 签收, and
 * milestones consistent with the ledger. Deterministic: seeded by the plan's title.
 */
export async function simulateHistory(
  db: Db,
  planId: string,
  people: People,
  now: Date,
): Promise<HistorySummary> {
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const rnd = prng(seedOf(plan.title));
  const today = shanghaiDay(now);
  const rows = await db.task.findMany({
    where: { planId },
    include: {
      supportingDepartments: { include: { department: { select: { name: true } } } },
      sourceNode: { select: { order: true } },
    },
  });
  rows.sort(
    (a, b) =>
      (a.sourceNode?.order ?? 0) - (b.sourceNode?.order ?? 0) || a.title.localeCompare(b.title),
  );
  const tasks: DemoTask[] = rows.map((t) => {
    const start = dateOnly(t.startDate);
    const due = dateOnly(t.dueDate);
    const fate = taskFate(rnd, { start, due }, plan.periodEnd, today);
    const appliedAt = fate.finish && at(fate.finish, 10) < now ? at(fate.finish, 10) : null;
    const decided = fate.finish ? at(addDays(fate.finish, 3), 15) : null;
    return {
      id: t.id,
      start,
      due,
      leadDepartmentId: t.leadDepartmentId,
      // by name, not id: ids differ from load to load, and the draw order must not
      supportIds: t.supportingDepartments
        .sort((a, b) => a.department.name.localeCompare(b.department.name))
        .map((s) => s.departmentId),
      fate,
      appliedAt,
      completedAt: decided && decided < now ? decided : null,
    };
  });
  const audit: AuditRow[] = [];
  const entries: Prisma.LedgerEntryCreateManyInput[] = [];
  const moves: TaskMove[] = [];
  const jurisdictionId = people.jurisdictionId;
  const office = { actorUserId: people.office.id, actorLabel: people.office.email };
  // quarters run while a task is due in them: the plan period, and the year a task was carried into
  const lastYear = Math.max(
    plan.periodEnd,
    ...tasks.map((t) => Number((t.fate.redate?.to ?? t.due).slice(0, 4))),
  );
  const current = periodOfDay(today);
  const cycles: Prisma.ReportingCycleCreateManyInput[] = [];
  for (let p = `${plan.periodStart}Q1`; p <= current && Number(p.slice(0, 4)) <= lastYear;) {
    const window = defaultCycleWindow(p);
    const closed = window.closesAt < now;
    const id = randomUUID();
    cycles.push({
      id,
      planId,
      period: p,
      ...window,
      state: closed ? "CLOSED" : "OPEN",
      openedAt: window.opensAt,
      closedAt: closed ? window.closesAt : null,
    });
    audit.push({
      ...office,
      at: window.opensAt,
      action: "cycle.open",
      entityType: "ReportingCycle",
      entityId: id,
      jurisdictionId,
      after: {
        period: p,
        opensAt: window.opensAt.toISOString(),
        dueAt: window.dueAt.toISOString(),
        closesAt: window.closesAt.toISOString(),
      },
    });
    quarterLedger(rnd, { id, period: p }, tasks, people, now, { entries, audit, moves });
    p = nextPeriod(p);
  }
  const dateChanges: Prisma.TaskDateChangeCreateManyInput[] = [];
  const applications: Prisma.CompletionApplicationCreateManyInput[] = [];
  const taskUpdates: TaskRow[] = [];
  moves.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const task of tasks) {
    const lead = people.users.get(task.leadDepartmentId);
    const leadActor = { actorUserId: lead?.id ?? null, actorLabel: lead?.email ?? "system:demo" };
    const assignedAt = at(`${plan.periodStart}-01-08`, 10);
    const acknowledgedAt = at(addDays(`${plan.periodStart}-01-08`, 2 + Math.floor(rnd() * 8)), 11);
    audit.push({
      ...leadActor,
      at: acknowledgedAt,
      action: "task.acknowledge",
      entityType: "Task",
      entityId: task.id,
      jurisdictionId,
      after: { acknowledgedAt: acknowledgedAt.toISOString() },
    });
    let status: TaskStatus = "NOT_STARTED";
    let progress = 0;
    let version = 1; // the acknowledgement
    for (const m of moves.filter((x) => x.taskId === task.id)) {
      audit.push({
        ...office,
        at: m.at,
        action: "task.progressFromLedger",
        entityType: "Task",
        entityId: task.id,
        jurisdictionId,
        before: { status, progress },
        after: { status: "IN_PROGRESS", progress: m.percent, ledgerEntryId: m.entryId },
      });
      status = "IN_PROGRESS";
      progress = m.percent;
      version++;
    }
    const data: Omit<TaskRow, "id" | "status" | "progress" | "version"> = {
      dueDate: task.due,
      assignedAt,
      acknowledgedAt,
      acknowledgedById: lead?.id ?? null,
      completedAt: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      ratedById: null,
    };
    if (task.fate.redate && at(task.fate.redate.on, 10) < now) {
      const reason = `规划期内未完成，结转至${task.fate.redate.to.slice(0, 4)}年继续实施`;
      dateChanges.push({
        taskId: task.id,
        fromDueDate: toDbDate(task.due),
        toDueDate: toDbDate(task.fate.redate.to),
        reason,
        changedById: people.office.id,
        changedAt: at(task.fate.redate.on, 10),
      });
      audit.push({
        ...office,
        at: at(task.fate.redate.on, 10),
        action: "task.redate",
        entityType: "Task",
        entityId: task.id,
        jurisdictionId,
        before: { dueDate: task.due },
        after: { dueDate: task.fate.redate.to, reason },
      });
      data.dueDate = task.fate.redate.to;
      version++;
    }
    if (task.appliedAt) {
      const applicationId = randomUUID();
      const [rating, comment] = RATINGS[Math.floor(rnd() * RATINGS.length)]!;
      const decided = task.completedAt;
      applications.push({
        id: applicationId,
        taskId: task.id,
        departmentId: task.leadDepartmentId,
        summary: "已按计划完成全部建设内容，相关成果已通过验收，佐证材料已上传。",
        state: decided ? "APPROVED" : "PENDING",
        appliedById: lead?.id ?? null,
        appliedAt: task.appliedAt,
        decidedById: decided ? people.office.id : null,
        decidedAt: decided,
        rating: decided ? rating : null,
        comment: decided ? comment : null,
        version: decided ? 1 : 0,
      });
      audit.push({
        ...leadActor,
        at: task.appliedAt,
        action: "completion.apply",
        entityType: "CompletionApplication",
        entityId: applicationId,
        jurisdictionId,
        after: { taskId: task.id, status: "PENDING_REVIEW" },
      });
      status = "PENDING_REVIEW";
      version++;
      if (decided) {
        audit.push({
          ...office,
          at: decided,
          action: "completion.approve",
          entityType: "CompletionApplication",
          entityId: applicationId,
          jurisdictionId,
          after: { taskId: task.id, taskStatus: "COMPLETED", progress: 100, rating },
        });
        Object.assign(data, {
          completedAt: decided,
          rating,
          ratingComment: comment,
          ratedAt: decided,
          ratedById: people.office.id,
        });
        status = "COMPLETED";
        progress = 100;
        version++;
      }
    }
    taskUpdates.push({ id: task.id, ...data, status, progress, version });
  }
  const milestones = await demoMilestones(db, tasks, people, now, audit);
  return db.$transaction(
    async (tx) => {
      await tx.plan.update({
        where: { id: planId },
        data: { activatedAt: at(`${plan.periodStart}-01-08`, 9) },
      });
      await tx.reportingCycle.createMany({ data: cycles });
      await insertRows(tx, "LedgerEntry", entries);
      await tx.completionApplication.createMany({ data: applications });
      await tx.taskDateChange.createMany({ data: dateChanges });
      await updateTasks(tx, taskUpdates);
      for (const m of milestones) await tx.milestone.update(m);
      for (const c of cycles.filter((c) => c.state === "CLOSED")) {
        const stats = await cycleCompleteness(tx, { id: c.id!, planId, period: c.period });
        await tx.cycleDepartmentStat.createMany({
          data: stats.map((s) => ({ cycleId: c.id!, ...s, recordedAt: c.closedAt! })),
        });
        audit.push({
          ...office,
          at: c.closedAt as Date,
          action: "cycle.close",
          entityType: "ReportingCycle",
          entityId: c.id!,
          jurisdictionId,
          before: { state: "OPEN" },
          after: { state: "CLOSED", stats },
        });
      }
      audit.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
      await insertRows(tx, "AuditEvent", audit);
      return {
        cycles: cycles.length,
        entries: entries.length,
        completed: taskUpdates.filter((u) => u.status === "COMPLETED").length,
        audit: audit.length,
      };
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}
