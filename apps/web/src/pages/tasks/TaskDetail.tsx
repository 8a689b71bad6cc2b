import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { TaskBody } from "./TaskDrawer.tsx";
import type { TaskDetail as TaskData } from "./types.ts";

/**
 * A task's whole detail (TaskBody: facts, actions, milestones, reports, 办理轨迹) loaded by id, for
 * the full page /tasks/:taskId. `plan` is the task's plan, or found from the task once loaded;
 * `header` renders above the body with the loaded task (the page's title).
 */
export function TaskDetail({
  taskId,
  planOf,
  header,
  missingPlan,
}: {
  taskId: string;
  planOf: (task: TaskData) => PlanSummary | undefined;
  header?: (task: TaskData) => ReactNode;
  missingPlan: ReactNode;
}) {
  const trpc = useTRPC();
  const task = useQuery(trpc.task.get.queryOptions({ taskId }));
  return (
    <QueryState query={task} rows={10}>
      {(d) => {
        const plan = planOf(d);
        return (
          <>
            {header?.(d)}
            {plan ? <TaskBody task={d} plan={plan} /> : missingPlan}
          </>
        );
      }}
    </QueryState>
  );
}
