import type { TaskStatus } from "@duban/db";

import { forbidden, invalid } from "./errors.ts";
import { taskStatusLabels } from "./i18n/labels.ts";

type Who = "office" | "lead";

/**
 * The task status machine. Units move their own work forward; suspending, cancelling and
 * reopening are plan adjustments (规划调整) that only the leading group office makes.
 */
const transitions: Record<TaskStatus, Partial<Record<TaskStatus, Who[]>>> = {
  NOT_STARTED: {
    IN_PROGRESS: ["office", "lead"],
    COMPLETED: ["office", "lead"],
    SUSPENDED: ["office"],
    CANCELLED: ["office"],
  },
  IN_PROGRESS: { COMPLETED: ["office", "lead"], SUSPENDED: ["office"], CANCELLED: ["office"] },
  SUSPENDED: { IN_PROGRESS: ["office"], CANCELLED: ["office"] },
  COMPLETED: { IN_PROGRESS: ["office"] },
  CANCELLED: {},
};

export function allowedTransitions(from: TaskStatus, who: Who): TaskStatus[] {
  return (Object.entries(transitions[from]) as Array<[TaskStatus, Who[]]>)
    .filter(([, whos]) => whos.includes(who))
    .map(([to]) => to);
}

/** Throws unless `who` may move a task from `from` to `to`. */
export function assertTransition(from: TaskStatus, to: TaskStatus, who: Who): void {
  if (from === to) return;
  const whos = transitions[from][to];
  if (!whos) {
    throw invalid(
      `任务状态不能从“${taskStatusLabels[from].zh}”变为“${taskStatusLabels[to].zh}”`,
      `a task cannot go from ${from} to ${to}`,
      "status",
    );
  }
  if (!whos.includes(who)) {
    throw forbidden(
      `只有领导小组办公室可以将任务从“${taskStatusLabels[from].zh}”改为“${taskStatusLabels[to].zh}”`,
      `only the leading group office may move a task from ${from} to ${to}`,
    );
  }
}

/** Progress that goes with a status: a completed task is 100 %, and only a completed one is. */
export function progressForStatus(status: TaskStatus, progress: number): number {
  if (status === "COMPLETED") return 100;
  return Math.min(progress, 99);
}
