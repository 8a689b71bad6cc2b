import type { Actor } from "../actor.ts";

/**
 * Whether the actor may act on an account (disable it, set its mobile for SMS): the system on any
 * account with a role; an office only on an account every membership of which is in a
 * jurisdiction it is the office of. A person who also holds a role elsewhere (a city's office staff who sits in a county)
 * is that other office's as much as this one's, so neither office alone may change them: one
 * county could otherwise redirect a city officer's SMS (and what they say) to a number of its own.
 * `jurisdictionIds`: the jurisdictions of the account's memberships; none (a mailbox-only or
 * system administrator account) is nobody's.
 */
export function mayManageAccount(actor: Actor, jurisdictionIds: readonly string[]): boolean {
  if (jurisdictionIds.length === 0) return false;
  if (actor.kind === "system") return true;
  return jurisdictionIds.every((j) =>
    actor.memberships.some((m) => m.jurisdictionId === j && m.role === "OFFICE"),
  );
}
