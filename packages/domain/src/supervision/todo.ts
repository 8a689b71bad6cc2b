import type { z } from "zod";

import type { ChangeRequestKind, NoticeLevel } from "@duban/db";

import { addDays, dateOnly, shanghaiDay, toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { forbidden } from "../errors.ts";
import { noticeTitle } from "../i18n/notice-text.ts";
import { missingReports } from "../monitoring/cycle-reminders.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type { ZTodoInput } from "../schemas/supervision.ts";
import { supervisionRules } from "./settings.ts";
import { unacknowledgedTasks } from "./unacknowledged.ts";

/** Items shown per list; `count` says how many there are in all. */
export const TODO_LIMIT = 20;
/** A notice is listed from this many days before its reply date. */
export const NOTICE_NEAR_DAYS = 3;
/** A rejected change request stays in the unit's 待办 this many days (or until a new request of its kind). */
export const REJECTED_RECENT_DAYS = 30;

export type TodoList<T> = { count: number; items: T[] };
type TaskRef = { taskId: string; taskTitle: string };
type Unit = { id: string; name: string };

/** tasks with work to do: not completed, cancelled or suspended */
const CLOSED_STATUSES = ["COMPLETED", "CANCELLED", "SUSPENDED"] as const;
const list = <T>(items: T[]): TodoList<T> => ({
  count: items.length,
  items: items.slice(0, TODO_LIMIT),
});
const taskRef = (t: { id: string; title: string }): TaskRef => ({
  taskId: t.id,
  taskTitle: t.title,
});
/** The plan's tasks the units lead or support: all a unit's 待办 may name (visibility.ts). */
const involving = (planId: string, units: string[]) => ({
  planId,
  OR: [
    { leadDepartmentId: { in: units } },
    { supportingDepartments: { some: { departmentId: { in: units } } } },
  ],
});
const unitSelect = { select: { id: true, name: true } } as const;
const taskSelect = { select: { id: true, title: true } } as const;

/** Open tasks of the plan that the given units lead and have not acknowledged (待签收), oldest first. */
async function awaitingAcknowledgement(db: DomainContext["db"], planId: string, units: string[]) {
  const tasks = await db.task.findMany({
    where: {
      planId,
      acknowledgedAt: null,
      status: { notIn: [...CLOSED_STATUSES] },
      leadDepartmentId: { in: units },
    },
    orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      version: true,
      assignedAt: true,
      dueDate: true,
      leadDepartment: unitSelect,
    },
  });
  return tasks.map((t) => ({
    ...taskRef(t),
    version: t.version,
    unit: t.leadDepartment as Unit,
    assignedAt: t.assignedAt.toISOString(),
    dueDate: dateOnly(t.dueDate),
  }));
}

/** Notices of the plan's tasks not answered yet, optionally only those addressed to some units. */
async function unansweredNotices(
  db: DomainContext["db"],
  planId: string,
  dueBy: string | null,
  units?: string[],
) {
  const notices = await db.supervisionNotice.findMany({
    where: {
      task: units ? involving(planId, units) : { planId },
      replies: { none: {} },
      ...(units ? { departmentId: { in: units } } : {}),
      ...(dueBy ? { replyDueDate: { lte: toDbDate(dueBy) } } : {}),
    },
    orderBy: [{ replyDueDate: "asc" }, { issuedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      year: true,
      number: true,
      level: true,
      replyDueDate: true,
      issuedAt: true,
      departmentId: true,
      task: taskSelect,
    },
  });
  const unitsById = new Map(
    (
      await db.department.findMany({
        where: { id: { in: [...new Set(notices.map((n) => n.departmentId))] } },
        select: { id: true, name: true },
      })
    ).map((d) => [d.id, d]),
  );
  return notices.map((n) => ({
    ...taskRef(n.task),
    noticeId: n.id,
    number: noticeTitle(n.year, n.number),
    level: n.level as NoticeLevel,
    unit: unitsById.get(n.departmentId) ?? { id: n.departmentId, name: "" },
    replyDueDate: dateOnly(n.replyDueDate),
    issuedAt: n.issuedAt.toISOString(),
  }));
}

/**
 * The office's 待办 (issue #17 "Everywhere"): what waits for the office of the plan's jurisdiction,
 * each list with its count and its first TODO_LIMIT items, oldest first:
 * - changeRequests: requests to decide: PENDING for the office; for a leader of the jurisdiction,
 *   those the office approved that wait for the leader's second approval (OFFICE_APPROVED);
 * - completions: completion applications to sign off (PENDING);
 * - unacknowledged: open tasks not acknowledged although SupervisionSettings.acknowledgeWorkingDays
 *   working days (Mon–Fri) have passed since 交办 (unacknowledgedTasks, the rule the reminder job uses);
 * - notices: notices without a reply whose reply date is past or within NOTICE_NEAR_DAYS days;
 * - reviews: current ledger reports waiting for review (SUBMITTED).
 * The office, its leaders and the city above may read it (they see the whole jurisdiction);
 * department staff are refused (FORBIDDEN: their 待办 is unitTodo); anyone else gets NOT_FOUND.
 */
export async function officeTodo(
  { db, actor, now = new Date() }: DomainContext,
  { planId }: z.infer<typeof ZTodoInput>,
) {
  const { plan, visibility } = await loadPlanForActor(db, actor, planId);
  if (visibility.kind !== "all")
    throw forbidden(
      "办公室待办仅供领导小组办公室和领导查看",
      "the office's to-do list is for the leading group office and leaders only",
    );
  const today = shanghaiDay(now);
  const leader =
    visibility.access === "read" &&
    actor.kind === "user" &&
    actor.memberships.some((m) => m.jurisdictionId === plan.jurisdictionId && m.role === "LEADER");
  const rules = await supervisionRules(db, plan.jurisdictionId);
  const [requests, completions, unacknowledged, notices, reviews] = await Promise.all([
    db.changeRequest.findMany({
      where: { task: { planId }, state: leader ? "OFFICE_APPROVED" : "PENDING" },
      orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      include: { task: taskSelect },
    }),
    db.completionApplication.findMany({
      where: { task: { planId }, state: "PENDING" },
      orderBy: [{ appliedAt: "asc" }, { id: "asc" }],
      include: { task: taskSelect },
    }),
    unacknowledgedTasks(db, { planId, asOf: now }),
    unansweredNotices(db, planId, addDays(today, NOTICE_NEAR_DAYS)),
    db.ledgerEntry.findMany({
      where: { task: { planId }, isCurrent: true, reviewState: "SUBMITTED" },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        period: true,
        percentComplete: true,
        submittedAt: true,
        late: true,
        task: taskSelect,
        department: unitSelect,
      },
    }),
  ]);
  const units = new Map(
    (
      await db.department.findMany({
        where: {
          id: {
            in: [
              ...new Set([
                ...requests.map((r) => r.departmentId),
                ...completions.map((c) => c.departmentId),
              ]),
            ],
          },
        },
        select: { id: true, name: true },
      })
    ).map((d) => [d.id, d]),
  );
  const unitOf = (id: string): Unit => units.get(id) ?? { id, name: "" };
  return {
    role: leader ? ("leader" as const) : ("office" as const),
    asOf: today,
    acknowledgeWorkingDays: rules.acknowledgeWorkingDays,
    changeRequests: list(
      requests.map((r) => ({
        ...taskRef(r.task),
        requestId: r.id,
        version: r.version,
        kind: r.kind as ChangeRequestKind,
        state: r.state,
        declined: r.declined,
        unit: unitOf(r.departmentId),
        reason: r.reason,
        proposedDueDate: r.proposedDueDate ? dateOnly(r.proposedDueDate) : null,
        requestedAt: r.requestedAt.toISOString(),
      })),
    ),
    completions: list(
      completions.map((c) => ({
        ...taskRef(c.task),
        applicationId: c.id,
        version: c.version,
        unit: unitOf(c.departmentId),
        appliedAt: c.appliedAt.toISOString(),
      })),
    ),
    unacknowledged: list(
      unacknowledged.map((u) => ({
        taskId: u.taskId,
        taskTitle: u.taskTitle,
        unit: { id: u.leadDepartmentId, name: u.departmentName } as Unit,
        assignedOn: u.assignedOn,
        workingDaysWaiting: u.workingDaysWaiting,
        limit: u.limit,
      })),
    ),
    notices: list(notices.map((n) => ({ ...n, overdue: n.replyDueDate < today }))),
    reviews: list(
      reviews.map((e) => ({
        ...taskRef(e.task),
        entryId: e.id,
        period: e.period,
        percentComplete: e.percentComplete,
        late: e.late,
        unit: e.department as Unit,
        submittedAt: e.submittedAt.toISOString(),
      })),
    ),
  };
}

/**
 * A unit's 待办 (issue #17 "Everywhere"): what waits for the caller's own units (department
 * staff), each list with its count and first TODO_LIMIT items:
 * - toAcknowledge: open tasks the units lead that are not acknowledged (待签收);
 * - toReport: reports each open reporting cycle still expects from the units (missingReports, the
 *   rule the cycle reminders use);
 * - notices: notices addressed to the units without a reply;
 * - returned: current reports returned by the office, completion applications returned and not
 *   re-applied, change requests rejected within REJECTED_RECENT_DAYS days and not filed again.
 * Everything listed is on tasks the units lead or support (the one visibility rule). The office
 * and readers are refused (FORBIDDEN: their 待办 is officeTodo); anyone else gets NOT_FOUND.
 */
export async function unitTodo(
  { db, actor, now = new Date() }: DomainContext,
  { planId }: z.infer<typeof ZTodoInput>,
) {
  const { visibility } = await loadPlanForActor(db, actor, planId);
  if (visibility.kind !== "units")
    throw forbidden(
      "单位待办仅供责任单位工作人员查看",
      "a unit's to-do list is for the unit's own staff",
    );
  const units = visibility.departmentIds;
  const today = shanghaiDay(now);
  const involved = involving(planId, units);
  const recent = new Date(now.getTime() - REJECTED_RECENT_DAYS * 86_400_000);
  const [toAcknowledge, cycles, notices, returnedEntries, completions, rejected] =
    await Promise.all([
      awaitingAcknowledgement(db, planId, units),
      db.reportingCycle.findMany({
        where: { planId, state: "OPEN" },
        orderBy: { period: "asc" },
        select: { id: true, planId: true, period: true, dueAt: true },
      }),
      unansweredNotices(db, planId, null, units),
      db.ledgerEntry.findMany({
        where: {
          task: involved,
          isCurrent: true,
          reviewState: "RETURNED",
          departmentId: { in: units },
        },
        orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          period: true,
          cycleId: true,
          version: true,
          reviewedAt: true,
          reviewComment: true,
          task: taskSelect,
          department: unitSelect,
        },
      }),
      db.completionApplication.findMany({
        where: { task: involved, departmentId: { in: units } },
        orderBy: [{ appliedAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          state: true,
          decidedAt: true,
          comment: true,
          appliedAt: true,
          departmentId: true,
          task: taskSelect,
        },
      }),
      db.changeRequest.findMany({
        where: {
          task: involved,
          departmentId: { in: units },
          OR: [
            {
              state: "REJECTED",
              OR: [{ officeDecidedAt: { gte: recent } }, { leaderDecidedAt: { gte: recent } }],
            },
            { requestedAt: { gte: recent } },
          ],
        },
        orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          state: true,
          requestedAt: true,
          officeDecidedAt: true,
          leaderDecidedAt: true,
          officeComment: true,
          leaderComment: true,
          departmentId: true,
          task: taskSelect,
        },
      }),
    ]);
  const unitRows = await db.department.findMany({
    where: { id: { in: units } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  const unitOf = new Map(unitRows.map((d) => [d.id, d as Unit]));
  const named = (id: string): Unit => unitOf.get(id) ?? { id, name: "" };

  const toReport = [];
  for (const cycle of cycles) {
    const missing = await missingReports(db, cycle);
    for (const departmentId of units)
      for (const m of missing.get(departmentId) ?? [])
        toReport.push({
          taskId: m.taskId,
          taskTitle: m.title,
          role: m.role,
          cycleId: cycle.id,
          period: cycle.period,
          dueAt: cycle.dueAt.toISOString(),
          overdue: now > cycle.dueAt,
          unit: named(departmentId),
        });
  }

  // a returned application counts until the unit applies again; a rejected request until it files again
  const latestApplication = new Map<string, (typeof completions)[number]>();
  for (const c of completions) latestApplication.set(`${c.task.id}:${c.departmentId}`, c);
  const latestRequest = new Map<string, (typeof rejected)[number]>();
  for (const r of rejected) latestRequest.set(`${r.task.id}:${r.departmentId}:${r.kind}`, r);
  const returned = [
    ...returnedEntries.map((e) => ({
      kind: "report" as const,
      ...taskRef(e.task),
      id: e.id,
      period: e.period as string | null,
      unit: e.department as Unit,
      comment: e.reviewComment,
      at: (e.reviewedAt ?? new Date(0)).toISOString(),
    })),
    ...[...latestApplication.values()]
      .filter((c) => c.state === "RETURNED")
      .map((c) => ({
        kind: "completion" as const,
        ...taskRef(c.task),
        id: c.id,
        period: null,
        unit: named(c.departmentId),
        comment: c.comment,
        at: (c.decidedAt ?? c.appliedAt).toISOString(),
      })),
    ...[...latestRequest.values()]
      .filter((r) => r.state === "REJECTED")
      .map((r) => ({
        kind: "changeRequest" as const,
        requestKind: r.kind as ChangeRequestKind,
        ...taskRef(r.task),
        id: r.id,
        period: null,
        unit: named(r.departmentId),
        comment: r.leaderComment ?? r.officeComment,
        at: (r.leaderDecidedAt ?? r.officeDecidedAt ?? r.requestedAt).toISOString(),
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return {
    role: "unit" as const,
    asOf: today,
    units: unitRows,
    toAcknowledge: list(toAcknowledge),
    toReport: list(toReport),
    notices: list(notices.map((n) => ({ ...n, overdue: n.replyDueDate < today }))),
    returned: list(returned),
  };
}
