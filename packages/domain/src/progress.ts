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

/** A task's traffic light (红黄绿灯, issue #17 step 8); closed tasks have none. */
export type TrafficLight = "RED" | "YELLOW" | "GREEN";

/**
 * A jurisdiction's traffic-light bands (SupervisionSettings): 黄 when more than `yellowLagPoints`
 * points behind 序时进度, 红 when more than `redLagPoints` (> yellow), 临期 when open and due within
 * `dueSoonDays` days (0 = due that day).
 */
export type LightBands = { yellowLagPoints: number; redLagPoints: number; dueSoonDays: number };

/**
 * The bands when an office has set nothing: 黄 from more than 10 points behind (the one fixed band
 * Duban used before issue #17), 红 from more than 30, 临期 within 15 days. supervisionRulesOf() fills
 * these in; use them directly only where no jurisdiction is involved.
 */
export const DEFAULT_BANDS: Readonly<LightBands> = {
  yellowLagPoints: 10,
  redLagPoints: 30,
  dueSoonDays: 15,
};

export type ScheduleInput = {
  status: TaskStatus;
  progress: number;
  startDate: IsoDate;
  dueDate: IsoDate;
};

/** Whether a status closes a task (COMPLETED or CANCELLED): no schedule arithmetic, no light. */
const closed = (status: TaskStatus) => status === "COMPLETED" || status === "CANCELLED";

/**
 * Whether a task is overdue on day `asOf` (YYYY-MM-DD): open (neither COMPLETED nor CANCELLED) and
 * `asOf` after its due day. The in-memory twin of the SQL function duban_is_overdue(status, due,
 * as_of), which the overdue scan filters with; scheduleState() calls it for its OVERDUE branch.
 */
export function isOverdue(task: Pick<ScheduleInput, "status" | "dueDate">, asOf: IsoDate): boolean {
  return !closed(task.status) && asOf > task.dueDate;
}

/**
 * Points behind 序时进度 on day `asOf`: expectedProgress() − progress (negative when ahead).
 */
export function lagPoints(task: ScheduleInput, asOf: IsoDate): number {
  return expectedProgress(task.startDate, task.dueDate, asOf) - task.progress;
}

/**
 * The schedule state of a task on day `asOf` (YYYY-MM-DD): CANCELLED or COMPLETED by its status;
 * otherwise OVERDUE when isOverdue(); LAGGING when lagPoints() > the jurisdiction's
 * `yellowLagPoints` (default 10, the band before issue #17); else ON_SCHEDULE.
 *
 * The in-memory twin of the SQL function duban_schedule_state(status, progress, start, due, as_of,
 * yellow_lag_points) (migration 20261201013000_traffic_lights), which every query that classifies
 * tasks calls; test/schedule-rule.test.ts holds them, the task list's filter, the overview's counts
 * and the overdue scan to the same answer on random bands. The bands of a jurisdiction come from
 * supervisionRulesOf() (supervision/settings.ts); DEFAULT_BANDS is only the convenience default.
 */
export function scheduleState(
  task: ScheduleInput,
  asOf: IsoDate,
  bands: Pick<LightBands, "yellowLagPoints"> = DEFAULT_BANDS,
): ScheduleState {
  if (task.status === "CANCELLED") return "CANCELLED";
  if (task.status === "COMPLETED") return "COMPLETED";
  if (isOverdue(task, asOf)) return "OVERDUE";
  return lagPoints(task, asOf) > bands.yellowLagPoints ? "LAGGING" : "ON_SCHEDULE";
}

/**
 * 临期 (due soon) on day `asOf`: open, not overdue, and due within `dueSoonDays` days (0 = due that
 * day). Twin of the SQL function duban_is_due_soon(status, due, as_of, due_soon_days).
 */
export function isDueSoon(
  task: Pick<ScheduleInput, "status" | "dueDate">,
  asOf: IsoDate,
  dueSoonDays: number,
): boolean {
  return (
    !closed(task.status) && task.dueDate >= asOf && daysBetween(asOf, task.dueDate) <= dueSoonDays
  );
}

/**
 * The traffic light (红黄绿灯) of a task on day `asOf` with a jurisdiction's bands (issue #17 step 8):
 * null when closed (COMPLETED, CANCELLED); RED when overdue or lagPoints() > redLagPoints; YELLOW
 * when lagPoints() > yellowLagPoints (LAGGING) or isDueSoon(); else GREEN.
 * Twin of the SQL function duban_traffic_light(status, progress, start, due, as_of, yellow, red,
 * due_soon_days); test/schedule-rule.test.ts holds the two to the same answer on random bands.
 */
export function trafficLight(
  task: ScheduleInput,
  asOf: IsoDate,
  bands: LightBands,
): TrafficLight | null {
  if (closed(task.status)) return null;
  const behind = lagPoints(task, asOf);
  if (isOverdue(task, asOf) || behind > bands.redLagPoints) return "RED";
  if (behind > bands.yellowLagPoints || isDueSoon(task, asOf, bands.dueSoonDays)) return "YELLOW";
  return "GREEN";
}

/** n of d as a percentage with one decimal; 0 when there is nothing to count. */
export function percentOf(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 1000) / 10;
}
