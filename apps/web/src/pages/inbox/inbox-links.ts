/** What an inbox message carries to decide where it opens (RouterOutputs["inbox"]["list"] items). */
export type InboxTarget = {
  kind: string;
  entityType: string | null;
  entityId: string | null;
  taskId: string | null;
};

/**
 * Where a message opens in the app: its task (`/tasks/<taskId>`), the indicator it is about, else
 * the page of its kind (a ledger reminder: the ledger; a quarterly bulletin: the overview; a list of
 * due or overdue tasks: the task list, filtered). Null: nothing to open, the message says it all.
 */
export function inboxHref(m: InboxTarget): string | null {
  if (m.taskId) return `/tasks/${m.taskId}`;
  if (m.entityType === "Bulletin" && m.entityId)
    return `/bulletins?bulletin=${encodeURIComponent(m.entityId)}`;
  if (m.entityType === "Assignment" && m.entityId)
    return `/assignments?assignment=${encodeURIComponent(m.entityId)}`;
  if (m.entityType === "Indicator" && m.entityId)
    return `/indicators?indicator=${encodeURIComponent(m.entityId)}`;
  switch (m.kind) {
    case "cycle-reminder":
      return "/ledger";
    case "quarterly-summary":
      return "/overview";
    case "overdue":
    case "overdue-escalation":
      return "/tasks?schedule=OVERDUE";
    case "due-soon":
    case "acknowledge-reminder":
      return "/tasks";
    case "annual-plan-issued":
      return "/annual";
    // the 下达 items (待分解) live with the receiving office's tasks until the cascade page lands
    case "cascade-decompose-soon":
    case "cascade-late":
      return "/tasks";
    default:
      return null;
  }
}
