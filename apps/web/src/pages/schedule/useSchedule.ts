import { useQuery } from "@tanstack/react-query";

import type { RouterOutputs } from "@duban/api";

import { useTRPC } from "../../lib/trpc.ts";

export type ScheduleTask = RouterOutputs["task"]["schedule"]["tasks"][number];

/**
 * Every visible task of the plan with its milestones, in one request (task.schedule). Department
 * staff get only their own tasks, as everywhere. `year`: the year filter (the year's tasks, its
 * milestones, and each task's year item; `year` of the answer says the window).
 */
export function useSchedule(planId: string, year?: number) {
  const trpc = useTRPC();
  const query = useQuery(trpc.task.schedule.queryOptions({ planId, year }));
  return {
    ...query,
    data: query.data
      ? {
          tasks: query.data.tasks,
          details: query.data.tasks,
          total: query.data.total,
          limit: query.data.limit,
          year: query.data.year,
        }
      : undefined,
  };
}
