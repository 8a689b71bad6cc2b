import type { TaskStatusKey } from "@duban/domain/i18n";
// The domain's own status machine: task-status.ts imports only a type from @duban/db (erased) and
// errors.ts, so the browser bundle gets the same table the server checks against.
import { allowedTransitions } from "@duban/domain/task-status";

export { allowedTransitions };

/**
 * Statuses a ledger entry may report. The lead unit: the current one, or a move it may make (never
 * 已完成: that is the completion application, issue #17). A supporting unit reports on its own
 * part, which it may call done (its report does not move the task).
 */
export function reportableStatuses(
  from: TaskStatusKey,
  role: "lead" | "support" = "lead",
): TaskStatusKey[] {
  // a task awaiting sign-off (待审核) is reported as 推进中: the report does not move it
  const lead: TaskStatusKey[] =
    from === "PENDING_REVIEW" ? ["IN_PROGRESS"] : [from, ...allowedTransitions(from, "lead")];
  if (role === "lead") return lead;
  return [...new Set<TaskStatusKey>([...lead, "COMPLETED"])];
}
