import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "../../lib/trpc.ts";

/**
 * Whether a task's progress is derived from its sub-tasks and assignments (issue #19), and that
 * progress: a report on such a task carries the derived figure, never one typed by hand.
 * `derived` is null while unknown.
 */
export function useDerivedProgress(taskId: string): { derived: boolean | null; progress: number } {
  const trpc = useTRPC();
  const tree = useQuery(trpc.cascade.taskTree.queryOptions({ taskId }));
  if (!tree.data) return { derived: tree.isError ? false : null, progress: 0 };
  return { derived: tree.data.task.derivedProgress, progress: tree.data.task.progress };
}
