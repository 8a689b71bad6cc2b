// 待分解 in the inbox (issue #19): the assignments from above the actor's office must decompose.
import type { DbOrTx } from "@duban/db";

import type { Actor } from "../actor.ts";
import { dateOnly, shanghaiDay } from "../calendar.ts";
import { latenessOf } from "../cascade/assignment-queries.ts";
import { OWED_ASSIGNMENT_WHERE } from "../cascade/lateness.ts";

/**
 * The PENDING assignments given to the jurisdictions where the actor is the office (the ones it
 * must decompose), deadline first: `[{ id, kind, itemTitle, from, to, decomposeBy, lateness
 * ("pending" | "late"), href: "/assignments?assignment=<id>" }]`. Unlike messages, they stay until
 * decomposed or withdrawn. Empty for anyone who is no office (units and leaders do not decompose).
 */
export async function pendingAssignmentsFor(db: DbOrTx, actor: Actor, now: Date) {
  if (actor.kind !== "user") return [];
  const offices = actor.memberships.filter((m) => m.role === "OFFICE").map((m) => m.jurisdictionId);
  if (offices.length === 0) return [];
  const today = shanghaiDay(now);
  const rows = await db.assignment.findMany({
    where: { toJurisdictionId: { in: offices }, ...OWED_ASSIGNMENT_WHERE },
    orderBy: [{ decomposeBy: "asc" }, { assignedAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      kind: true,
      state: true,
      decomposeBy: true,
      decomposedAt: true,
      fromJurisdiction: { select: { id: true, name: true } },
      toJurisdiction: { select: { id: true, name: true } },
      parentTask: { select: { title: true } },
      parentIndicator: { select: { name: true } },
    },
  });
  return rows.map((a) => ({
    id: a.id,
    kind: a.kind,
    itemTitle: a.parentTask?.title ?? a.parentIndicator?.name ?? "",
    from: a.fromJurisdiction,
    to: a.toJurisdiction,
    decomposeBy: dateOnly(a.decomposeBy),
    lateness: latenessOf(a, today),
    href: `/assignments?assignment=${a.id}`,
  }));
}
