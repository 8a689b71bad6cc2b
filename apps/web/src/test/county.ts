// The county every page test runs in: its plan as the plan list gives it, and a signed-in member
// of it in one role. Component tests build on these instead of each writing its own.
import type { Me } from "../app/access.ts";
import type { PlanSummary } from "../app/plan-context.tsx";

export const COUNTY = "00000000-0000-4000-8000-0000000000aa";

/** 甲县's active plan (2021–2030). */
export const countyPlan = {
  id: "00000000-0000-4000-8000-0000000000bb",
  title: "规划",
  status: "ACTIVE",
  periodStart: 2021,
  periodEnd: 2030,
  jurisdiction: { id: COUNTY, name: "甲县", kind: "COUNTY" },
} as unknown as PlanSummary;

/** A member of 甲县 in `role`; unit staff belong to `department`. */
export const countyMember = (
  role: "LEADER" | "OFFICE" | "DEPARTMENT",
  department: { id: string; name: string } | null = null,
) =>
  ({
    id: "u",
    email: "u@a.test",
    name: "u",
    memberships: [{ role, jurisdiction: { id: COUNTY, name: "甲县" }, department }],
  }) as unknown as Me;
