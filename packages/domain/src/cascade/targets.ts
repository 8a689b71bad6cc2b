// Checks shared by 下达 (assignTask, assignIndicator) and the office's changes to an assignment.
import type { DbOrTx } from "@duban/db";

import { addDays, shanghaiDay, type IsoDate } from "../calendar.ts";
import { invalid } from "../errors.ts";
import { cascadeRefusal } from "./db-guards.ts";

type Target = { jurisdictionId: string; targetPlanId?: string };

/**
 * The targets of a 下达, checked: each a DIRECT child of `fromJurisdictionId` (else INVALID
 * `cascade.not-direct-child`, naming it), named once (INVALID), and `targetPlanId`, when given, an
 * ACTIVE plan of that child (INVALID `cascade.target-plan`). When omitted, the child's only active
 * plan is taken; with several (or none) it stays null and the child chooses when it decomposes.
 * Returns, per target in input order: `{ jurisdictionId, name, targetPlanId | null }`.
 */
export async function resolveTargets(
  db: DbOrTx,
  fromJurisdictionId: string,
  targets: readonly Target[],
) {
  const ids = targets.map((t) => t.jurisdictionId);
  if (new Set(ids).size !== ids.length)
    throw invalid("同一地区只能选择一次", "a jurisdiction is named twice", "jurisdictionId");
  const children = await db.jurisdiction.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      parentId: true,
      plans: { where: { status: "ACTIVE" }, select: { id: true } },
    },
  });
  const byId = new Map(children.map((c) => [c.id, c]));
  return targets.map((t) => {
    const child = byId.get(t.jurisdictionId);
    if (!child || child.parentId !== fromJurisdictionId) throw cascadeRefusal("not-direct-child");
    const active = child.plans.map((p) => p.id);
    if (t.targetPlanId && !active.includes(t.targetPlanId))
      throw cascadeRefusal("target-plan-active");
    const targetPlanId = t.targetPlanId ?? (active.length === 1 ? active[0]! : null);
    return { jurisdictionId: child.id, name: child.name, targetPlanId };
  });
}

/**
 * 分解时限 `decomposeBy` is checked: not before today (Asia/Shanghai; a deadline already passed
 * would flag the child late at once) and not after the item's own due day, when it has one.
 * INVALID (field `decomposeBy`) otherwise.
 */
export function assertDecomposeBy(decomposeBy: IsoDate, now: Date, itemDue: IsoDate | null) {
  const today = shanghaiDay(now);
  if (decomposeBy < today)
    throw invalid(
      `分解时限 ${decomposeBy} 已过，请选择今天或以后的日期`,
      `the decomposition deadline ${decomposeBy} has passed; pick today or later`,
      "decomposeBy",
    );
  if (itemDue && decomposeBy > itemDue)
    throw invalid(
      `分解时限不能晚于事项的完成时限 ${itemDue}`,
      `the decomposition deadline cannot be after the item's due date ${itemDue}`,
      "decomposeBy",
    );
}

/** A default 分解时限 for forms: 30 days from today. */
export const defaultDecomposeBy = (now: Date): IsoDate => addDays(shanghaiDay(now), 30);
