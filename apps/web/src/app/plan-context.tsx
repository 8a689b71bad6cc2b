import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

import type { RouterOutputs } from "../lib/trpc.ts";
import { accessFor, myDepartmentIds, type Me, type PlanAccess } from "./access.ts";
import { choosePlan, PLAN_STORAGE_KEY as STORAGE_KEY } from "./choose-plan.ts";

export { choosePlan };

export type PlanSummary = RouterOutputs["plan"]["list"][number];
type PlanState = {
  me: Me;
  plans: PlanSummary[];
  plan: PlanSummary | null;
  access: PlanAccess | null;
  myDepartments: string[];
  setPlanId: (id: string) => void;
};

const PlanContext = createContext<PlanState | null>(null);

export function PlanProvider({
  me,
  plans,
  children,
}: {
  me: Me;
  plans: PlanSummary[];
  children: ReactNode;
}) {
  const [stored, setStored] = useState<string | null>(() => {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  });
  const value = useMemo<PlanState>(() => {
    const plan = choosePlan(plans, me, stored);
    return {
      me,
      plans,
      plan,
      access: plan ? accessFor(me, plan.jurisdiction.id) : null,
      myDepartments: plan ? myDepartmentIds(me, plan.jurisdiction.id) : [],
      setPlanId: (id) => {
        try {
          localStorage.setItem(STORAGE_KEY, id);
        } catch {
          // the choice lasts for this page only
        }
        setStored(id);
      },
    };
  }, [me, plans, stored]);
  return <PlanContext value={value}>{children}</PlanContext>;
}

export function useSession(): PlanState {
  const state = useContext(PlanContext);
  if (!state) throw new Error("useSession outside PlanProvider");
  return state;
}
