import type { TaskStatus } from "@duban/db";

import { daysBetween, type IsoDate } from "./calendar.ts";

/**
 * 序时进度: the progress expected from the time elapsed, in whole points 0–100, for a task running
 * from day `start` to day `due` (YYYY-MM-DD, Asia/Shanghai calendar days) seen on day `asOf`.
 * 0 on or before the start day, 100 on or after the due day (so also when due ≤ start), otherwise
 * elapsed days × 100 ÷ total days, rounded half up. The multiplication comes first, so an exact
 * half is exact in float64 too (57 of 200 days is 28.5, so 29; 57 / 200 * 100 would be 28.4999…).
 *
 * The rule's home for SQL is the function duban_expected_progress(start, due, as_of) (migration
 * 20261130193000_schedule_state_functions, in whole-number arithmetic), which every query calls;
 * this is its in-memory twin.
 * test/schedule-rule.test.ts holds the two to the same answer.
 */
export function expectedProgress(start: IsoDate, due: IsoDate, asOf: IsoDate): number {
  if (asOf <= start) return 0;
  if (asOf >= due) return 100;
  const total = daysBetween(start, due);
  return total <= 0 ? 100 : Math.round((daysBetween(start, asOf) * 100) / total);
}

export type ScheduleState = "COMPLETED" | "ON_SCHEDULE" | "LAGGING" | "OVERDUE" | "CANCELLED";

/**
 * A task lags when its reported progress trails 序时进度 by more than this many points (progress +
 * LAG_TOLERANCE < expected). duban_schedule_state in SQL uses the same 10.
 */
export const LAG_TOLERANCE = 10;

export type ScheduleInput = {
  status: TaskStatus;
  progress: number;
  startDate: IsoDate;
  dueDate: IsoDate;
};

/**
 * Whether a task is overdue on day `asOf` (YYYY-MM-DD): open (neither COMPLETED nor CANCELLED) and
 * `asOf` after its due day. The in-memory twin of the SQL function duban_is_overdue(status, due,
 * as_of), which the overdue scan filters with; scheduleState() calls it for its OVERDUE branch.
 */
export function isOverdue(task: Pick<ScheduleInput, "status" | "dueDate">, asOf: IsoDate): boolean {
  return task.status !== "COMPLETED" && task.status !== "CANCELLED" && asOf > task.dueDate;
}

/**
 * The schedule state of a task on day `asOf` (YYYY-MM-DD): CANCELLED or COMPLETED by its status;
 * otherwise OVERDUE when isOverdue(); LAGGING when progress (0–100) + LAG_TOLERANCE is below
 * expectedProgress(); else ON_SCHEDULE.
 *
 * The in-memory twin of the SQL function duban_schedule_state(status, progress, start, due, as_of),
 * which every query that classifies tasks calls; test/schedule-rule.test.ts holds them, the task
 * list's filter, the overview's counts and the overdue scan to the same answer.
 */
export function scheduleState(task: ScheduleInput, asOf: IsoDate): ScheduleState {
  if (task.status === "CANCELLED") return "CANCELLED";
  if (task.status === "COMPLETED") return "COMPLETED";
  if (isOverdue(task, asOf)) return "OVERDUE";
  return task.progress + LAG_TOLERANCE < expectedProgress(task.startDate, task.dueDate, asOf)
    ? "LAGGING"
    : "ON_SCHEDULE";
}

/** n of d as a percentage with one decimal; 0 when there is nothing to count. */
export function percentOf(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 1000) / 10;
}
