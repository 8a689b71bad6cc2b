import { Prisma, type DbOrTx } from "@duban/db";

import { toDbDate, type IsoDate } from "../calendar.ts";
import type { Visibility } from "../visibility.ts";
import { seesAnnualPlan } from "./annual-access.ts";
import { annualItemOutcome, type AnnualItemOutcome } from "./item-outcome.ts";

/** One annual-plan item as the filtered pages show it beside its task. */
export type YearItemView = AnnualItemOutcome & {
  itemId: string;
  /** this year's due date (AnnualPlanItem.dueDate), YYYY-MM-DD, shown next to the task's own */
  dueDate: IsoDate;
  /** 年度目标: the year's deliverable */
  deliverable: string;
  /** 结转: carried over from the previous year's plan */
  carriedOver: boolean;
};

/** A year item with what the aggregates need beside the view. */
export type YearItem = YearItemView & { leadDepartmentId: string; cancelled: boolean };

/**
 * The tasks of a plan that belong to year `year`, and how they were chosen (issue #18, "the
 * ledger, overview, task list, roadmap and timetable can be filtered to a year"):
 * - `ANNUAL_PLAN`: the plan has a year plan (年度工作要点) the actor may see — issued, or a draft
 *   for the office — and the year's tasks are its items (yearItems loads them).
 * - `SPAN`: no such year plan; the year's tasks are those whose span (startDate..dueDate) meets
 *   the year (starts on or before 31 Dec and is due on or after 1 Jan).
 * The scope only narrows: callers add it to the actor's own visibility condition, never replace it.
 */
export type YearScope = {
  year: number;
  /** first and last day of the year, YYYY-MM-DD */
  from: IsoDate;
  to: IsoDate;
  /** the day outcomes are judged on: today, or the year's last day once the year is over */
  asOf: IsoDate;
  basis: "ANNUAL_PLAN" | "SPAN";
  annualPlan: {
    id: string;
    title: string;
    status: "DRAFT" | "ISSUED";
    docNumber: string | null;
  } | null;
  /** the condition on Task for Prisma */
  where: Prisma.TaskWhereInput;
  /** the same condition in SQL, on the Task table aliased `t` */
  sql: Prisma.Sql;
};

/** The day a year's outcomes are judged on: `today`, or the year's last day once it is over. */
export function yearAsOf(year: number, today: IsoDate): IsoDate {
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

/**
 * The year scope of plan `planId` for an actor with `visibility` on day `today` (Asia/Shanghai),
 * or null without a year (the filter is "all years"). One query (the year plan, by its unique key).
 */
export async function yearScope(
  db: DbOrTx,
  visibility: Visibility,
  planId: string,
  year: number | undefined,
  today: IsoDate,
): Promise<YearScope | null> {
  if (year === undefined) return null;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const asOf = yearAsOf(year, today);
  const found = await db.annualPlan.findUnique({
    where: { planId_year: { planId, year } },
    select: { id: true, title: true, status: true, docNumber: true },
  });
  const annualPlan = found && seesAnnualPlan(visibility, found.status) ? found : null;
  if (!annualPlan)
    return {
      year,
      from,
      to,
      asOf,
      basis: "SPAN",
      annualPlan: null,
      where: { startDate: { lte: toDbDate(to) }, dueDate: { gte: toDbDate(from) } },
      sql: Prisma.sql`(t."startDate" <= ${to}::date AND t."dueDate" >= ${from}::date)`,
    };
  return {
    year,
    from,
    to,
    asOf,
    basis: "ANNUAL_PLAN",
    annualPlan,
    where: { annualItems: { some: { annualPlanId: annualPlan.id } } },
    sql: Prisma.sql`EXISTS (SELECT 1 FROM "AnnualPlanItem" ai WHERE ai."taskId" = t.id AND ai."annualPlanId" = ${annualPlan.id}::uuid)`,
  };
}

type ItemRow = {
  id: string;
  taskId: string;
  dueDate: IsoDate;
  deliverable: string;
  doneAt: string | null;
  carriedOver: boolean;
  status: string;
  completedAt: string | null;
  leadDepartmentId: string;
};

/** An instant as ISO text in SQL: the driver's own timestamp parsing cost 5× the query. */
const isoText = (column: Prisma.Sql) =>
  Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The year plan's items by task id, each with its outcome (annualItemOutcome on `scope.asOf`):
 * of the tasks `taskIds` (a page), or all of them (null). Empty without a year plan. One
 * statement, dates as text: all 5,000 items of a province's plan in about 50 ms (as Date columns
 * through the ORM's relation, 300 ms).
 */
export async function yearItems(
  db: DbOrTx,
  scope: YearScope | null,
  taskIds: string[] | null,
): Promise<Map<string, YearItem>> {
  if (!scope?.annualPlan || (taskIds && !taskIds.length)) return new Map();
  const rows = await db.$queryRaw<ItemRow[]>`
    SELECT i.id::text AS id, i."taskId"::text AS "taskId", to_char(i."dueDate", 'YYYY-MM-DD') AS "dueDate",
           i.deliverable, ${isoText(Prisma.sql`i."doneAt"`)} AS "doneAt",
           i."carriedOverFromId" IS NOT NULL AS "carriedOver", t.status::text AS status,
           ${isoText(Prisma.sql`t."completedAt"`)} AS "completedAt", t."leadDepartmentId"::text AS "leadDepartmentId"
      FROM "AnnualPlanItem" i JOIN "Task" t ON t.id = i."taskId"
     WHERE i."annualPlanId" = ${scope.annualPlan.id}::uuid
       ${taskIds ? Prisma.sql`AND i."taskId" = ANY(${taskIds}::uuid[])` : Prisma.empty}`;
  const year = scope.year;
  const instant = (iso: string | null) => (iso ? new Date(iso) : null);
  return new Map(
    rows.map((r) => [
      r.taskId,
      {
        ...annualItemOutcome(
          {
            year,
            dueDate: toDbDate(r.dueDate),
            doneAt: instant(r.doneAt),
            task: { status: r.status, completedAt: instant(r.completedAt) },
          },
          scope.asOf,
        ),
        itemId: r.id,
        dueDate: r.dueDate,
        deliverable: r.deliverable,
        carriedOver: r.carriedOver,
        leadDepartmentId: r.leadDepartmentId,
        cancelled: r.status === "CANCELLED",
      },
    ]),
  );
}

/** What the filtered pages return about the year: null for "all years". */
export function yearSummary(scope: YearScope | null) {
  if (!scope) return null;
  return {
    year: scope.year,
    from: scope.from,
    to: scope.to,
    asOf: scope.asOf,
    basis: scope.basis,
    annualPlan: scope.annualPlan,
  };
}

/** The year item of a task for the lists (without the fields only the aggregates need), or null. */
export function yearItemOf(items: Map<string, YearItem>, taskId: string): YearItemView | null {
  const item = items.get(taskId);
  if (!item) return null;
  const { leadDepartmentId: _lead, cancelled: _cancelled, ...view } = item;
  return view;
}
