import type { z } from "zod";

import { dateOnly, shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type {
  ZAnnualPlanForYearInput,
  ZAnnualPlanIdInput,
  ZListAnnualPlansInput,
} from "../schemas/annual.ts";
import { supervisionRulesOfPlan } from "../supervision/settings.ts";
import { taskView } from "../tasks/task-queries.ts";
import { taskRelationIn } from "../visibility.ts";
import { loadAnnualPlanForActor, seesAnnualItem, seesAnnualPlan } from "./annual-access.ts";
import { annualItemOutcome } from "./item-outcome.ts";

/**
 * The year's plans of a five-year plan the actor may see (drafts for the office only), newest
 * year first, each with its item counts as the actor sees them (department staff: their units'
 * items). NOT_FOUND when the plan is not visible.
 */
export async function listAnnualPlans(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZListAnnualPlansInput>,
) {
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  const rows = await db.annualPlan.findMany({
    where: { planId: plan.id },
    orderBy: { year: "desc" },
    include: {
      items: {
        select: {
          task: {
            select: {
              leadDepartmentId: true,
              supportingDepartments: { select: { departmentId: true } },
            },
          },
        },
      },
    },
  });
  return rows
    .filter((r) => seesAnnualPlan(visibility, r.status))
    .map(({ items, ...r }) => ({
      id: r.id,
      year: r.year,
      title: r.title,
      status: r.status,
      docNumber: r.docNumber,
      issuedAt: r.issuedAt,
      version: r.version,
      items: items.filter((i) =>
        seesAnnualItem(visibility, {
          leadDepartmentId: i.task.leadDepartmentId,
          supportingDepartmentIds: i.task.supportingDepartments.map((s) => s.departmentId),
        }),
      ).length,
    }));
}

/** The year's plan of a plan and year, or null when there is none the actor may see. */
export async function annualPlanForYear(
  ctx: DomainContext,
  input: z.infer<typeof ZAnnualPlanForYearInput>,
) {
  const list = await listAnnualPlans(ctx, { planId: input.planId });
  return list.find((p) => p.year === input.year) ?? null;
}

/**
 * One year's plan with the items the actor may see, in order: each with its task (title, source,
 * lead and supporting units, status, progress, schedule state and traffic light by the
 * jurisdiction's bands, as the task list shows them), its outcome today (annualItemOutcome, the
 * one rule), the previous year's item it carries over and why, the lead unit's explanation, and
 * what the actor may do with it (`canExplain`). `canEdit`: the actor is the plan's office.
 */
export async function annualPlanDetail(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZAnnualPlanIdInput>,
) {
  const { annual, visibility } = await loadAnnualPlanForActor(db, actor, input.annualPlanId);
  const asOf = shanghaiDay(now ?? new Date());
  const bands = await supervisionRulesOfPlan(db, annual.planId);
  const items = await db.annualPlanItem.findMany({
    where: { annualPlanId: annual.id },
    orderBy: [{ order: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    include: {
      task: {
        select: {
          id: true,
          title: true,
          source: true,
          status: true,
          progress: true,
          completedAt: true,
          startDate: true,
          dueDate: true,
          originalDueDate: true,
          version: true,
          leadDepartment: { select: { id: true, name: true } },
          supportingDepartments: {
            select: { department: { select: { id: true, name: true } } },
            orderBy: { departmentId: "asc" },
          },
        },
      },
      carriedOverFrom: {
        select: { id: true, deliverable: true, annualPlan: { select: { year: true } } },
      },
    },
  });
  const office = visibility.kind === "all" && visibility.access === "office";
  const rows = items.flatMap((item) => {
    const units = {
      leadDepartmentId: item.task.leadDepartment.id,
      supportingDepartmentIds: item.task.supportingDepartments.map((s) => s.department.id),
    };
    if (!seesAnnualItem(visibility, units)) return [];
    const relation = taskRelationIn(visibility, units);
    const view = taskView(item.task, asOf, bands);
    return [
      {
        id: item.id,
        version: item.version,
        order: item.order,
        deliverable: item.deliverable,
        dueDate: dateOnly(item.dueDate),
        doneAt: item.doneAt,
        explanation: item.explanation,
        outcome: annualItemOutcome({ ...item, year: annual.year }, asOf),
        carriedOver: item.carriedOverFrom
          ? {
              fromItemId: item.carriedOverFrom.id,
              fromYear: item.carriedOverFrom.annualPlan.year,
              fromDeliverable: item.carriedOverFrom.deliverable,
              reason: item.carryOverReason,
            }
          : null,
        task: {
          id: view.id,
          title: view.title,
          source: view.source,
          status: view.status,
          progress: view.progress,
          dueDate: dateOnly(item.task.dueDate),
          version: view.version,
          schedule: view.schedule,
          light: view.light,
          leadDepartment: item.task.leadDepartment,
          supportingDepartments: item.task.supportingDepartments.map((s) => s.department),
        },
        canExplain: office || relation === "lead",
      },
    ];
  });
  return {
    id: annual.id,
    planId: annual.planId,
    planTitle: annual.plan.title,
    jurisdictionId: annual.plan.jurisdictionId,
    jurisdictionName: annual.plan.jurisdiction.name,
    periodStart: annual.plan.periodStart,
    periodEnd: annual.plan.periodEnd,
    year: annual.year,
    title: annual.title,
    status: annual.status,
    docNumber: annual.docNumber,
    issuedAt: annual.issuedAt,
    version: annual.version,
    asOf,
    canEdit: office,
    items: rows,
  };
}

export type AnnualPlanDetail = Awaited<ReturnType<typeof annualPlanDetail>>;
