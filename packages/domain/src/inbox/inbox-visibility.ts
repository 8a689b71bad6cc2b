import type { DbOrTx } from "@duban/db";

import { ancestorIdsOfMany } from "../jurisdictions/tree.ts";
import { taskRelationIn, visibilityFromMemberships } from "../visibility.ts";

/**
 * How a user account stands to what a message is about:
 * - `sees`: an active account whose list views show it (the task, else something of the jurisdiction);
 * - `blind`: an active account with a role, but not one that shows it (staff of another unit,
 *   another county);
 * - `mailbox`: an active account with no role anywhere (a unit's mailbox signed up for its
 *   settings): it may get the email as a bare address, but it has no inbox to read;
 * - `gone`: no such account, or a disabled one.
 */
export type Standing = "sees" | "blind" | "mailbox" | "gone";

export type AboutWhat = { userId: string; taskId?: string | null; jurisdictionId?: string | null };

/**
 * The standing of each (user, object) pair, by the one visibility rule (visibility.ts): the task
 * decides when there is one (its plan's jurisdiction, its lead and supporting units), else the
 * jurisdiction (any role that sees something of it); a message about neither (account mail) is
 * for any active account. Four queries whatever the number of pairs. Issue #17 step 9: nobody
 * gets an inbox message about something their own list views do not show.
 */
export async function standingsOf(db: DbOrTx, pairs: AboutWhat[]): Promise<Standing[]> {
  if (pairs.length === 0) return [];
  const userIds = [...new Set(pairs.map((p) => p.userId))];
  const taskIds = [...new Set(pairs.flatMap((p) => (p.taskId ? [p.taskId] : [])))];
  const [users, tasks] = await Promise.all([
    db.user.findMany({
      where: { id: { in: userIds } },
      select: {
        id: true,
        disabledAt: true,
        memberships: { select: { jurisdictionId: true, role: true, departmentId: true } },
      },
    }),
    taskIds.length
      ? db.task.findMany({
          where: { id: { in: taskIds } },
          select: {
            id: true,
            leadDepartmentId: true,
            supportingDepartments: { select: { departmentId: true } },
            plan: { select: { jurisdictionId: true } },
          },
        })
      : [],
  ]);
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const jurisdictionIds = [
    ...new Set([
      ...tasks.map((t) => t.plan.jurisdictionId),
      ...pairs.flatMap((p) => (p.jurisdictionId ? [p.jurisdictionId] : [])),
    ]),
  ];
  const ancestorsOf = await ancestorIdsOfMany(db, jurisdictionIds);
  const userById = new Map(users.map((u) => [u.id, u]));
  return pairs.map((p) => {
    const user = userById.get(p.userId);
    if (!user || user.disabledAt) return "gone";
    if (user.memberships.length === 0) return "mailbox";
    if (p.taskId) {
      const task = taskById.get(p.taskId);
      if (!task) return "blind";
      const j = task.plan.jurisdictionId;
      const visibility = visibilityFromMemberships(user.memberships, {
        id: j,
        ancestorIds: ancestorsOf.get(j) ?? [],
      });
      return taskRelationIn(visibility, {
        leadDepartmentId: task.leadDepartmentId,
        supportingDepartmentIds: task.supportingDepartments.map((s) => s.departmentId),
      }) === "none"
        ? "blind"
        : "sees";
    }
    if (p.jurisdictionId) {
      const visibility = visibilityFromMemberships(user.memberships, {
        id: p.jurisdictionId,
        ancestorIds: ancestorsOf.get(p.jurisdictionId) ?? [],
      });
      return visibility.kind === "none" ? "blind" : "sees";
    }
    return "sees";
  });
}
