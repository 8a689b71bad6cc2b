import type { z } from "zod";

import type { DbOrTx, Prisma } from "@duban/db";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { addDays, shanghaiMidnight, toDbDate, type IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import { periodEnd, periodStart } from "../periods.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type { ZCloseCycleInput, ZListCyclesInput, ZOpenCycleInput } from "../schemas/ledger.ts";
import { visibleUnits } from "../visibility.ts";

/** Days after the quarter's end by which units report, and after which the window closes. */
export const REPORT_DUE_DAYS = 10;
export const REPORT_CLOSE_DAYS = 15;

/**
 * A quarter's reporting window: it opens when the quarter starts, reports are due by the end of
 * the 10th day after the quarter, and late reports are accepted until the window closes.
 */
export function defaultCycleWindow(period: string, dueDate?: IsoDate, closeDate?: IsoDate) {
  const end = periodEnd(period);
  const due = dueDate ?? addDays(end, REPORT_DUE_DAYS);
  const close = closeDate ?? addDays(end, REPORT_CLOSE_DAYS);
  return {
    opensAt: shanghaiMidnight(periodStart(period)),
    dueAt: new Date(shanghaiMidnight(addDays(due, 1)).getTime() - 1000),
    closesAt: new Date(shanghaiMidnight(addDays(close, 1)).getTime() - 1000),
  };
}

/**
 * The last year a plan reports in: the end of its period, or later while a task carried past it
 * (结转, re-dated into a later year) is due then and not finished — its quarters still report —
 * or while the office keeps a 年度工作要点 for a later year (issue #18: the 2026 annual plan of a
 * 2021–2025 plan), whose items, ad-hoc ones included, are supervised and reported like any other.
 */
export async function lastReportingYear(db: DbOrTx, plan: { id: string; periodEnd: number }) {
  const [latest, annual] = await Promise.all([
    db.task.findFirst({
      where: { planId: plan.id, status: { notIn: ["COMPLETED", "CANCELLED"] } },
      orderBy: { dueDate: "desc" },
      select: { dueDate: true },
    }),
    db.annualPlan.findFirst({
      where: { planId: plan.id },
      orderBy: { year: "desc" },
      select: { year: true },
    }),
  ]);
  return Math.max(
    plan.periodEnd,
    latest ? latest.dueDate.getUTCFullYear() : plan.periodEnd,
    annual?.year ?? plan.periodEnd,
  );
}

export async function openCycle(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZOpenCycleInput>,
) {
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  assertOffice(actor, plan.jurisdictionId);
  if (plan.status !== "ACTIVE")
    throw invalid(
      "规划启用后才能开启季度填报",
      "activate the plan before opening a reporting cycle",
    );
  const year = Number(input.period.slice(0, 4));
  if (year < plan.periodStart || year > (await lastReportingYear(db, plan)))
    throw invalid(
      `季度 ${input.period} 不在规划期内`,
      `${input.period} is outside the plan period`,
      "period",
    );
  const window = defaultCycleWindow(input.period, input.dueDate, input.closeDate);
  if (window.closesAt < window.dueAt)
    throw invalid("关闭日期不能早于截止日期", "close date before due date", "closeDate");
  return db.$transaction(async (tx) => {
    const existing = await tx.reportingCycle.findUnique({
      where: { planId_period: { planId: input.planId, period: input.period } },
    });
    if (existing && existing.state !== "SCHEDULED")
      throw conflict(
        `${input.period} 的填报周期已${existing.state === "OPEN" ? "开启" : "关闭"}`,
        `the ${input.period} cycle is already ${existing.state.toLowerCase()}`,
      );
    const cycle = existing
      ? await tx.reportingCycle.update({
          where: { id: existing.id },
          data: { ...window, state: "OPEN", openedAt: new Date() },
        })
      : await tx.reportingCycle.create({
          data: {
            planId: input.planId,
            period: input.period,
            ...window,
            state: "OPEN",
            openedAt: new Date(),
          },
        });
    await recordAudit(tx, actor, {
      action: "cycle.open",
      entityType: "ReportingCycle",
      entityId: cycle.id,
      jurisdictionId: plan.jurisdictionId,
      after: { period: input.period, ...window },
      requestId,
    });
    return cycle;
  });
}

/** Tasks that owe a report for `period`: started by its end, not cancelled, not completed before it began. */
export function reportableTaskWhere(planId: string, period: string) {
  return {
    planId,
    status: { not: "CANCELLED" as const },
    startDate: { lte: toDbDate(periodEnd(period)) },
    OR: [{ completedAt: null }, { completedAt: { gte: shanghaiMidnight(periodStart(period)) } }],
  };
}

/** Per department: how many reports the cycle expects, how many came, how many on time. */
export async function cycleCompleteness(
  db: DbOrTx,
  cycle: { id: string; planId: string; period: string },
) {
  const tasks = await db.task.findMany({
    where: reportableTaskWhere(cycle.planId, cycle.period),
    // the units are listed in the order they first appear here
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      leadDepartmentId: true,
      supportingDepartments: { select: { departmentId: true }, orderBy: { departmentId: "asc" } },
    },
  });
  const entries = await db.ledgerEntry.findMany({
    where: { cycleId: cycle.id, isCurrent: true },
    select: { taskId: true, departmentId: true, late: true, revision: true },
  });
  const firstLate = await db.ledgerEntry.findMany({
    where: { cycleId: cycle.id, revision: 1 },
    select: { taskId: true, departmentId: true, late: true },
  });
  const lateByKey = new Map(firstLate.map((e) => [`${e.taskId}:${e.departmentId}`, e.late]));
  const submittedKeys = new Set(entries.map((e) => `${e.taskId}:${e.departmentId}`));
  const stats = new Map<
    string,
    { departmentId: string; expected: number; submitted: number; onTime: number; late: number }
  >();
  const bump = (departmentId: string, taskId: string) => {
    const s = stats.get(departmentId) ?? {
      departmentId,
      expected: 0,
      submitted: 0,
      onTime: 0,
      late: 0,
    };
    s.expected++;
    const key = `${taskId}:${departmentId}`;
    if (submittedKeys.has(key)) {
      s.submitted++;
      // timeliness is judged on the first submission; amendments do not make a report late
      if (lateByKey.get(key)) s.late++;
      else s.onTime++;
    }
    stats.set(departmentId, s);
  };
  for (const t of tasks) {
    bump(t.leadDepartmentId, t.id);
    for (const s of t.supportingDepartments) bump(s.departmentId, t.id);
  }
  return [...stats.values()];
}

export async function closeCycle(
  { db, actor, requestId }: DomainContext,
  { cycleId }: z.infer<typeof ZCloseCycleInput>,
) {
  const cycle = await db.reportingCycle.findUnique({
    where: { id: cycleId },
    include: { plan: { select: { jurisdictionId: true } } },
  });
  if (!cycle) throw notFound("填报周期", "reporting cycle");
  await loadPlanForActor(db, actor, cycle.planId);
  assertOffice(actor, cycle.plan.jurisdictionId);
  if (cycle.state !== "OPEN")
    throw conflict("只有进行中的填报周期可以关闭", "only an open cycle can be closed");
  return db.$transaction(async (tx) => {
    const moved = await tx.reportingCycle.updateMany({
      where: { id: cycleId, state: "OPEN" },
      data: { state: "CLOSED", closedAt: new Date() },
    });
    if (moved.count === 0) throw conflict("填报周期已被关闭", "the cycle was closed meanwhile");
    const stats = await cycleCompleteness(tx, cycle);
    await tx.cycleDepartmentStat.createMany({ data: stats.map((s) => ({ cycleId, ...s })) });
    await recordAudit(tx, actor, {
      action: "cycle.close",
      entityType: "ReportingCycle",
      entityId: cycleId,
      jurisdictionId: cycle.plan.jurisdictionId,
      before: { state: "OPEN" },
      after: { state: "CLOSED", stats },
      requestId,
    });
    return { cycleId, stats };
  });
}

/**
 * The plan's reporting cycles with each unit's completeness (once closed) and the number of current
 * reports. Staff get their own units' figures and count the reports their list views show: their
 * units' own, and every unit's on a task they lead (visibility.ts).
 */
export async function listCycles(
  { db, actor }: DomainContext,
  { planId }: z.infer<typeof ZListCyclesInput>,
) {
  const { visibility } = await loadPlanForActor(db, actor, planId);
  const units = visibleUnits(visibility);
  const entries: Prisma.LedgerEntryWhereInput = units
    ? {
        isCurrent: true,
        OR: [{ departmentId: { in: units } }, { task: { leadDepartmentId: { in: units } } }],
      }
    : { isCurrent: true };
  return db.reportingCycle.findMany({
    where: { planId },
    orderBy: { period: "asc" },
    include: {
      stats: {
        ...(units ? { where: { departmentId: { in: units } } } : {}),
        orderBy: [{ department: { name: "asc" } }, { departmentId: "asc" }],
      },
      _count: { select: { entries: { where: entries } } },
    },
  });
}
