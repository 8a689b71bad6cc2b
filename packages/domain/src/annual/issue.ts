import type { z } from "zod";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid } from "../errors.ts";
import { issuingOfficeName } from "../i18n/notice-text.ts";
import type { ZIssueAnnualPlanInput } from "../schemas/annual.ts";
import { notifyLoop } from "../supervision/notify.ts";
import { assertPlanOpen, loadAnnualPlanForActor } from "./annual-access.ts";
import { bumpAnnualPlan } from "./create.ts";

/**
 * 印发: the office issues the year's plan (DRAFT → ISSUED, with its 文号 when given). From then on
 * leaders and the city above read it and each unit sees the items of the tasks it leads or
 * supports. Each lead unit is told, in the same transaction, through the outbox and the inbox
 * ("annual-plan-issued", notifyLoop: its staff and contact mailboxes), with the items it leads.
 * Errors: NOT_FOUND, FORBIDDEN (not the office), INVALID (issued already, no items, plan
 * archived), CONFLICT (stale version). Audited `annualPlan.issue`.
 */
export async function issueAnnualPlan(
  { db, actor, requestId, now: at }: DomainContext,
  input: z.infer<typeof ZIssueAnnualPlanInput>,
) {
  const { annual } = await loadAnnualPlanForActor(db, actor, input.annualPlanId);
  assertOffice(actor, annual.plan.jurisdictionId);
  assertPlanOpen(annual.plan);
  if (annual.status === "ISSUED")
    throw invalid("年度工作要点已印发", "the annual plan is already issued");
  const now = at ?? new Date();
  return db.$transaction(async (tx) => {
    await bumpAnnualPlan(tx, annual.id, input.version);
    const items = await tx.annualPlanItem.findMany({
      where: { annualPlanId: annual.id },
      orderBy: [{ order: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        deliverable: true,
        dueDate: true,
        task: {
          select: { id: true, title: true, leadDepartment: { select: { id: true, name: true } } },
        },
      },
    });
    if (items.length === 0)
      throw invalid("年度工作要点还没有事项，不能印发", "the annual plan has no items to issue");
    const docNumber = input.docNumber?.trim() || null;
    await tx.annualPlan.update({
      where: { id: annual.id },
      data: {
        status: "ISSUED",
        docNumber,
        issuedAt: now,
        issuedById: actor.kind === "user" ? actor.userId : null,
      },
    });
    await recordAudit(tx, actor, {
      action: "annualPlan.issue",
      entityType: "AnnualPlan",
      entityId: annual.id,
      jurisdictionId: annual.plan.jurisdictionId,
      before: { status: annual.status },
      after: { status: "ISSUED", docNumber, items: items.length },
      requestId,
    });
    const byUnit = new Map<string, typeof items>();
    for (const item of items) {
      const id = item.task.leadDepartment.id;
      byUnit.set(id, [...(byUnit.get(id) ?? []), item]);
    }
    let emails = 0;
    for (const [departmentId, led] of byUnit) {
      const sent = await notifyLoop(tx, {
        kind: "annual-plan-issued",
        jurisdictionId: annual.plan.jurisdictionId,
        subject: `【年度工作要点】${annual.title}`,
        dedupeKey: `annual-plan:${annual.id}:issued:${departmentId}`,
        link: {
          entityType: "AnnualPlan",
          entityId: annual.id,
          body: `贵单位牵头 ${led.length} 项`,
        },
        to: { departmentIds: [departmentId] },
        exceptUserId: actor.kind === "user" ? actor.userId : null,
        now,
        payload: {
          annualPlanId: annual.id,
          title: annual.title,
          year: annual.year,
          planTitle: annual.plan.title,
          docNumber,
          issuingOffice: issuingOfficeName(annual.plan.jurisdiction.name),
          departmentName: led[0]!.task.leadDepartment.name,
          items: led.map((i) => ({
            taskId: i.task.id,
            taskTitle: i.task.title,
            deliverable: i.deliverable,
            dueDate: dateOnly(i.dueDate),
          })),
        },
      });
      emails += sent.emails;
    }
    return { version: input.version + 1, units: byUnit.size, emails };
  });
}
