import type { RouterOutputs } from "../lib/trpc.ts";

export type Me = NonNullable<RouterOutputs["auth"]["me"]>;
export type PlanAccess = "office" | "department" | "read";

/**
 * What the signed-in user may do in a jurisdiction, mirroring packages/domain/src/access.ts:
 * office > department > read. Plans the server lists but where the user has no membership are
 * the counties under their city: read only. The server enforces all of this anyway.
 */
export function accessFor(me: Pick<Me, "memberships">, jurisdictionId: string): PlanAccess {
  const roles = me.memberships
    .filter((m) => m.jurisdiction.id === jurisdictionId)
    .map((m) => m.role);
  if (roles.includes("OFFICE")) return "office";
  if (roles.includes("DEPARTMENT")) return "department";
  return "read";
}

/** Departments the user staffs in a jurisdiction. */
export function myDepartmentIds(me: Pick<Me, "memberships">, jurisdictionId: string): string[] {
  return me.memberships
    .filter((m) => m.jurisdiction.id === jurisdictionId && m.role === "DEPARTMENT" && m.department)
    .map((m) => m.department!.id);
}

/**
 * The jurisdictions whose jobs and outbox an office looks after: where it is the office and, for a
 * city's office, the counties directly below (the server's officeJobJurisdictions). `all` is the
 * list the server lets the user read (admin.jurisdictions).
 */
export function jobJurisdictions(
  me: Pick<Me, "memberships">,
  all: Array<{ id: string; name: string; parentId: string | null }>,
) {
  const own = officeJurisdictions(me);
  const ids = new Set(own.map((j) => j.id));
  return [...own, ...all.filter((j) => j.parentId && ids.has(j.parentId) && !ids.has(j.id))];
}

/** Jurisdictions where the user is the office: where plans can be imported and accounts managed. */
export function officeJurisdictions(me: Pick<Me, "memberships">) {
  return me.memberships.filter((m) => m.role === "OFFICE").map((m) => m.jurisdiction);
}

/**
 * Evaluations (every unit's figures, lagging items and explanations) are for the office and readers
 * (leaders, the city above); department staff see their own units' tasks only, and the server
 * refuses them evaluations (packages/domain/src/visibility.ts, assertSeesWholePlan).
 */
export function seesEvaluations(access: PlanAccess | null): boolean {
  return access === "office" || access === "read";
}

export type MenuKey =
  | "todo"
  | "cockpit"
  | "overview"
  | "plan"
  | "import"
  | "tasks"
  | "assignments"
  | "annual"
  | "roadmap"
  | "timetable"
  | "ledger"
  | "indicators"
  | "evaluations"
  | "bulletins"
  | "assessment"
  | "departments"
  | "districts"
  | "users"
  | "supervision"
  | "inbox"
  | "notifications"
  | "jobs"
  | "queues";

/**
 * The side menu for an access level: only what the role may use. The queue dashboard is the
 * system administrator's alone (it is no jurisdiction role: an office never sees the link, and the
 * server answers it 403).
 */
export function menuFor(
  access: PlanAccess | null,
  isOfficeSomewhere: boolean,
  extras: { notifications: boolean; jobs: boolean; systemAdmin?: boolean; cockpit?: boolean },
): MenuKey[] {
  const reading: MenuKey[] = [
    "overview",
    "plan",
    "tasks",
    "annual",
    "roadmap",
    "timetable",
    "ledger",
    "indicators",
  ];
  const keys: MenuKey[] = access ? [...reading] : [];
  if (seesEvaluations(access)) keys.push("evaluations");
  // 督查通报: issued ones are circulated to every unit (drafts stay the office's, server-side)
  if (access) keys.push("bulletins");
  // 考核评分: everyone of the jurisdiction; the server cuts staff to their own unit's line
  if (access) keys.push("assessment");
  if (isOfficeSomewhere) keys.splice(access ? 2 : 0, 0, "import");
  // 驾驶舱 (issue #19) before the one-plan pages: for leaders and offices (seesCockpit)
  if (extras.cockpit) keys.unshift("cockpit");
  // 待办 first: the unit's list for staff, the office's for the office, leaders and the city above
  if (access) keys.unshift("todo");
  // 上级下达 / 下达事项 (issue #19): the office decomposes what came from above and follows what it
  // assigned below; beside the tasks, or first of the office's own pages without a plan. Leaders
  // read them (listAssignments: canAct false), so they get the entry too (extras.cockpit: OFFICE
  // or LEADER somewhere)
  if (isOfficeSomewhere || extras.cockpit) {
    const tasks = keys.indexOf("tasks");
    keys.splice(tasks >= 0 ? tasks + 1 : keys.length, 0, "assignments");
  }
  if (isOfficeSomewhere) keys.push("departments", "districts", "users", "supervision");
  // 站内消息: everyone signed in has an inbox
  keys.push("inbox");
  if (extras.notifications) keys.push("notifications");
  if (extras.jobs && isOfficeSomewhere) keys.push("jobs");
  if (extras.systemAdmin) keys.push("queues");
  return keys;
}

/**
 * 驾驶舱 (issue #19) is for leaders and offices: whoever is OFFICE or LEADER somewhere. Department
 * staff see their own units' tasks only, and the server refuses them the cockpit where they are
 * staff (packages/domain/src/cockpit/scope.ts).
 */
export function seesCockpit(me: Pick<Me, "memberships">): boolean {
  return me.memberships.some((m) => m.role === "OFFICE" || m.role === "LEADER");
}
