import type { TaskStatusKey } from "@duban/domain/i18n";

type Who = "office" | "lead";

/**
 * A copy of the task status machine in packages/domain/src/task-status.ts, used only to offer
 * the allowed choices; the server checks every change against its own table. (That module is not
 * exported browser-safe yet; when it is, import it instead of this copy.)
 */
const transitions: Record<TaskStatusKey, Partial<Record<TaskStatusKey, Who[]>>> = {
  NOT_STARTED: { IN_PROGRESS: ["office", "lead"], COMPLETED: ["office", "lead"], SUSPENDED: ["office"], CANCELLED: ["office"] },
  IN_PROGRESS: { COMPLETED: ["office", "lead"], SUSPENDED: ["office"], CANCELLED: ["office"] },
  SUSPENDED: { IN_PROGRESS: ["office"], CANCELLED: ["office"] },
  COMPLETED: { IN_PROGRESS: ["office"] },
  CANCELLED: {},
};

export function allowedTransitions(from: TaskStatusKey, who: Who): TaskStatusKey[] {
  return (Object.entries(transitions[from]) as Array<[TaskStatusKey, Who[]]>).filter(([, whos]) => whos.includes(who)).map(([to]) => to);
}

/** Statuses a ledger entry may report: the current one, or a move the lead unit may make. */
export function reportableStatuses(from: TaskStatusKey): TaskStatusKey[] {
  return [from, ...allowedTransitions(from, "lead")];
}
