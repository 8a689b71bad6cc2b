// Canned cascade answers for the component tests, in the shapes packages/domain/src/cascade
// returns (assignment-queries.ts, task-tree.ts, cascade-options.ts). Ids are UUIDs: the forms
// check them with the api's own schemas.
import type { Me } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";

export const CITY = "00000000-0000-4000-8000-0000000000c1";
export const COUNTY = "00000000-0000-4000-8000-0000000000c2";
export const COUNTY_B = "00000000-0000-4000-8000-0000000000c3";
export const CITY_PLAN = "00000000-0000-4000-8000-0000000000a1";
export const COUNTY_PLAN = "00000000-0000-4000-8000-0000000000b2";
export const CITY_TASK = "00000000-0000-4000-8000-0000000000d1";
export const LATE = "00000000-0000-4000-8000-0000000000e1";
export const PENDING = "00000000-0000-4000-8000-0000000000e2";
export const KEJI = "00000000-0000-4000-8000-0000000000f1";
export const TOWN = "00000000-0000-4000-8000-0000000000f2";

export const cityPlan = {
  id: CITY_PLAN,
  title: "遵义市科技创新规划",
  status: "ACTIVE",
  periodStart: 2021,
  periodEnd: 2030,
  jurisdiction: { id: CITY, name: "遵义市", kind: "CITY" },
} as unknown as PlanSummary;
export const countyPlan = {
  id: COUNTY_PLAN,
  title: "汇川区科技创新规划",
  status: "ACTIVE",
  periodStart: 2021,
  periodEnd: 2030,
  jurisdiction: { id: COUNTY, name: "汇川区", kind: "COUNTY" },
} as unknown as PlanSummary;

export const officeOf = (id: string, name: string) =>
  ({
    id: "u",
    email: "u@a.test",
    name: "u",
    systemAdmin: false,
    memberships: [{ role: "OFFICE", jurisdiction: { id, name }, department: null }],
  }) as unknown as Me;

const base = {
  kind: "TASK" as const,
  version: 3,
  parentTaskId: CITY_TASK,
  parentIndicatorId: null,
  unit: null,
  shareBaseline: null,
  shareTarget: null,
  from: { id: CITY, name: "遵义市" },
  targetPlan: { id: COUNTY_PLAN, title: "汇川区科技创新规划" },
  note: "细化到各镇（街道）",
  assignedAt: new Date("2026-11-01T02:00:00Z"),
  decomposedAt: null,
  withdrawnAt: null,
  withdrawnReason: null,
  taskCount: 0,
};

/** cascade.list received by 汇川区: one past its 分解时限, one still in time. */
export const received = {
  canAct: true,
  items: [
    {
      ...base,
      id: LATE,
      state: "PENDING",
      itemTitle: "培育高新技术企业",
      to: { id: COUNTY, name: "汇川区" },
      weight: 2,
      decomposeBy: "2026-11-20",
      progress: 0,
      lateness: "late",
    },
    {
      ...base,
      id: PENDING,
      state: "PENDING",
      itemTitle: "建设科技孵化器",
      parentTaskId: "00000000-0000-4000-8000-0000000000d2",
      to: { id: COUNTY, name: "汇川区" },
      weight: 1,
      decomposeBy: "2099-12-31",
      progress: 0,
      lateness: "pending",
    },
  ],
};

/** cascade.get of the late one, seen by the receiving office. */
export const lateView = {
  ...base,
  id: LATE,
  state: "PENDING",
  itemTitle: "培育高新技术企业",
  to: { id: COUNTY, name: "汇川区" },
  weight: 2,
  decomposeBy: "2026-11-20",
  progress: 0,
  lateness: "late",
  parentTask: {
    id: CITY_TASK,
    title: "培育高新技术企业",
    planTitle: "遵义市科技创新规划",
    startDate: "2026-01-01",
    dueDate: "2026-12-31",
    leadDepartment: "市科技局",
    status: "IN_PROGRESS",
    progress: 40,
  },
  parentIndicator: null,
  tasks: [],
  indicator: null,
  side: "receiver",
  can: { update: false, withdraw: false, decompose: true },
};

/** cascade.options of 汇川区's office: its units (a department and a town), its plan. */
export const countyOptions = {
  children: [],
  plans: [{ id: COUNTY_PLAN, title: "汇川区科技创新规划" }],
  units: [
    { id: KEJI, name: "区科技局", shortName: null, kind: "DEPARTMENT" },
    { id: TOWN, name: "高坪街道", shortName: null, kind: "TOWN" },
  ],
};
