import type { TaskStatus } from "@duban/db";

import { daysBetween, type IsoDate } from "./calendar.ts";

/** 序时进度: the progress expected from the time elapsed between start and due date, 0–100. */
export function expectedProgress(start: IsoDate, due: IsoDate, asOf: IsoDate): number {
  if (asOf <= start) return 0;
  if (asOf >= due) return 100;
  const total = daysBetween(start, due);
  return total <= 0 ? 100 : Math.round((daysBetween(start, asOf) / total) * 100);
}

export type ScheduleState = "COMPLETED" | "ON_SCHEDULE" | "LAGGING" | "OVERDUE" | "CANCELLED";

/** A task lags when its reported progress trails 序时进度 by more than this many points. */
export const LAG_TOLERANCE = 10;

export type ScheduleInput = {
  status: TaskStatus;
  progress: number;
  startDate: IsoDate;
  dueDate: IsoDate;
};

export function scheduleState(task: ScheduleInput, asOf: IsoDate): ScheduleState {
  if (task.status === "CANCELLED") return "CANCELLED";
  if (task.status === "COMPLETED") return "COMPLETED";
  if (asOf > task.dueDate) return "OVERDUE";
  return task.progress + LAG_TOLERANCE < expectedProgress(task.startDate, task.dueDate, asOf)
    ? "LAGGING"
    : "ON_SCHEDULE";
}

/** n of d as a percentage with one decimal; 0 when there is nothing to count. */
export function percentOf(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 1000) / 10;
}
