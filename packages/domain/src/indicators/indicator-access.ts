import type { DbOrTx } from "@duban/db";

import { assertCanRead, assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { invalid, notFound } from "../errors.ts";

/**
 * An indicator with its plan's jurisdiction, period and status, for a reader: NOT_FOUND when the
 * actor cannot read the plan's jurisdiction (another jurisdiction learns nothing).
 */
export async function readableIndicator(db: DbOrTx, actor: Actor, indicatorId: string) {
  const indicator = await db.indicator.findUnique({
    where: { id: indicatorId },
    include: {
      plan: { select: { jurisdictionId: true, periodStart: true, periodEnd: true, status: true } },
    },
  });
  if (!indicator) throw notFound("指标", "indicator");
  await assertCanRead(db, actor, indicator.plan.jurisdictionId, ["指标", "indicator"]);
  return indicator;
}

/**
 * The same for a change of the indicator's targets (issue #18, 动态调整): only the office of the
 * plan's jurisdiction (units and leaders FORBIDDEN), and never on an archived plan (INVALID).
 */
export async function officeIndicator(db: DbOrTx, actor: Actor, indicatorId: string) {
  const indicator = await readableIndicator(db, actor, indicatorId);
  assertOffice(actor, indicator.plan.jurisdictionId);
  if (indicator.plan.status === "ARCHIVED")
    throw invalid(
      "规划已归档，指标不能再调整",
      "the plan is archived; its indicators are read-only",
    );
  return indicator;
}
