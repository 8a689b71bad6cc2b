import type { z } from "zod";

import type { DbOrTx, Prisma, TaskSource, TaskStatus } from "@duban/db";

import {
  yearItemOf,
  yearItems,
  yearScope,
  yearSummary,
  type YearItem,
} from "../annual/year-scope.ts";
import { addDays, dateOnly, shanghaiDay, toDbDate, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import {
  expectedProgress,
  isDueSoon,
  lagPoints,
  scheduleState,
  trafficLight,
  type LightBands,
  type ScheduleState,
} from "../progress.ts";
import type { ZListTasksInput, ZTaskIdInput, ZTaskScheduleInput } from "../schemas/task.ts";
import { supervisionRules, supervisionRulesOfPlan } from "../supervision/settings.ts";
import { visibleUnits } from "../visibility.ts";
import { loadTaskForActor } from "./load-task.ts";
import { taskIdsInvolving } from "./unit-tasks.ts";

export { taskIdsInvolving };

/**
 * Prisma filter for a schedule state at `asOf`, so filtering and paging happen in SQL. The rule is
 * duban_schedule_state (SQL) / scheduleState (progress.ts); Prisma's `where` cannot call a SQL
 * function, so this spells out its status branches and duban_is_overdue / isOverdue (open and past
 * the due day) as plain column conditions, which also lets PostgreSQL walk the due-date index the
 * list is ordered by.
 * test/schedule-rule.test.ts holds every state of this filter to the function on random tasks.
 * - COMPLETED, CANCELLED: the status alone.
 * - OVERDUE: open (neither) and `asOf` after the due day.
 * - LAGGING, ON_SCHEDULE: open and not overdue; the 序时进度 arithmetic that splits them is
 *   scheduleState() over the candidates, in listTasks.
 * The traffic light's filter is trafficLight() over the open candidates, the same way; 临期 (due
 * soon) is plain column conditions too (duban_is_due_soon / isDueSoon).
 */
function scheduleWhere(state: ScheduleState, asOf: IsoDate): Prisma.TaskWhereInput {
  const today = toDbDate(asOf);
  switch (state) {
    case "COMPLETED":
      return { status: "COMPLETED" };
    case "CANCELLED":
      return { status: "CANCELLED" };
    case "OVERDUE":
      return { status: { notIn: ["COMPLETED", "CANCELLED"] }, dueDate: { lt: today } };
    default:
      return { status: { notIn: ["COMPLETED", "CANCELLED"] }, dueDate: { gte: today } };
  }
}

/** Open tasks due within `days` days of `asOf` (isDueSoon / duban_is_due_soon as column conditions). */
function dueSoonWhere(asOf: IsoDate, days: number, dueSoon: boolean): Prisma.TaskWhereInput {
  const open: Prisma.TaskWhereInput = { status: { notIn: ["COMPLETED", "CANCELLED"] } };
  const window: Prisma.TaskWhereInput = {
    dueDate: { gte: toDbDate(asOf), lte: toDbDate(addDays(asOf, days)) },
  };
  return dueSoon ? { AND: [open, window] } : { NOT: { AND: [open, window] } };
}

/**
 * A task as the lists show it on day `asOf`: dates as YYYY-MM-DD, 序时进度, the points behind it,
 * the schedule state, the traffic light (null when closed) and 临期, with the jurisdiction's `bands`
 * (supervisionRulesOf; issue #17 step 8).
 */
export function taskView<
  T extends {
    startDate: Date;
    dueDate: Date;
    originalDueDate: Date;
    status: Parameters<typeof scheduleState>[0]["status"];
    progress: number;
  },
>(task: T, asOf: IsoDate, bands: LightBands) {
  const startDate = dateOnly(task.startDate);
  const dueDate = dateOnly(task.dueDate);
  const judged = { status: task.status, progress: task.progress, startDate, dueDate };
  return {
    ...task,
    startDate,
    dueDate,
    originalDueDate: dateOnly(task.originalDueDate),
    redated: dateOnly(task.originalDueDate) !== dueDate,
    expectedProgress: expectedProgress(startDate, dueDate, asOf),
    lagPoints: lagPoints(judged, asOf),
    schedule: scheduleState(judged, asOf, bands),
    light: trafficLight(judged, asOf, bands),
    dueSoon: isDueSoon(judged, asOf, bands.dueSoonDays),
  };
}

/** The three traffic-light bands of a jurisdiction's rules, as the lists return them. */
const lightBands = (r: LightBands): LightBands => ({
  yellowLagPoints: r.yellowLagPoints,
  redLagPoints: r.redLagPoints,
  dueSoonDays: r.dueSoonDays,
});

/** Tasks of a unit: led or supported by one of the departments. */
const involving = async (
  db: DbOrTx,
  planId: string,
  departmentIds: string[],
): Promise<Prisma.TaskWhereInput> => ({
  id: { in: await taskIdsInvolving(db, planId, departmentIds) },
});

/**
 * The task list: the plan's tasks the actor may see (visibility.ts: all of them for the office,
 * leaders and the city above; those their units lead or support for department staff), filtered
 * and paged. This is the list view every other aggregate is measured against.
 * With `year` (the year filter, issue #18; annual/year-scope.ts) only the year's tasks: the year
 * plan's items when the actor sees one (each row then carries `yearItem`: the year's due date and
 * deliverable beside the task's own, and its outcome by annualItemOutcome), else the tasks whose
 * span meets the year. The answer's `year` says which; null without a year.
 */
export async function listTasks(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListTasksInput>,
) {
  const needsArithmetic =
    input.schedule === "LAGGING" || input.schedule === "ON_SCHEDULE" || input.light !== undefined;
  // A unit's tasks, two ways. Read whole (the arithmetic below needs every candidate), PostgreSQL
  // filters the plan's tasks by lead or supporting unit in one pass: 1.8 ms for a unit's 134 tasks
  // among the 5,000 of a plan. Under ORDER BY due date and LIMIT it walks the due-date index instead
  // (19 ms), so a page looks the unit's task ids up first (1.3 ms) and filters by them.
  const unitTasks = (
    departmentIds: string[],
  ): Prisma.TaskWhereInput | Promise<Prisma.TaskWhereInput> =>
    needsArithmetic
      ? {
          OR: [
            { leadDepartmentId: { in: departmentIds } },
            { supportingDepartments: { some: { departmentId: { in: departmentIds } } } },
          ],
        }
      : involving(db, input.planId, departmentIds);
  // the chosen unit's tasks need not wait for the access check (nothing is returned before it)
  const [{ visibility }, ofChosenUnit, bands] = await Promise.all([
    loadPlanForActor(db, actor, input.planId),
    input.departmentId ? unitTasks([input.departmentId]) : undefined,
    supervisionRulesOfPlan(db, input.planId),
  ]);
  const units = visibleUnits(visibility);
  const asOf = input.asOf ?? shanghaiDay(new Date());
  const scope = await yearScope(db, visibility, input.planId, input.year, asOf);
  const where: Prisma.TaskWhereInput = { planId: input.planId };
  const and: Prisma.TaskWhereInput[] = [];
  if (units) and.push(await unitTasks(units));
  // the year only narrows what the actor's visibility already allows
  if (scope) and.push(scope.where);
  if (ofChosenUnit) and.push(ofChosenUnit);
  if (input.status) and.push({ status: input.status });
  if (input.phaseId) and.push({ phaseId: input.phaseId });
  if (input.search)
    and.push({
      OR: [
        { title: { contains: input.search, mode: "insensitive" } },
        { description: { contains: input.search, mode: "insensitive" } },
      ],
    });
  if (input.schedule) and.push(scheduleWhere(input.schedule, asOf));
  // closed tasks have no light
  if (input.light) and.push({ status: { notIn: ["COMPLETED", "CANCELLED"] } });
  if (input.dueSoon !== undefined) and.push(dueSoonWhere(asOf, bands.dueSoonDays, input.dueSoon));
  if (and.length) where.AND = and;
  const orderBy: Prisma.TaskOrderByWithRelationInput[] = [{ dueDate: "asc" }, { id: "asc" }];
  if (!needsArithmetic) {
    const [total, ids] = await Promise.all([
      db.task.count({ where }),
      db.task.findMany({
        where,
        select: { id: true },
        orderBy,
        skip: (input.page - 1) * input.pageSize,
        take: input.pageSize,
      }),
    ]);
    const pageIds = ids.map((t) => t.id);
    const [rows, items] = await Promise.all([
      taskListRows(db, pageIds),
      yearItems(db, scope, pageIds),
    ]);
    return {
      total,
      page: input.page,
      pageSize: input.pageSize,
      items: rows.map((t) => withYearItem(taskView(t, asOf, bands), items)),
      bands: lightBands(bands),
      asOf,
      year: yearSummary(scope),
    };
  }
  // lagging, on-schedule and the lights need 序时进度 arithmetic: decide it with scheduleState() and
  // trafficLight() (the in-memory twins of duban_schedule_state / duban_traffic_light) with the
  // jurisdiction's bands over the few columns they read, then load the full rows (units, phase,
  // source) of the requested page only
  const candidates = await db.task.findMany({
    where,
    select: { id: true, status: true, progress: true, startDate: true, dueDate: true },
    orderBy,
  });
  const matching = candidates.filter((t) => {
    const judged = {
      status: t.status,
      progress: t.progress,
      startDate: dateOnly(t.startDate),
      dueDate: dateOnly(t.dueDate),
    };
    return (
      (!input.schedule || scheduleState(judged, asOf, bands) === input.schedule) &&
      (!input.light || trafficLight(judged, asOf, bands) === input.light)
    );
  });
  const start = (input.page - 1) * input.pageSize;
  const pageIds = matching.slice(start, start + input.pageSize).map((t) => t.id);
  const [rows, items] = await Promise.all([
    taskListRows(db, pageIds),
    yearItems(db, scope, pageIds),
  ]);
  return {
    total: matching.length,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((t) => withYearItem(taskView(t, asOf, bands), items)),
    bands: lightBands(bands),
    asOf,
    year: yearSummary(scope),
  };
}

/** A row with its year item (null without one: no year chosen, or no year plan). */
const withYearItem = <T extends { id: string }>(row: T, items: Map<string, YearItem>) => ({
  ...row,
  yearItem: yearItemOf(items, row.id),
});

type Unit = { id: string; name: string; shortName: string | null };
type TaskListRow = {
  id: string;
  title: string;
  status: TaskStatus;
  progress: number;
  startDate: Date;
  dueDate: Date;
  originalDueDate: Date;
  version: number;
  updatedAt: Date;
  leadDepartment: Unit;
  supportingDepartments: Array<{ department: Unit }>;
  phase: { id: string; key: string; name: string } | null;
  sourceNode: { id: string; code: string | null } | null;
  /** PLAN, or where an ad-hoc item (立项) comes from */
  source: TaskSource;
  sourceDocNumber: string | null;
  _count: { milestones: number };
};

/**
 * The task list's rows for a page of task ids, in the list's order (due date, then id), with their
 * units, phase, source paragraph and number of milestones in one statement: through Prisma's
 * relations the same page took six round trips (5 ms of the page's 11).
 */
async function taskListRows(db: DbOrTx, taskIds: string[]): Promise<TaskListRow[]> {
  if (!taskIds.length) return [];
  return db.$queryRaw<TaskListRow[]>`
    SELECT t.id::text AS id, t.title, t.status::text AS status, t.progress, t."startDate", t."dueDate", t."originalDueDate", t.version, t."updatedAt", t.source::text AS source, t."sourceDocNumber",
           json_build_object('id', ld.id, 'name', ld.name, 'shortName', ld."shortName") AS "leadDepartment",
           coalesce((SELECT json_agg(json_build_object('department', json_build_object('id', d.id, 'name', d.name, 'shortName', d."shortName")) ORDER BY s."departmentId")
                       FROM "TaskSupport" s JOIN "Department" d ON d.id = s."departmentId" WHERE s."taskId" = t.id), '[]') AS "supportingDepartments",
           CASE WHEN ph.id IS NULL THEN NULL ELSE json_build_object('id', ph.id, 'key', ph.key, 'name', ph.name) END AS phase,
           CASE WHEN n.id IS NULL THEN NULL ELSE json_build_object('id', n.id, 'code', n.code) END AS "sourceNode",
           json_build_object('milestones', (SELECT count(*)::int FROM "Milestone" m WHERE m."taskId" = t.id)) AS "_count"
      FROM "Task" t
      JOIN "Department" ld ON ld.id = t."leadDepartmentId"
      LEFT JOIN "Phase" ph ON ph.id = t."phaseId"
      LEFT JOIN "PlanNode" n ON n.id = t."sourceNodeId"
     WHERE t.id = ANY(${taskIds}::uuid[])
     ORDER BY t."dueDate", t.id`;
}

export async function getTask(
  { db, actor, now }: DomainContext,
  { taskId }: z.infer<typeof ZTaskIdInput>,
) {
  const asOf = shanghaiDay(now ?? new Date());
  const { relation, task: loaded } = await loadTaskForActor(db, actor, taskId);
  const [task, rules] = await Promise.all([
    db.task.findUniqueOrThrow({
      where: { id: taskId },
      include: {
        leadDepartment: { select: { id: true, name: true, shortName: true } },
        supportingDepartments: {
          select: { department: { select: { id: true, name: true, shortName: true } } },
          orderBy: { departmentId: "asc" },
        },
        phase: true,
        sourceNode: { select: { id: true, code: true, title: true, body: true } },
        milestones: { orderBy: [{ order: "asc" }, { dueDate: "asc" }, { id: "asc" }] },
        dateChanges: { orderBy: [{ changedAt: "asc" }, { id: "asc" }] },
        plan: { select: { id: true, title: true, jurisdictionId: true, status: true } },
      },
    }),
    supervisionRules(db, loaded.plan.jurisdictionId),
  ]);
  return {
    ...taskView(task, asOf, rules),
    relation,
    milestones: task.milestones.map((m) => ({ ...m, dueDate: dateOnly(m.dueDate) })),
    dateChanges: task.dateChanges.map((c) => ({
      ...c,
      fromDueDate: dateOnly(c.fromDueDate),
      toDueDate: dateOnly(c.toDueDate),
    })),
    /** the jurisdiction's traffic-light bands the light was judged with */
    bands: lightBands(rules),
  };
}

/** The roadmap and timetable show at most this many tasks of a plan (the province's largest has 5,000). */
export const SCHEDULE_LIMIT = 5000;

/**
 * Every task of a plan the actor may see, with its milestones, in two queries: what the roadmap
 * and the timetable draw. Department staff get the tasks their units lead or support.
 * With `year` (the year filter, issue #18): only the year's tasks (as listTasks), only the
 * milestones falling in the year, each task with its `yearItem` (the year's due date, which the
 * timetable shows as well); `year.from`/`year.to` is the window the roadmap draws and the
 * timetable keeps due dates within.
 */
export async function taskSchedule(
  { db, actor, now }: DomainContext,
  { planId, year }: z.infer<typeof ZTaskScheduleInput>,
) {
  const asOf = shanghaiDay(now ?? new Date());
  const [{ visibility }, bands] = await Promise.all([
    loadPlanForActor(db, actor, planId),
    supervisionRulesOfPlan(db, planId),
  ]);
  const units = visibleUnits(visibility);
  const scope = await yearScope(db, visibility, planId, year, asOf);
  const and: Prisma.TaskWhereInput[] = [];
  if (units) and.push(await involving(db, planId, units));
  if (scope) and.push(scope.where);
  const where: Prisma.TaskWhereInput = and.length ? { planId, AND: and } : { planId };
  const inYear = scope
    ? { dueDate: { gte: toDbDate(scope.from), lte: toDbDate(scope.to) } }
    : undefined;
  const [total, tasks, items] = await Promise.all([
    db.task.count({ where }),
    db.task.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: SCHEDULE_LIMIT,
      select: {
        id: true,
        title: true,
        status: true,
        progress: true,
        startDate: true,
        dueDate: true,
        originalDueDate: true,
        leadDepartment: { select: { id: true, name: true } },
        phase: { select: { id: true, key: true, name: true } },
        sourceNode: { select: { code: true } },
        milestones: {
          where: inYear,
          select: { id: true, title: true, dueDate: true, doneAt: true },
          orderBy: [{ order: "asc" }, { dueDate: "asc" }, { id: "asc" }],
        },
      },
    }),
    yearItems(db, scope, null),
  ]);
  return {
    total,
    limit: SCHEDULE_LIMIT,
    year: yearSummary(scope),
    tasks: tasks.map((t) => ({
      ...withYearItem(taskView(t, asOf, bands), items),
      milestones: t.milestones.map((m) => ({ ...m, dueDate: dateOnly(m.dueDate) })),
    })),
  };
}
