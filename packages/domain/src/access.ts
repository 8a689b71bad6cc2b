import type { DbOrTx } from "@duban/db";

import type { Actor } from "./actor.ts";
import { forbidden, notFound } from "./errors.ts";
import { subtreeJurisdictionIds } from "./jurisdictions/tree.ts";
import { taskRelationIn, visibilityOf, type Visibility } from "./visibility.ts";

/**
 * Who may do what, in one place. Rights come from memberships:
 * - office (领导小组办公室) administers its jurisdiction;
 * - department staff act on tasks their unit leads or supports;
 * - leader reads its jurisdiction; anyone in a city reads its counties; nobody else sees anything.
 */
export type JurisdictionAccess = "office" | "department" | "read" | "none";

export function directRoles(actor: Actor, jurisdictionId: string) {
  return actor.kind === "user"
    ? actor.memberships.filter((m) => m.jurisdictionId === jurisdictionId)
    : [];
}

export function isOffice(actor: Actor, jurisdictionId: string): boolean {
  return (
    actor.kind === "system" || directRoles(actor, jurisdictionId).some((m) => m.role === "OFFICE")
  );
}

/** The departments the actor staffs in this jurisdiction. */
export function actorDepartmentIds(actor: Actor, jurisdictionId?: string): string[] {
  if (actor.kind !== "user") return [];
  return actor.memberships
    .filter(
      (m) =>
        m.role === "DEPARTMENT" &&
        m.departmentId &&
        (!jurisdictionId || m.jurisdictionId === jurisdictionId),
    )
    .map((m) => m.departmentId as string);
}

/**
 * Jurisdictions the actor can see: its own, and every jurisdiction below them at any depth (a
 * city's counties, a province's cities and counties; visibility.ts).
 */
export async function visibleJurisdictionIds(db: DbOrTx, actor: Actor): Promise<string[]> {
  if (actor.kind === "system")
    return (await db.jurisdiction.findMany({ select: { id: true } })).map((j) => j.id);
  return subtreeJurisdictionIds(
    db,
    actor.memberships.map((m) => m.jurisdictionId),
  );
}

/** The actor's access class in a jurisdiction: the coarse form of its visibility (visibility.ts). */
export async function jurisdictionAccess(
  db: DbOrTx,
  actor: Actor,
  jurisdictionId: string,
): Promise<JurisdictionAccess> {
  return accessOf(await visibilityOf(db, actor, jurisdictionId));
}

export function accessOf(visibility: Visibility): JurisdictionAccess {
  return visibility.kind === "all"
    ? visibility.access
    : visibility.kind === "units"
      ? "department"
      : "none";
}

export async function assertCanRead(
  db: DbOrTx,
  actor: Actor,
  jurisdictionId: string,
  what: [string, string],
): Promise<JurisdictionAccess> {
  const access = await jurisdictionAccess(db, actor, jurisdictionId);
  if (access === "none") throw notFound(what[0], what[1]);
  return access;
}

export function assertOffice(actor: Actor, jurisdictionId: string): void {
  if (!isOffice(actor, jurisdictionId)) {
    throw forbidden(
      "只有本级领导小组办公室可以执行此操作",
      "only this jurisdiction's leading group office may do this",
    );
  }
}

/**
 * Work only the system may do (the CLI, run by whoever runs the server): anything that sees or
 * changes every jurisdiction at once. A signed-in user gets FORBIDDEN with `why` (zh, en).
 */
export function assertSystem(actor: Actor, why: readonly [zh: string, en: string]): void {
  if (actor.kind !== "system") throw forbidden(why[0], why[1]);
}

export type TaskRelation = "office" | "lead" | "support" | "read" | "none";

/** How the actor relates to a task: it decides what they may see and do with it (see visibility.ts). */
export async function taskRelation(
  db: DbOrTx,
  actor: Actor,
  task: { jurisdictionId: string; leadDepartmentId: string; supportingDepartmentIds: string[] },
): Promise<TaskRelation> {
  return taskRelationIn(await visibilityOf(db, actor, task.jurisdictionId), task);
}
