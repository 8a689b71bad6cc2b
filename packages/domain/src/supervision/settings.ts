import type { DbOrTx } from "@duban/db";

import { DEFAULT_BANDS } from "../progress.ts";

/** A jurisdiction's supervision settings (SupervisionSettings), the defaults filled in. */
export type SupervisionRules = {
  acknowledgeWorkingDays: number;
  yellowLagPoints: number;
  redLagPoints: number;
  dueSoonDays: number;
  escalationDays: number;
  leaderApprovalRequired: boolean;
  allowLateRequests: boolean;
};

/**
 * The defaults when an office has set nothing: 签收 within 3 working days (issue #17), 黄 from 10
 * points behind 序时进度 (the fixed band Duban used before), 红 from 30, due soon within 15 days,
 * 红色督办 and the overdue scan's escalation to the office from 14 days overdue (the scan's old
 * DEFAULT_ESCALATION_DAYS), one approval, no late requests.
 */
export const DEFAULT_SUPERVISION_RULES: SupervisionRules = {
  acknowledgeWorkingDays: 3,
  ...DEFAULT_BANDS,
  escalationDays: 14,
  leaderApprovalRequired: false,
  allowLateRequests: false,
};

/** The rules of each jurisdiction asked for (defaults where none are set), in one query. */
export async function supervisionRulesOf(
  db: DbOrTx,
  jurisdictionIds: string[],
): Promise<Map<string, SupervisionRules>> {
  const rows = jurisdictionIds.length
    ? await db.supervisionSettings.findMany({ where: { jurisdictionId: { in: jurisdictionIds } } })
    : [];
  const out = new Map<string, SupervisionRules>();
  for (const id of jurisdictionIds) out.set(id, { ...DEFAULT_SUPERVISION_RULES });
  for (const r of rows)
    out.set(r.jurisdictionId, {
      acknowledgeWorkingDays: r.acknowledgeWorkingDays,
      yellowLagPoints: r.yellowLagPoints,
      redLagPoints: r.redLagPoints,
      dueSoonDays: r.dueSoonDays,
      escalationDays: r.escalationDays,
      leaderApprovalRequired: r.leaderApprovalRequired,
      allowLateRequests: r.allowLateRequests,
    });
  return out;
}

/** One jurisdiction's rules. */
export async function supervisionRules(db: DbOrTx, jurisdictionId: string) {
  return (await supervisionRulesOf(db, [jurisdictionId])).get(jurisdictionId)!;
}

/**
 * The rules of the jurisdiction a plan belongs to (defaults where none are set), in one query that
 * needs no earlier lookup of the plan, so it can run beside the access check. Unknown plan → defaults
 * (the access check beside it refuses).
 */
export async function supervisionRulesOfPlan(db: DbOrTx, planId: string) {
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: { jurisdictionId: true, jurisdiction: { select: { supervisionSettings: true } } },
  });
  const r = plan?.jurisdiction.supervisionSettings;
  return r
    ? (Object.fromEntries(
        Object.keys(DEFAULT_SUPERVISION_RULES).map((k) => [k, r[k as keyof SupervisionRules]]),
      ) as SupervisionRules)
    : { ...DEFAULT_SUPERVISION_RULES };
}
