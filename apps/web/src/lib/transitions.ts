import type { TaskStatusKey } from "@duban/domain/i18n";
// The domain's own status machine: task-status.ts imports only a type from @duban/db (erased) and
// errors.ts, so the browser bundle gets the same table the server checks against.
import { allowedTransitions } from "@duban/domain/task-status";

export { allowedTransitions };

/** Statuses a ledger entry may report: the current one, or a move the lead unit may make. */
export function reportableStatuses(from: TaskStatusKey): TaskStatusKey[] {
  return [from, ...allowedTransitions(from, "lead")];
}
