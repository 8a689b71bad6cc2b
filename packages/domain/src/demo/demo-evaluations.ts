import type { Db } from "@duban/db";

import type { Actor } from "../actor.ts";
import { shanghaiDay } from "../calendar.ts";
import { generateEvaluation } from "../evaluation/evaluation-data.ts";
import { at } from "./demo-fates.ts";

/** The office's signed-in actor, for the demo's steps that go through domain functions. */
export function officeActor(
  user: { id: string; email: string; name: string },
  jurisdictionId: string,
): Actor {
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: [{ jurisdictionId, role: "OFFICE", departmentId: null }],
  };
}

/**
 * The plan's 中期评估 (as of mid-period, generated that July) and 总结评估 (as of the plan's end,
 * generated the following March), each once its date has passed — through generateEvaluation, so
 * the figures are the ones the evaluation page shows.
 */
export async function demoEvaluations(
  db: Db,
  planId: string,
  office: { id: string; email: string; name: string },
  jurisdictionId: string,
  now: Date,
) {
  const actor = officeActor(office, jurisdictionId);
  const today = shanghaiDay(now);
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  const mid = plan.periodStart + Math.floor((plan.periodEnd - plan.periodStart) / 2);
  const plans = [
    { kind: "MIDTERM" as const, generated: `${mid}-07-20` },
    { kind: "FINAL" as const, generated: `${plan.periodEnd + 1}-03-16` },
  ];
  for (const p of plans) {
    if (p.generated >= today) continue;
    const { id } = await generateEvaluation({ db, actor, now }, { planId, kind: p.kind });
    await db.evaluation.update({
      where: { id },
      data: { generatedAt: at(p.generated, 10), generatedBy: office.email },
    });
  }
}
