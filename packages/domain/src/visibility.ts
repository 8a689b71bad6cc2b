import type { DbOrTx } from "@duban/db";

import type { Actor, ActorMembership } from "./actor.ts";
import { forbidden } from "./errors.ts";
import { ancestorIdsOf } from "./jurisdictions/tree.ts";

/**
 * What someone may see of a jurisdiction's plans: the one visibility rule. Every list, aggregate,
 * export, job result and email addressed to a user is cut by it, so nobody reads in a total, a
 * download or a mail what their own list views (task list, ledger grid, a task's report history)
 * do not show them.
 * - `all`: the office (`access: "office"`), its leaders and the users of any jurisdiction above
 *   it, at any depth (`access: "read"`: the city over its counties, the province over both; the
 *   cascade of issue #19 has no depth limit) see every task, unit and report of the jurisdiction.
 * - `units`: department staff see the tasks their units lead or support; of those tasks' reports,
 *   every unit's on a task they lead and their own units' on a task they only support; per-unit
 *   figures only for their own units, counted over those tasks.
 * - `none`: nothing; callers answer "not found", so ids leak nothing.
 * Source: README "Using Duban" (roles) and "Reliability and security" (the visibility rule).
 */
export type Visibility =
  | { kind: "all"; access: "office" | "read" }
  | { kind: "units"; departmentIds: string[] }
  | { kind: "none" };

/**
 * The visibility given by memberships in a jurisdiction (`ancestorIds`: every jurisdiction above
 * it, nearest first, from ancestorIdsOf). Direct roles win over reading from above: office, then
 * department, then leader.
 */
export function visibilityFromMemberships(
  memberships: readonly ActorMembership[],
  jurisdiction: { id: string; ancestorIds: readonly string[] },
): Visibility {
  const direct = memberships.filter((m) => m.jurisdictionId === jurisdiction.id);
  if (direct.some((m) => m.role === "OFFICE")) return { kind: "all", access: "office" };
  if (direct.some((m) => m.role === "DEPARTMENT")) {
    const departmentIds = [
      ...new Set(
        direct
          .filter((m) => m.role === "DEPARTMENT" && m.departmentId)
          .map((m) => m.departmentId as string),
      ),
    ].sort();
    return { kind: "units", departmentIds };
  }
  if (direct.some((m) => m.role === "LEADER")) return { kind: "all", access: "read" };
  if (memberships.some((m) => jurisdiction.ancestorIds.includes(m.jurisdictionId)))
    return { kind: "all", access: "read" };
  return { kind: "none" };
}

/** The actor's visibility in a jurisdiction (the system, which runs jobs and imports, sees all as the office). */
export async function visibilityOf(
  db: DbOrTx,
  actor: Actor,
  jurisdictionId: string,
): Promise<Visibility> {
  if (actor.kind === "system") return { kind: "all", access: "office" };
  const direct = actor.memberships.some((m) => m.jurisdictionId === jurisdictionId);
  // the chain above is looked up only when no direct role decides it
  const ancestorIds = direct ? [] : await ancestorIdsOf(db, jurisdictionId);
  return visibilityFromMemberships(actor.memberships, { id: jurisdictionId, ancestorIds });
}

/** The units whose tasks the visibility is cut to, or null for the whole jurisdiction (none: no units). */
export function visibleUnits(visibility: Visibility): string[] | null {
  if (visibility.kind === "all") return null;
  return visibility.kind === "units" ? visibility.departmentIds : [];
}

/** How someone with this visibility relates to a task: it decides what they may see and do with it. */
export function taskRelationIn(
  visibility: Visibility,
  task: { leadDepartmentId: string; supportingDepartmentIds: readonly string[] },
): "office" | "read" | "lead" | "support" | "none" {
  if (visibility.kind === "all") return visibility.access;
  if (visibility.kind === "none") return "none";
  if (visibility.departmentIds.includes(task.leadDepartmentId)) return "lead";
  if (task.supportingDepartmentIds.some((id) => visibility.departmentIds.includes(id)))
    return "support";
  return "none";
}

/**
 * Whether a unit's report on a task is visible: all of them to the office, readers and the lead
 * unit; a supporting unit sees its own units' reports only.
 */
export function seesReport(
  visibility: Visibility,
  task: { leadDepartmentId: string; supportingDepartmentIds: readonly string[] },
  reportingDepartmentId: string,
): boolean {
  const relation = taskRelationIn(visibility, task);
  if (relation === "none") return false;
  if (relation === "support")
    return visibility.kind === "units" && visibility.departmentIds.includes(reportingDepartmentId);
  return true;
}

/**
 * Aggregates over the whole plan that cannot be cut to a unit's tasks without losing their point
 * (mid-term and final evaluations: every unit's lagging items and explanations, completion per
 * chapter) are for the office and readers only; department staff are refused (FORBIDDEN), as
 * README's page table says (评估 Evaluations: office, leaders).
 */
export function assertSeesWholePlan(visibility: Visibility, what: [string, string]): void {
  if (visibility.kind !== "all")
    throw forbidden(
      `${what[0]}仅供领导小组办公室和领导查看`,
      `${what[1]} are for the leading group office and leaders only`,
    );
}
