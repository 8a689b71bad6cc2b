import type { z } from "zod";

import type { Tx } from "@duban/db";

import { assertOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import type { DomainContext } from "../context.ts";
import { conflict, invalid, staleVersion } from "../errors.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type { ZCreateAnnualPlanInput } from "../schemas/annual.ts";
import { assertPlanOpen } from "./annual-access.ts";

/**
 * How many years after its period a five-year plan still takes annual plans: the year after a
 * plan ends is commonly planned from it until the next plan is issued (the demo's 2026 plan of a
 * 2021–2025 plan), and a little more leaves room for a late successor.
 */
export const YEARS_AFTER_PERIOD = 5;

type PlanForYear = { periodStart: number; periodEnd: number };

/**
 * The year rule (issue #18): a year's plan belongs to a five-year plan and a year from the plan's
 * first year to YEARS_AFTER_PERIOD years after its last. INVALID on field `year` otherwise.
 */
export function assertYearOfPlan(plan: PlanForYear, year: number): void {
  const last = plan.periodEnd + YEARS_AFTER_PERIOD;
  if (year < plan.periodStart || year > last)
    throw invalid(
      `年度应在 ${plan.periodStart}–${last} 年之间（规划期 ${plan.periodStart}–${plan.periodEnd} 年及其后 ${YEARS_AFTER_PERIOD} 年）`,
      `the year must be from ${plan.periodStart} to ${last} (the plan period ${plan.periodStart}–${plan.periodEnd} and ${YEARS_AFTER_PERIOD} years after it)`,
      "year",
    );
}

/** The default title: `<plan title> 2026年度工作要点`. */
export const defaultAnnualTitle = (planTitle: string, year: number) =>
  `${planTitle} ${year}年度工作要点`;

/**
 * Creates the year's plan row in the caller's transaction (audited `annualPlan.create`); CONFLICT
 * when the plan already has one for the year (one per plan and year, the unique key).
 */
export async function insertAnnualPlan(
  tx: Tx,
  { actor, requestId }: { actor: Actor; requestId?: string },
  plan: { id: string; title: string; jurisdictionId: string },
  year: number,
  title?: string,
) {
  const existing = await tx.annualPlan.findUnique({
    where: { planId_year: { planId: plan.id, year } },
    select: { id: true },
  });
  if (existing)
    throw conflict(`${year} 年度工作要点已存在`, `the plan already has a ${year} annual plan`, {
      annualPlanId: existing.id,
    });
  const created = await tx.annualPlan.create({
    data: {
      planId: plan.id,
      year,
      title: title?.trim() || defaultAnnualTitle(plan.title, year),
      createdById: actor.kind === "user" ? actor.userId : null,
    },
  });
  await recordAudit(tx, actor, {
    action: "annualPlan.create",
    entityType: "AnnualPlan",
    entityId: created.id,
    jurisdictionId: plan.jurisdictionId,
    after: { planId: plan.id, year, title: created.title },
    requestId,
  });
  return created;
}

/**
 * 新建年度工作要点: the office of the plan's jurisdiction creates the year's plan as a DRAFT.
 * Errors: NOT_FOUND (plan not visible), FORBIDDEN (not its office), INVALID (plan archived, year
 * outside assertYearOfPlan), CONFLICT (the year exists). Returns `{ annualPlanId, version }`.
 */
export async function createAnnualPlan(
  { db, actor, requestId }: DomainContext,
  input: z.infer<typeof ZCreateAnnualPlanInput>,
) {
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  assertOffice(actor, plan.jurisdictionId);
  assertPlanOpen(plan);
  assertYearOfPlan(plan, input.year);
  const created = await db.$transaction((tx) =>
    insertAnnualPlan(tx, { actor, requestId }, plan, input.year, input.title),
  );
  return { annualPlanId: created.id, version: created.version };
}

/** Optimistic lock on the year's plan: raises its version, CONFLICT when it moved since `version`. */
export async function bumpAnnualPlan(tx: Tx, annualPlanId: string, version: number) {
  const updated = await tx.annualPlan.updateMany({
    where: { id: annualPlanId, version },
    data: { version: { increment: 1 } },
  });
  if (updated.count === 0) {
    const now = await tx.annualPlan.findUnique({ where: { id: annualPlanId } });
    throw staleVersion("年度工作要点", "annual plan", now?.version ?? version);
  }
}
