import type { Role } from "@duban/db";

export type ActorMembership = { jurisdictionId: string; role: Role; departmentId: string | null };

/**
 * Who is acting: a signed-in user, or the system (scheduled jobs, CLI imports). `systemAdmin`
 * (系统管理员) operates the product (the queue dashboard); it gives no right in any jurisdiction,
 * which only memberships do.
 */
export type Actor =
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      memberships: ActorMembership[];
      systemAdmin?: boolean;
    }
  | { kind: "system"; label: string };

export const systemActor = (label: string): Actor => ({ kind: "system", label });

export function actorLabel(actor: Actor): string {
  return actor.kind === "user" ? actor.email : `system:${actor.label}`;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** Only the system administrator (User.systemAdmin, created by the CLI) operates the queues. */
export const isSystemAdmin = (actor: Actor | null | undefined): boolean =>
  actor?.kind === "user" && actor.systemAdmin === true;
