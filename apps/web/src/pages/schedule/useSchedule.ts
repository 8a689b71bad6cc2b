import { useQueries, useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import type { TaskDetail, TaskItem } from "../tasks/types.ts";

/** The page size task.list allows at most: the roadmap and timetable show the first 200 tasks. */
export const SCHEDULE_LIMIT = 200;

/**
 * Every visible task of the plan with its milestones (task.get per task; the batch link sends
 * them in a few requests). Department staff get only their own tasks, as everywhere.
 */
export function useSchedule(planId: string) {
  const trpc = useTRPC();
  const list = useQuery(trpc.task.list.queryOptions({ planId, page: 1, pageSize: SCHEDULE_LIMIT }));
  const details = useQueries({ queries: (list.data?.items ?? []).map((t) => trpc.task.get.queryOptions({ taskId: t.id })) });
  const loaded = details.filter((d) => d.data).map((d) => d.data as TaskDetail);
  return {
    ...list,
    isPending: list.isPending || details.some((d) => d.isPending),
    isError: list.isError || details.some((d) => d.isError),
    error: list.error ?? details.find((d) => d.error)?.error ?? null,
    data: list.data && loaded.length === list.data.items.length ? { tasks: list.data.items as TaskItem[], details: loaded, total: list.data.total } : undefined,
  };
}
