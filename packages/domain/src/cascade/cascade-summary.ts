// Summaries follow the cascade (issue #19: "the city's quarterly summary has a per-county table;
// the county's summary shows what it owes upward"). One assembly for the quarterly-summary job
// (email + workbook) and any API caller; the one visibility rule cuts it to the viewer.
import type { Db, DbOrTx, TaskStatus } from "@duban/db";

import type { Actor } from "../actor.ts";
import { dateOnly, shanghaiDay, shanghaiMidnight, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { notFound } from "../errors.ts";
import {
  assignmentStateLabels,
  decompositionLatenessLabels,
  scheduleLabels,
} from "../i18n/labels.ts";
import { periodEnd, periodStart } from "../periods.ts";
import { expectedProgress, percentOf, scheduleState } from "../progress.ts";
import { supervisionRulesOf } from "../supervision/settings.ts";
import { visibilityOf } from "../visibility.ts";
import { decompositionLateness } from "./lateness.ts";

/** Lagging/overdue tasks of the counties' subtrees listed (the table counts them all). */
export const CASCADE_PROBLEM_LIMIT = 200;

/** One row of the per-county table (各县（市、区）分解落实情况). Percentages 0–100, one decimal. */
export type CascadeChildRow = {
  jurisdictionId: string;
  jurisdictionName: string;
  /** assignments from this plan's items, withdrawn ones left out */
  received: number;
  decomposed: number;
  pending: number;
  /** pending past decomposeBy on the summary's day (isDecompositionLate) */
  late: number;
  /** the assignments' progress, weighted by their weight (0 while undecomposed) */
  progress: number;
  /** tasks in the county's subtree (its decomposing tasks and theirs, at any depth) */
  tasks: number;
  lagging: number;
  overdue: number;
  /** the quarter's reports of the subtree's tasks, by their lead unit */
  reportsExpected: number;
  reportsSubmitted: number;
  completeness: number;
};

export type CascadeProblem = {
  jurisdictionName: string;
  title: string;
  departmentName: string;
  schedule: string;
  progress: number;
  expectedProgress: number;
  dueDate: IsoDate;
};

/** One row of 上级下达事项: what the plan's jurisdiction owes the office above. */
export type OwedUpwardRow = {
  assignmentId: string;
  kind: "TASK" | "INDICATOR";
  parentTitle: string;
  parentPlanTitle: string;
  fromJurisdictionName: string;
  decomposeBy: IsoDate;
  /** 待分解 / 已分解 (zh labels, as printed) */
  state: string;
  /** decompositionLateness label: 未到期 / 逾期未分解 / 按时分解 / 逾期分解 */
  lateness: string;
  decomposedOn: IsoDate | null;
  /** the indicator share's target, for an indicator assignment */
  shareTarget: number | null;
  progress: number;
};

export type CascadeSummary = {
  children: CascadeChildRow[];
  problemCount: number;
  problems: CascadeProblem[];
  owed: OwedUpwardRow[];
};

type SubtreeTask = {
  id: string;
  child: string;
  title: string;
  status: TaskStatus;
  progress: number;
  startDate: Date;
  dueDate: Date;
  completedAt: Date | null;
  leadDepartmentId: string;
  departmentName: string;
  planId: string;
  jurisdictionId: string;
};

/**
 * Every task below the given assignments, tagged with the receiving jurisdiction of the
 * assignment it descends from: the decomposing tasks (Task.assignmentId), their sub-tasks
 * (parentTaskId) and the tasks of assignments made from any of them further down, at any depth.
 * One recursive query; UNION (not UNION ALL) keeps a malformed cycle from looping.
 */
async function subtreeTasks(db: DbOrTx, assignmentIds: string[]): Promise<SubtreeTask[]> {
  if (assignmentIds.length === 0) return [];
  return db.$queryRaw<SubtreeTask[]>`
    WITH RECURSIVE sub(id, child) AS (
      SELECT t.id, a."toJurisdictionId"
        FROM "Task" t JOIN "Assignment" a ON a.id = t."assignmentId"
       WHERE a.id = ANY(${assignmentIds}::uuid[])
      UNION
      SELECT c.id, sub.child
        FROM sub
        LEFT JOIN "Assignment" a2 ON a2."parentTaskId" = sub.id AND a2.state <> 'WITHDRAWN'
        JOIN "Task" c ON c."parentTaskId" = sub.id OR c."assignmentId" = a2.id
    )
    SELECT DISTINCT ON (t.id) t.id::text AS id, sub.child::text AS child, t.title,
           t.status::text AS status, t.progress, t."startDate", t."dueDate", t."completedAt",
           t."leadDepartmentId"::text AS "leadDepartmentId", d.name AS "departmentName",
           t."planId"::text AS "planId", p."jurisdictionId"::text AS "jurisdictionId"
      FROM sub
      JOIN "Task" t ON t.id = sub.id
      JOIN "Plan" p ON p.id = t."planId"
      JOIN "Department" d ON d.id = t."leadDepartmentId"
     ORDER BY t.id`;
}

/** Which of `jurisdictionIds` the viewer reads in full (null viewer: the job, for the office and leaders). */
async function readable(db: DbOrTx, viewer: Actor | null, jurisdictionIds: string[]) {
  if (!viewer) return new Set(jurisdictionIds);
  const out = new Set<string>();
  for (const id of jurisdictionIds)
    if ((await visibilityOf(db, viewer, id)).kind === "all") out.add(id);
  return out;
}

/**
 * The cascade part of one plan's quarterly summary, as of `asOf` (a Shanghai day, at most the
 * quarter's end):
 * - `children`: per receiving jurisdiction of assignments made from this plan's tasks and
 *   indicators (withdrawn left out): received / decomposed / pending / late (lateness.ts, the one
 *   rule), the weighted progress of its assignments, lagging and overdue tasks in its subtree
 *   (scheduleState with the task's own jurisdiction's bands), and the quarter's reporting
 *   completeness of that subtree: each task reportable in the quarter (not cancelled, started by
 *   its end, not completed before its start) expects one current ledger entry from its lead unit.
 * - `owed` (上级下达事项): the assignments the plan's jurisdiction received that land in this plan,
 *   or in no plan yet (owed either way, so every plan's summary shows them), with their state,
 *   lateness and progress.
 * Visibility: `viewer` null is the job (its recipients are the plan's office and leaders, who
 * read every jurisdiction below and their own parent items); a user sees only the children whose
 * jurisdiction they read in full (visibilityOf kind "all"), and `owed` only when they read the
 * plan's jurisdiction in full. Throws NOT_FOUND for a missing plan.
 */
export async function buildCascadeSummary(
  db: DbOrTx,
  input: { planId: string; period: string; asOf: IsoDate; viewer?: Actor | null },
): Promise<CascadeSummary> {
  const plan = await db.plan.findUnique({
    where: { id: input.planId },
    select: { id: true, jurisdictionId: true },
  });
  if (!plan) throw notFound("规划", "plan");
  const viewer = input.viewer ?? null;
  const [down, up] = await Promise.all([
    db.assignment.findMany({
      where: {
        state: { not: "WITHDRAWN" },
        OR: [{ parentTask: { planId: plan.id } }, { parentIndicator: { planId: plan.id } }],
      },
      select: {
        id: true,
        state: true,
        decomposeBy: true,
        decomposedAt: true,
        weight: true,
        progress: true,
        toJurisdictionId: true,
        toJurisdiction: { select: { name: true } },
      },
    }),
    db.assignment.findMany({
      where: {
        toJurisdictionId: plan.jurisdictionId,
        state: { not: "WITHDRAWN" },
        OR: [
          { targetPlanId: plan.id },
          { targetPlanId: null },
          { tasks: { some: { planId: plan.id } } },
        ],
      },
      orderBy: [{ decomposeBy: "asc" }, { assignedAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        kind: true,
        state: true,
        decomposeBy: true,
        decomposedAt: true,
        shareTarget: true,
        progress: true,
        fromJurisdiction: { select: { name: true } },
        parentTask: { select: { title: true, plan: { select: { title: true } } } },
        parentIndicator: { select: { name: true, plan: { select: { title: true } } } },
      },
    }),
  ]);
  const seen = await readable(db, viewer, [
    ...new Set([...down.map((a) => a.toJurisdictionId), plan.jurisdictionId]),
  ]);
  const visibleDown = down.filter((a) => seen.has(a.toJurisdictionId));
  const lateness = (a: {
    state: "PENDING" | "DECOMPOSED" | "WITHDRAWN";
    decomposeBy: Date;
    decomposedAt: Date | null;
  }) =>
    decompositionLateness(
      {
        state: a.state,
        decomposeBy: dateOnly(a.decomposeBy),
        decomposedOn: a.decomposedAt ? shanghaiDay(a.decomposedAt) : null,
      },
      input.asOf,
    );

  const rows = new Map<string, CascadeChildRow & { weightSum: number; weighted: number }>();
  for (const a of visibleDown) {
    const row = rows.get(a.toJurisdictionId) ?? {
      jurisdictionId: a.toJurisdictionId,
      jurisdictionName: a.toJurisdiction.name,
      received: 0,
      decomposed: 0,
      pending: 0,
      late: 0,
      progress: 0,
      tasks: 0,
      lagging: 0,
      overdue: 0,
      reportsExpected: 0,
      reportsSubmitted: 0,
      completeness: 0,
      weightSum: 0,
      weighted: 0,
    };
    row.received++;
    if (a.state === "DECOMPOSED") row.decomposed++;
    if (a.state === "PENDING") row.pending++;
    if (lateness(a) === "late") row.late++;
    row.weightSum += a.weight;
    row.weighted += a.weight * a.progress;
    rows.set(a.toJurisdictionId, row);
  }

  const tasks = await subtreeTasks(
    db,
    visibleDown.map((a) => a.id),
  );
  const bands = await supervisionRulesOf(db, [...new Set(tasks.map((t) => t.jurisdictionId))]);
  const start = periodStart(input.period);
  const end = periodEnd(input.period);
  const reportable = tasks.filter(
    (t) =>
      t.status !== "CANCELLED" &&
      dateOnly(t.startDate) <= end &&
      (!t.completedAt || t.completedAt >= shanghaiMidnight(start)),
  );
  const entries = reportable.length
    ? await db.ledgerEntry.findMany({
        where: {
          taskId: { in: reportable.map((t) => t.id) },
          period: input.period,
          isCurrent: true,
        },
        select: { taskId: true, departmentId: true },
      })
    : [];
  const reported = new Set(entries.map((e) => `${e.taskId}:${e.departmentId}`));
  const names = new Map([...rows.values()].map((r) => [r.jurisdictionId, r.jurisdictionName]));
  const problems: CascadeProblem[] = [];
  for (const t of tasks) {
    const row = rows.get(t.child);
    if (!row) continue;
    row.tasks++;
    const schedule = {
      status: t.status,
      progress: t.progress,
      startDate: dateOnly(t.startDate),
      dueDate: dateOnly(t.dueDate),
    };
    const state = scheduleState(schedule, input.asOf, bands.get(t.jurisdictionId));
    if (state === "LAGGING") row.lagging++;
    if (state === "OVERDUE") row.overdue++;
    if (state === "LAGGING" || state === "OVERDUE")
      problems.push({
        jurisdictionName: names.get(t.child) ?? "",
        title: t.title,
        departmentName: t.departmentName,
        schedule: scheduleLabels[state].zh,
        progress: t.progress,
        expectedProgress: expectedProgress(schedule.startDate, schedule.dueDate, input.asOf),
        dueDate: schedule.dueDate,
      });
  }
  for (const t of reportable) {
    const row = rows.get(t.child);
    if (!row) continue;
    row.reportsExpected++;
    if (reported.has(`${t.id}:${t.leadDepartmentId}`)) row.reportsSubmitted++;
  }
  problems.sort(
    (a, b) =>
      a.jurisdictionName.localeCompare(b.jurisdictionName, "zh-CN") ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.title.localeCompare(b.title, "zh-CN"),
  );

  const children = [...rows.values()]
    .map(({ weightSum, weighted, ...row }) => ({
      ...row,
      progress: weightSum === 0 ? 0 : Math.round((weighted / weightSum) * 10) / 10,
      completeness: percentOf(row.reportsSubmitted, row.reportsExpected),
    }))
    .sort(
      (a, b) =>
        a.jurisdictionName.localeCompare(b.jurisdictionName, "zh-CN") ||
        a.jurisdictionId.localeCompare(b.jurisdictionId),
    );

  const owed: OwedUpwardRow[] = seen.has(plan.jurisdictionId)
    ? up.map((a) => ({
        assignmentId: a.id,
        kind: a.kind,
        parentTitle: a.parentTask?.title ?? a.parentIndicator?.name ?? "",
        parentPlanTitle: (a.parentTask ?? a.parentIndicator)?.plan.title ?? "",
        fromJurisdictionName: a.fromJurisdiction.name,
        decomposeBy: dateOnly(a.decomposeBy),
        state: assignmentStateLabels[a.state].zh,
        lateness: decompositionLatenessLabels[lateness(a)].zh,
        decomposedOn: a.decomposedAt ? shanghaiDay(a.decomposedAt) : null,
        shareTarget: a.shareTarget,
        progress: a.progress,
      }))
    : [];
  return {
    children,
    problemCount: problems.length,
    problems: problems.slice(0, CASCADE_PROBLEM_LIMIT),
    owed,
  };
}

/**
 * The same for a signed-in user (an API or export): the plan must be readable (NOT_FOUND
 * otherwise, so ids leak nothing), and the figures are cut to what the actor reads.
 */
export async function cascadeSummaryFor(
  { db, actor, now }: DomainContext,
  input: { planId: string; period: string },
): Promise<CascadeSummary> {
  const plan = await db.plan.findUnique({
    where: { id: input.planId },
    select: { jurisdictionId: true },
  });
  if (!plan || (await visibilityOf(db, actor, plan.jurisdictionId)).kind === "none")
    throw notFound("规划", "plan");
  const today = shanghaiDay(now ?? new Date());
  const end = periodEnd(input.period);
  return buildCascadeSummary(db as Db, {
    ...input,
    asOf: today < end ? today : end,
    viewer: actor,
  });
}
