import type { Role } from "@duban/db";

export type ActorMembership = { jurisdictionId: string; role: Role; departmentId: string | null };

/** Who is acting: a signed-in user, or the system (scheduled jobs, CLI imports). */
export type Actor =
  | { kind: "user"; userId: string; email: string; name: string; memberships: ActorMembership[] }
  | { kind: "system"; label: string };

export const systemActor = (label: string): Actor => ({ kind: "system", label });

export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : `system:${actor.label}`;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
