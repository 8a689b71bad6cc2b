import type { DbOrTx, Prisma } from "@duban/db";

import type { Actor } from "../actor.ts";
import { forbidden, notFound } from "../errors.ts";
import { subtreeJurisdictionIds } from "../jurisdictions/tree.ts";

/**
 * What one job run may read, write and email. The scheduler and the CLI (the operator) run over
 * every jurisdiction (`jurisdictionIds: null`); an office's run covers only the jurisdictions
 * where it is the office and, for a city's office, the counties directly below (the same one
 * level a city's users read: access.ts). `planId` narrows any run to one plan, which must lie
 * inside the jurisdictions.
 */
export type JobScope = { jurisdictionIds: string[] | null; planId: string | null };

export const ALL_JURISDICTIONS: JobScope = { jurisdictionIds: null, planId: null };

/** Whether a jurisdiction lies inside the scope's jurisdictions (ignores planId). */
export function coversJurisdiction(scope: JobScope, jurisdictionId: string): boolean {
  return scope.jurisdictionIds === null || scope.jurisdictionIds.includes(jurisdictionId);
}

/**
 * The jurisdictions an office administers for jobs and their outbox: where the actor is the
 * office, plus the jurisdictions directly below those. Null for the system (everything). Throws
 * FORBIDDEN for a user who is nobody's office (jobs are the office's tool).
 */
export async function officeJobJurisdictions(db: DbOrTx, actor: Actor): Promise<string[] | null> {
  if (actor.kind === "system") return null;
  const own = [
    ...new Set(actor.memberships.filter((m) => m.role === "OFFICE").map((m) => m.jurisdictionId)),
  ];
  if (own.length === 0)
    throw forbidden(
      "只有领导小组办公室可以管理定时任务",
      "only a leading group office may manage scheduled jobs",
    );
  return subtreeJurisdictionIds(db, own);
}

/**
 * Who may run a job now, and over what: the rule "run now" (the jobs page, the CLI) checks before
 * any work. The system runs over everything; an office over its office jurisdictions (a city's
 * also the counties below), narrowed to `planId` when given; anyone else is FORBIDDEN. A plan
 * outside them (or missing) is NOT_FOUND, as everywhere else, so ids leak nothing.
 */
export async function jobScopeFor(
  { db, actor }: { db: DbOrTx; actor: Actor },
  input: { planId?: string | null },
): Promise<JobScope> {
  const jurisdictionIds = await officeJobJurisdictions(db, actor);
  return narrowToPlan({ db }, { jurisdictionIds, planId: input.planId ?? null });
}

/**
 * A scope with a plan becomes that plan's jurisdiction alone (so its run is recorded as that
 * jurisdiction's, which its office may read in full). Refuses a plan that does not exist or lies
 * outside the scope's jurisdictions (NOT_FOUND).
 */
export async function narrowToPlan({ db }: { db: DbOrTx }, scope: JobScope): Promise<JobScope> {
  if (!scope.planId) return scope;
  const plan = await db.plan.findUnique({
    where: { id: scope.planId },
    select: { jurisdictionId: true },
  });
  if (!plan || !coversJurisdiction(scope, plan.jurisdictionId)) throw notFound("规划", "plan");
  return { jurisdictionIds: [plan.jurisdictionId], planId: scope.planId };
}

/** Active plans inside the scope: the one filter every monitoring query starts from. */
export function activePlanWhere(scope: JobScope): Prisma.PlanWhereInput {
  return {
    status: "ACTIVE",
    ...(scope.jurisdictionIds ? { jurisdictionId: { in: scope.jurisdictionIds } } : {}),
    ...(scope.planId ? { id: scope.planId } : {}),
  };
}

/**
 * The part of a dedupe key that keeps a narrowed run from using up the key of a whole run: a run
 * over one plan writes `…:plan:<id>`, so the scheduled digest of the whole jurisdiction still goes
 * out that day (a plan's items may then arrive twice; a repeated reminder is better than a lost one).
 * Jurisdictions need no such mark: every email is per causing jurisdiction already.
 */
export const narrowedKey = (scope: JobScope) => (scope.planId ? `:plan:${scope.planId}` : "");
