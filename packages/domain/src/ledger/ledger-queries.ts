import type { z } from "zod";

import { Prisma, type Db, type TaskStatus } from "@duban/db";

import { assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { yearItemOf, yearItems, yearScope, yearSummary } from "../annual/year-scope.ts";
import { shanghaiDay, shanghaiMidnight } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { notFound } from "../errors.ts";
import { periodOfDay, periodsOfYears, periodStart } from "../periods.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type {
  ZLedgerEntryIdInput,
  ZLedgerGridInput,
  ZReviewQueueInput,
  ZTaskLedgerInput,
} from "../schemas/ledger.ts";
import { loadTaskForActor, taskUnits } from "../tasks/load-task.ts";
import { taskIdsInvolving } from "../tasks/unit-tasks.ts";
import { seesReport, visibleUnits } from "../visibility.ts";

/** One collator for every comparison: localeCompare(…, "zh-CN") looks the locale up on each call. */
const zhCollator = new Intl.Collator("zh-CN");

export type LedgerCellState = "NOT_DUE" | "DUE" | "SUBMITTED" | "APPROVED" | "RETURNED" | "LATE";

/** The state of one task × quarter cell for one reporting unit. */
export function ledgerCellState(
  cycle: { state: string; dueAt: Date } | undefined,
  entry: { reviewState: string; late: boolean } | undefined,
  now: Date,
): LedgerCellState {
  if (entry)
    return entry.reviewState === "APPROVED"
      ? "APPROVED"
      : entry.reviewState === "RETURNED"
        ? "RETURNED"
        : "SUBMITTED";
  if (!cycle || cycle.state === "SCHEDULED") return "NOT_DUE";
  return now > cycle.dueAt ? "LATE" : "DUE";
}

type GridTask = {
  id: string;
  title: string;
  status: TaskStatus;
  progress: number;
  leadDepartmentId: string;
  code: string | null;
  order: number | null;
  supporting: string[];
};

/**
 * 台账 grid: the tasks a unit reports on × the plan's quarters. Department staff see their own
 * units; the office and readers choose a department (or see the lead units' rows).
 * With `year` (the year filter, issue #18; annual/year-scope.ts): the four quarters of the year
 * (those begun or with a cycle) and only the year's tasks — the year plan's items when the actor
 * sees one (each row then carries `yearItem`), else the tasks whose span meets the year.
 */
export async function ledgerGrid(
  { db, actor, now = new Date() }: DomainContext,
  input: z.input<typeof ZLedgerGridInput>,
) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  // staff: rows of their own units only, also when they ask for another unit
  const mine = visibleUnits(visibility);
  const departmentIds = mine
    ? mine.filter((d) => !input.departmentId || d === input.departmentId)
    : input.departmentId
      ? [input.departmentId]
      : null;
  const [unitTaskIds, cycles, scope] = await Promise.all([
    departmentIds ? taskIdsInvolving(db, plan.id, departmentIds) : null,
    db.reportingCycle.findMany({ where: { planId: plan.id }, orderBy: { period: "asc" } }),
    yearScope(db, visibility, plan.id, input.year, shanghaiDay(now)),
  ]);
  // one statement for the tasks with their source paragraph and supporting units (the ORM's
  // relations took three round trips)
  const tasks = await db.$queryRaw<GridTask[]>`
    SELECT t.id::text AS id, t.title, t.status::text AS status, t.progress, t."leadDepartmentId"::text AS "leadDepartmentId", n.code, n."order",
           coalesce((SELECT array_agg(s."departmentId"::text ORDER BY s."departmentId") FROM "TaskSupport" s WHERE s."taskId" = t.id), '{}') AS supporting
      FROM "Task" t LEFT JOIN "PlanNode" n ON n.id = t."sourceNodeId"
     WHERE ${unitTaskIds ? Prisma.sql`t.id = ANY(${unitTaskIds}::uuid[])` : Prisma.sql`t."planId" = ${plan.id}::uuid`}
       ${scope ? Prisma.sql`AND ${scope.sql}` : Prisma.empty}`;
  // hierarchy order: the plan's own order of the source paragraphs, then title
  tasks.sort(
    (a, b) =>
      (a.order ?? 1e9) - (b.order ?? 1e9) ||
      zhCollator.compare(a.title, b.title) ||
      a.id.localeCompare(b.id),
  );
  // a unit sees a row for each of its units on the task; the office, the lead unit's row
  const allRows = tasks.flatMap((t) =>
    (departmentIds
      ? [t.leadDepartmentId, ...t.supporting].filter((d) => departmentIds.includes(d))
      : [t.leadDepartmentId]
    ).map((departmentId) => ({ task: t, departmentId })),
  );
  const pageRows = allRows.slice((page - 1) * pageSize, page * pageSize);
  const pageTaskIds = [...new Set(pageRows.map((r) => r.task.id))];
  // current entries of the page's tasks in the plan's cycles (index on taskId, isCurrent)
  const [entries, items] = await Promise.all([
    !pageTaskIds.length || !cycles.length
      ? []
      : db.ledgerEntry.findMany({
          where: {
            isCurrent: true,
            taskId: { in: pageTaskIds },
            cycleId: { in: cycles.map((c) => c.id) },
            departmentId: { in: [...new Set(pageRows.map((r) => r.departmentId))] },
          },
          select: {
            id: true,
            taskId: true,
            cycleId: true,
            departmentId: true,
            reviewState: true,
            late: true,
            percentComplete: true,
          },
        }),
    yearItems(db, scope, pageTaskIds),
  ]);
  const thisPeriod = periodOfDay(shanghaiDay(now));
  // quarters after the plan's end appear once carried-over tasks report in them (lastReportingYear)
  const lastYear = Math.max(plan.periodEnd, ...cycles.map((c) => Number(c.period.slice(0, 4))));
  const periods = periodsOfYears(
    scope ? scope.year : plan.periodStart,
    scope ? scope.year : lastYear,
  ).filter((p) => shanghaiMidnight(periodStart(p)) <= now || cycles.some((c) => c.period === p));
  const cycleByPeriod = new Map(cycles.map((c) => [c.period, c]));
  const entryByKey = new Map(entries.map((e) => [`${e.taskId}:${e.cycleId}:${e.departmentId}`, e]));
  const rows = pageRows.map(({ task: t, departmentId }) => ({
    taskId: t.id,
    title: t.title,
    code: t.code,
    status: t.status,
    progress: t.progress,
    departmentId,
    role: departmentId === t.leadDepartmentId ? ("lead" as const) : ("support" as const),
    yearItem: yearItemOf(items, t.id),
    cells: periods.map((period) => {
      const cycle = cycleByPeriod.get(period);
      const entry = cycle ? entryByKey.get(`${t.id}:${cycle.id}:${departmentId}`) : undefined;
      return {
        period,
        cycleId: cycle?.id ?? null,
        entryId: entry?.id ?? null,
        state: ledgerCellState(cycle, entry, now),
        percentComplete: entry?.percentComplete ?? null,
      };
    }),
  }));
  return {
    periods,
    currentPeriod: thisPeriod,
    cycles: cycles.map((c) => ({
      id: c.id,
      period: c.period,
      state: c.state,
      dueAt: c.dueAt,
      closesAt: c.closesAt,
    })),
    total: allRows.length,
    page,
    pageSize,
    rows,
    /** the year filter: which year, on which basis, null for all years */
    year: yearSummary(scope),
  };
}

/** The office's review queue: current entries waiting for a decision. */
export async function reviewQueue(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZReviewQueueInput>,
) {
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  assertOffice(actor, plan.jurisdictionId);
  return db.ledgerEntry.findMany({
    where: {
      isCurrent: true,
      reviewState: "SUBMITTED",
      task: { planId: plan.id },
      ...(input.cycleId ? { cycleId: input.cycleId } : {}),
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    include: {
      task: { select: { id: true, title: true, leadDepartmentId: true } },
      department: { select: { id: true, name: true } },
      evidence: {
        select: { id: true, fileName: true, size: true },
        orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
      },
    },
    take: 500,
  });
}

/** Every revision of every report on a task that the actor may see (a supporting unit sees its own). */
export async function taskLedgerHistory(
  { db, actor }: DomainContext,
  { taskId }: z.infer<typeof ZTaskLedgerInput>,
) {
  const { relation, visibility } = await loadTaskForActor(db, actor, taskId);
  const where: Prisma.LedgerEntryWhereInput = { taskId };
  // a supporting unit sees its own units' reports (seesReport in visibility.ts)
  if (relation === "support") where.departmentId = { in: visibleUnits(visibility) ?? [] };
  return db.ledgerEntry.findMany({
    where,
    orderBy: [{ period: "desc" }, { departmentId: "asc" }, { revision: "desc" }],
    include: {
      department: { select: { id: true, name: true } },
      evidence: {
        select: { id: true, fileName: true, size: true, mimeType: true },
        orderBy: [{ uploadedAt: "asc" }, { id: "asc" }],
      },
    },
  });
}

/** A ledger entry the actor may see (its unit's rows, or the whole plan's), or null. */
export async function findLedgerEntry(db: Db, actor: Actor, entryId: string) {
  const entry = await db.ledgerEntry.findUnique({
    where: { id: entryId },
    include: {
      department: { select: { id: true, name: true } },
      evidence: { orderBy: [{ uploadedAt: "asc" }, { id: "asc" }] },
      cycle: true,
    },
  });
  if (!entry) return null;
  const { task, visibility } = await loadTaskForActor(db, actor, entry.taskId);
  if (!seesReport(visibility, taskUnits(task), entry.departmentId)) return null;
  return entry;
}

/** `ledger.entry`: one entry the actor may see; NOT_FOUND otherwise. */
export async function getLedgerEntry(
  { db, actor }: DomainContext,
  { entryId }: z.infer<typeof ZLedgerEntryIdInput>,
) {
  const entry = await findLedgerEntry(db, actor, entryId);
  if (!entry) throw notFound("台账记录", "ledger entry");
  return entry;
}
