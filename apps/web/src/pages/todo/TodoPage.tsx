import { useQuery } from "@tanstack/react-query";

import type { PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { OfficeTodoLists, UnitTodoLists } from "./TodoLists.tsx";

/**
 * 待办 (/todo): what waits for the user in the chosen plan. Department staff get their units'
 * list (supervision.unitTodo); the office, leaders and the city above the office's
 * (supervision.officeTodo; a leader's change requests are those awaiting the leader).
 */
export function TodoPage() {
  return <NeedPlan>{(plan, access) => <Todo plan={plan} access={access} />}</NeedPlan>;
}

function Todo({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  return access === "department" ? <UnitTodo plan={plan} /> : <OfficeTodo plan={plan} />;
}

function OfficeTodo({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const todo = useQuery(trpc.supervision.officeTodo.queryOptions({ planId: plan.id }));
  return (
    <>
      <PageHeader
        title={t("todo.title")}
        sub={todo.data?.role === "leader" ? t("todo.subLeader") : t("todo.subOffice")}
      />
      <QueryState query={todo} rows={8}>
        {(d) => <OfficeTodoLists todo={d} />}
      </QueryState>
    </>
  );
}

function UnitTodo({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const todo = useQuery(trpc.supervision.unitTodo.queryOptions({ planId: plan.id }));
  return (
    <>
      <PageHeader
        title={t("todo.title")}
        sub={
          todo.data
            ? t("todo.subUnit", { units: todo.data.units.map((u) => u.name).join("、") })
            : undefined
        }
      />
      <QueryState query={todo} rows={8}>
        {(d) => <UnitTodoLists todo={d} />}
      </QueryState>
    </>
  );
}
