import type { DbOrTx, Prisma } from "@duban/db";

import { shanghaiDay, workingDaysBetween, type IsoDate } from "../calendar.ts";
import type { LoopTaskRef } from "../notifications/payloads.ts";
import { supervisionRulesOf } from "./settings.ts";

/** A task still 待签收 past its jurisdiction's 签收期限. */
export type UnacknowledgedTask = LoopTaskRef & {
  jurisdictionId: string;
  planId: string;
  leadDepartmentId: string;
  assignedOn: IsoDate;
  workingDaysWaiting: number;
  /** the jurisdiction's SupervisionSettings.acknowledgeWorkingDays */
  limit: number;
};

/**
 * Open tasks (not completed or cancelled) of active plans that their lead unit has not
 * acknowledged (签收) although `acknowledgeWorkingDays` working days (Mon–Fri, Asia/Shanghai) or
 * more have passed since 交办 (Task.assignedAt), as of `asOf`: assigned on a Monday with the
 * default 3, listed from the Thursday. Each jurisdiction's own setting applies (issue #17 step 1).
 * `where` narrows by jurisdiction or plan; oldest assignment first.
 */
export async function unacknowledgedTasks(
  db: DbOrTx,
  where: {
    jurisdictionId?: string;
    jurisdictionIds?: string[] | null;
    planId?: string | null;
    asOf: Date;
  },
): Promise<UnacknowledgedTask[]> {
  const plan: Prisma.PlanWhereInput = {
    status: "ACTIVE",
    ...(where.jurisdictionId ? { jurisdictionId: where.jurisdictionId } : {}),
    ...(where.jurisdictionIds ? { jurisdictionId: { in: where.jurisdictionIds } } : {}),
    ...(where.planId ? { id: where.planId } : {}),
  };
  const today = shanghaiDay(where.asOf);
  const tasks = await db.task.findMany({
    where: {
      plan,
      acknowledgedAt: null,
      status: { notIn: ["COMPLETED", "CANCELLED"] },
      assignedAt: { lte: where.asOf },
    },
    orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      planId: true,
      assignedAt: true,
      leadDepartmentId: true,
      leadDepartment: { select: { name: true } },
      plan: { select: { title: true, jurisdictionId: true } },
    },
  });
  const rules = await supervisionRulesOf(db, [...new Set(tasks.map((t) => t.plan.jurisdictionId))]);
  return tasks.flatMap((t) => {
    const limit = rules.get(t.plan.jurisdictionId)!.acknowledgeWorkingDays;
    const assignedOn = shanghaiDay(t.assignedAt);
    const waiting = workingDaysBetween(assignedOn, today);
    return waiting >= limit
      ? [
          {
            taskId: t.id,
            taskTitle: t.title,
            planTitle: t.plan.title,
            departmentName: t.leadDepartment.name,
            jurisdictionId: t.plan.jurisdictionId,
            planId: t.planId,
            leadDepartmentId: t.leadDepartmentId,
            assignedOn,
            workingDaysWaiting: waiting,
            limit,
          },
        ]
      : [];
  });
}
