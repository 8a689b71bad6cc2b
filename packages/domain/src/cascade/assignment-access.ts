// Who may see and act on an assignment (下达事项), issue #19: the one rule for every cascade
// procedure, on top of the jurisdictions' visibility (visibility.ts).
import type { DbOrTx } from "@duban/db";

import { isOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { forbidden, invalid, notFound } from "../errors.ts";
import { visibilityOf } from "../visibility.ts";

/**
 * How the actor stands to an assignment:
 * - `giver`: the office of the jurisdiction that gave it (下达): may change or withdraw it;
 * - `receiver`: the office of the jurisdiction it was given to: may decompose it;
 * - `reader`: sees every item of either jurisdiction (their leaders, any jurisdiction above),
 *   read-only.
 * Department staff and other jurisdictions get NOT_FOUND (ids leak nothing): a unit sees the
 * tasks it leads, not the offices' assignments. The system acts as both offices.
 */
export type AssignmentSide = "giver" | "receiver" | "reader";

export async function assignmentSide(
  db: DbOrTx,
  actor: Actor,
  a: { fromJurisdictionId: string; toJurisdictionId: string },
): Promise<AssignmentSide | null> {
  if (isOffice(actor, a.fromJurisdictionId)) return "giver";
  if (isOffice(actor, a.toJurisdictionId)) return "receiver";
  const [from, to] = await Promise.all([
    visibilityOf(db, actor, a.fromJurisdictionId),
    visibilityOf(db, actor, a.toJurisdictionId),
  ]);
  return from.kind === "all" || to.kind === "all" ? "reader" : null;
}

/** An assignment with what every cascade command reads of it; null when there is none. No access check. */
export function loadAssignment(db: DbOrTx, assignmentId: string) {
  return db.assignment.findUnique({
    where: { id: assignmentId },
    include: {
      fromJurisdiction: { select: { id: true, name: true } },
      toJurisdiction: { select: { id: true, name: true } },
      parentTask: {
        select: {
          id: true,
          title: true,
          planId: true,
          startDate: true,
          dueDate: true,
          status: true,
          progress: true,
          derivedProgress: true,
          leadDepartment: { select: { id: true, name: true } },
          plan: { select: { id: true, title: true, status: true } },
        },
      },
      parentIndicator: {
        select: {
          id: true,
          name: true,
          unit: true,
          planId: true,
          baselineYear: true,
          baselineValue: true,
          targetYear: true,
          targetValue: true,
          direction: true,
          nature: true,
          trajectory: true,
          accumulation: true,
          category: true,
          shareRollupRule: true,
          plan: { select: { id: true, title: true, status: true } },
        },
      },
      targetPlan: { select: { id: true, title: true, status: true, jurisdictionId: true } },
    },
  });
}

/** An assignment the actor may see, with its side; NOT_FOUND otherwise. */
export async function loadAssignmentForActor(db: DbOrTx, actor: Actor, assignmentId: string) {
  const assignment = await loadAssignment(db, assignmentId);
  if (!assignment) throw notFound("下达事项", "assignment");
  const side = await assignmentSide(db, actor, assignment);
  if (!side) throw notFound("下达事项", "assignment");
  return { assignment, side };
}

export type LoadedAssignment = Awaited<ReturnType<typeof loadAssignmentForActor>>["assignment"];

/** FORBIDDEN unless the actor is the giving office (change, withdraw). */
export function assertGiver(side: AssignmentSide): void {
  if (side !== "giver")
    throw forbidden(
      "只有下达该事项的上级领导小组办公室可以修改或撤回",
      "only the office that gave the assignment may change or withdraw it",
    );
}

/** FORBIDDEN unless the actor is the receiving office (decompose). */
export function assertReceiver(side: AssignmentSide): void {
  if (side !== "receiver")
    throw forbidden(
      "只有承接地区的领导小组办公室可以分解下达事项",
      "only the receiving jurisdiction's office may decompose the assignment",
    );
}

/** The title of what was handed down: the task's title or the indicator's name. */
export function assignedItemTitle(a: LoadedAssignment): string {
  return a.parentTask?.title ?? a.parentIndicator?.name ?? "";
}

/**
 * INVALID when the plan of the item handed down (the parent task's or indicator's) is archived:
 * its assignments are read-only, as its tasks are (the message of `assertWritablePlan`).
 */
export function assertGivingPlanWritable(a: LoadedAssignment): void {
  const plan = a.parentTask?.plan ?? a.parentIndicator?.plan;
  if (plan?.status === "ARCHIVED")
    throw invalid("规划已归档，任务不能再修改", "the plan is archived; its tasks are read-only");
}
