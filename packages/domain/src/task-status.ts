import type { TaskStatus } from "@duban/db";

import { forbidden, invalid } from "./errors.ts";
import { taskStatusLabels } from "./i18n/labels.ts";

/** Who moves a task: the office or the lead unit by a status change (setStatus, a ledger report). */
type Who = "office" | "lead";
/**
 * The steps of 办结审核 (completion sign-off), which only the completion functions take: the lead
 * unit's application (`apply`) and the office's decision on it (`sign-off`).
 */
type Step = "apply" | "sign-off";

/**
 * The task status machine (issue #17). Units move their own work forward; suspending, cancelling
 * and reopening are plan adjustments (规划调整) that only the leading group office makes. Nobody
 * completes a task by a status change: the lead unit applies (待审核) and only the office's
 * sign-off completes it, or returns it to 推进中.
 */
const transitions: Record<TaskStatus, Partial<Record<TaskStatus, Array<Who | Step>>>> = {
  NOT_STARTED: {
    IN_PROGRESS: ["office", "lead"],
    PENDING_REVIEW: ["apply"],
    SUSPENDED: ["office"],
    CANCELLED: ["office"],
  },
  IN_PROGRESS: { PENDING_REVIEW: ["apply"], SUSPENDED: ["office"], CANCELLED: ["office"] },
  PENDING_REVIEW: { COMPLETED: ["sign-off"], IN_PROGRESS: ["sign-off"] },
  SUSPENDED: { IN_PROGRESS: ["office"], CANCELLED: ["office"] },
  COMPLETED: { IN_PROGRESS: ["office"] },
  CANCELLED: {},
};

/** The statuses `who` may set by a status change from `from` (what the web's status menu offers). */
export function allowedTransitions(from: TaskStatus, who: Who | Step): TaskStatus[] {
  return (Object.entries(transitions[from]) as Array<[TaskStatus, Array<Who | Step>]>)
    .filter(([, whos]) => whos.includes(who))
    .map(([to]) => to);
}

/**
 * Throws unless `who` may move a task from `from` to `to`: INVALID when no one may (and, for
 * 已完成 / 待审核, says the way is the completion application), FORBIDDEN when only the office may.
 */
export function assertTransition(from: TaskStatus, to: TaskStatus, who: Who | Step): void {
  if (from === to) return;
  const whos = transitions[from][to];
  if (
    whos &&
    (who === "office" || who === "lead") &&
    whos.every((w) => w === "apply" || w === "sign-off")
  )
    throw invalid(
      to === "COMPLETED" || to === "PENDING_REVIEW"
        ? "任务须由牵头单位提交办结申请，经领导小组办公室审核后办结"
        : "待审核的任务须由领导小组办公室审核办结申请",
      to === "COMPLETED" || to === "PENDING_REVIEW"
        ? "a task is completed only through the lead unit's completion application and the office's sign-off"
        : "a task awaiting sign-off moves only by the office's decision on the application",
      "status",
    );
  if (!whos) {
    if (to === "COMPLETED" && (who === "office" || who === "lead"))
      throw invalid(
        "任务须由牵头单位提交办结申请，经领导小组办公室审核后办结",
        "a task is completed only through the lead unit's completion application and the office's sign-off",
        "status",
      );
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
