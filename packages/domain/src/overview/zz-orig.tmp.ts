import type { Db } from "@duban/db";
import type { Actor } from "../actor.ts";
import { actorDepartmentIds } from "../access.ts";
import { dateOnly, shanghaiDay, type IsoDate } from "../calendar.ts";
import { expectedProgress, scheduleState } from "../progress.ts";
import { cycleCompleteness } from "../ledger/cycles.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";

export type DepartmentCompletion = {
  departmentId: string;
  name: string;
  total: number;
  completed: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  cancelled: number;
  completionRate: number;
  reportedProgress: number;
  expectedProgress: number;
  ledger: { expected: number; submitted: number; onTime: number; late: number; completeness: number; timeliness: number } | null;
};

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

/**
 * Completion per lead department: tasks in total, completed, on schedule, lagging, overdue;
 * average reported progress beside 序时进度; ledger completeness and timeliness for the current
 * cycle (the open one, else the latest). Department staff get their own units only.
 */
export async function completionByDepartment(db: Db, actor: Actor, planId: string, asOf: IsoDate = shanghaiDay(new Date())) {
  const { plan, access } = await loadPlanForActor(db, actor, planId);
  const [tasks, departments, cycle] = await Promise.all([
    db.task.findMany({ where: { planId }, select: { id: true, title: true, status: true, progress: true, startDate: true, dueDate: true, leadDepartmentId: true } }),
    db.department.findMany({ where: { jurisdictionId: plan.jurisdictionId }, select: { id: true, name: true } }),
    db.reportingCycle.findFirst({ where: { planId, state: { in: ["OPEN", "CLOSED"] } }, orderBy: [{ period: "desc" }] }),
  ]);
  const ledger = cycle ? new Map((await cycleCompleteness(db, cycle)).map((s) => [s.departmentId, s])) : null;
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const rows = new Map<string, DepartmentCompletion & { progressSum: number; expectedSum: number; active: number }>();
  const problems: Array<{ taskId: string; title: string; departmentId: string; schedule: "LAGGING" | "OVERDUE"; progress: number; expectedProgress: number; dueDate: IsoDate }> = [];
  for (const t of tasks) {
    const row = rows.get(t.leadDepartmentId) ?? { departmentId: t.leadDepartmentId, name: names.get(t.leadDepartmentId) ?? "?", total: 0, completed: 0, onSchedule: 0, lagging: 0, overdue: 0, cancelled: 0, completionRate: 0, reportedProgress: 0, expectedProgress: 0, ledger: null, progressSum: 0, expectedSum: 0, active: 0 };
    const start = dateOnly(t.startDate);
    const due = dateOnly(t.dueDate);
    const state = scheduleState({ status: t.status, progress: t.progress, startDate: start, dueDate: due }, asOf);
    row.total++;
    if (state === "COMPLETED") row.completed++;
    else if (state === "ON_SCHEDULE") row.onSchedule++;
    else if (state === "LAGGING") row.lagging++;
    else if (state === "OVERDUE") row.overdue++;
    else row.cancelled++;
    if (state !== "CANCELLED") {
      row.active++;
      row.progressSum += t.progress;
      row.expectedSum += expectedProgress(start, due, asOf);
    }
    if (state === "LAGGING" || state === "OVERDUE") problems.push({ taskId: t.id, title: t.title, departmentId: t.leadDepartmentId, schedule: state, progress: t.progress, expectedProgress: expectedProgress(start, due, asOf), dueDate: due });
    rows.set(t.leadDepartmentId, row);
  }
  const visible = access === "department" ? new Set(actorDepartmentIds(actor, plan.jurisdictionId)) : null;
  const departmentsOut: DepartmentCompletion[] = [...rows.values()]
    .filter((r) => !visible || visible.has(r.departmentId))
    .map(({ progressSum, expectedSum, active, ...r }) => {
      const l = ledger?.get(r.departmentId);
      return {
        ...r,
        completionRate: pct(r.completed, r.total - r.cancelled),
        reportedProgress: active ? Math.round(progressSum / active) : 0,
        expectedProgress: active ? Math.round(expectedSum / active) : 0,
        ledger: l ? { expected: l.expected, submitted: l.submitted, onTime: l.onTime, late: l.late, completeness: pct(l.submitted, l.expected), timeliness: pct(l.onTime, l.expected) } : null,
      };
    })
    .sort((a, b) => b.completionRate - a.completionRate || a.overdue - b.overdue || a.lagging - b.lagging || a.name.localeCompare(b.name, "zh-CN"));
  const totals = departmentsOut.reduce((s, r) => ({ total: s.total + r.total, completed: s.completed + r.completed, lagging: s.lagging + r.lagging, overdue: s.overdue + r.overdue, onSchedule: s.onSchedule + r.onSchedule }), { total: 0, completed: 0, lagging: 0, overdue: 0, onSchedule: 0 });
  return {
    asOf,
    cycle: cycle ? { id: cycle.id, period: cycle.period, state: cycle.state, dueAt: cycle.dueAt } : null,
    departments: departmentsOut,
    totals,
    problems: problems.filter((p) => !visible || visible.has(p.departmentId)).sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
  };
}
