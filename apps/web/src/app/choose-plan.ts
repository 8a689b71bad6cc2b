import type { Me } from "./access.ts";

/** Where the last chosen plan's id is kept (localStorage). */
export const PLAN_STORAGE_KEY = "duban.planId";

/** What choosing needs of a plan: the plan list's items have it, and so do their wire form. */
type Choosable = { id: string; status: string; jurisdiction: { id: string } };

/**
 * The default plan: the last one chosen (`stored`), else an active plan of the user's own
 * jurisdiction, else any active plan, else the first; null when the list is empty. Pure, without
 * React: the early answers (boot.ts) choose the same plan before the app has started.
 */
export function choosePlan<P extends Choosable>(
  plans: P[],
  me: {
    memberships: Array<{ jurisdiction: Pick<Me["memberships"][number]["jurisdiction"], "id"> }>;
  },
  stored: string | null,
): P | null {
  const own = new Set(me.memberships.map((m) => m.jurisdiction.id));
  return (
    plans.find((p) => p.id === stored) ??
    plans.find((p) => p.status === "ACTIVE" && own.has(p.jurisdiction.id)) ??
    plans.find((p) => p.status === "ACTIVE") ??
    plans[0] ??
    null
  );
}
