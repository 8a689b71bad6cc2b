import { randomUUID } from "node:crypto";

import type { Db, Prisma } from "@duban/db";

import { defaultAnnualTitle } from "../annual/create.ts";
import { annualItemOutcome } from "../annual/item-outcome.ts";
import { addDays, dateOnly, daysBetween, shanghaiDay, toDbDate } from "../calendar.ts";
import { officeActor } from "./demo-evaluations.ts";
import { at } from "./demo-fates.ts";
import { insertRows } from "./demo-insert.ts";
import type { AuditRow, People } from "./demo-ledger.ts";
import { demoPublications } from "./demo-publications.ts";
import { demoAnnualTargets } from "./demo-targets.ts";

const REASONS = [
  "受项目资金到位滞后影响，年度目标未能完成，结转下一年度继续推进。",
  "用地及审批手续办理周期较长，结转下一年度继续推进。",
  "合作单位调整实施方案，部分建设内容顺延，结转下一年度。",
];

/**
 * The annual layer of the demo (年度工作要点, issue #18), for each year from the plan's first to the
 * current one: an issued annual plan whose items are the tasks active in that year (this year's
 * deliverable: the task's completion when it is due this year, else the year's stage), with the
 * previous year's unfinished items carried over (结转, with the reason; the lead unit's
 * explanation on the item left behind). An item's year is done as annualItemOutcome reads it: the
 * task signed off within the year, or the office confirming the year's stage when the ledger's
 * year-end progress reached it. Then, through the real commands, the current year's indicator
 * targets (demoAnnualTargets) and each year's scheme and published scores (demoPublications).
 *
 * Written in batches with the Prisma client and the audit events the annual domain functions
 * write (`annualPlan.create`, `.addItems`, `.carryOver`, `.issue`, `.markDone`, `.explainItem`),
 * not through them: issueAnnualPlan sends notices to every unit (the demo must start with empty
 * inboxes and outbox), and five years of items one call each would be slow.
 */
export async function demoYears(db: Db, planId: string, people: People, now: Date) {
  const plan = await db.plan.findUniqueOrThrow({
    where: { id: planId },
    include: { jurisdiction: true },
  });
  const today = shanghaiDay(now);
  const thisYear = Number(today.slice(0, 4));
  const tasks = await db.task.findMany({
    where: { planId },
    include: { sourceNode: { select: { order: true } } },
  });
  tasks.sort(
    (a, b) =>
      (a.sourceNode?.order ?? 0) - (b.sourceNode?.order ?? 0) || a.title.localeCompare(b.title),
  );
  const yearEndProgress = new Map<string, number>();
  for (const e of await db.ledgerEntry.findMany({
    where: { task: { planId }, isCurrent: true, period: { endsWith: "Q4" } },
    select: { taskId: true, departmentId: true, period: true, percentComplete: true, task: true },
  }))
    if (e.departmentId === e.task.leadDepartmentId)
      yearEndProgress.set(`${e.taskId}:${e.period.slice(0, 4)}`, e.percentComplete);
  const prefix = `${plan.jurisdiction.name.slice(0, 2)}科领办发`;
  const office = { actorUserId: people.office.id, actorLabel: people.office.email };
  const jurisdictionId = people.jurisdictionId;
  const audit: AuditRow[] = [];
  const plans: Prisma.AnnualPlanCreateManyInput[] = [];
  const items: Prisma.AnnualPlanItemCreateManyInput[] = [];
  let previous = new Map<string, { id: string; done: boolean }>();
  for (let year = plan.periodStart; year <= thisYear; year++) {
    const yearStart = `${year}-01-01`;
    const yearEnd = `${year}-12-31`;
    const created = at(`${year}-01-${year === plan.periodStart ? "12" : "06"}`, 10);
    if (created >= now) break;
    const issued = at(addDays(dateOnly(created), 14), 10);
    const annualPlanId = randomUUID();
    plans.push({
      id: annualPlanId,
      planId,
      year,
      title: defaultAnnualTitle(plan.title, year),
      docNumber: `${prefix}〔${year}〕1号`,
      status: issued < now ? "ISSUED" : "DRAFT",
      issuedAt: issued < now ? issued : null,
      issuedById: issued < now ? people.office.id : null,
      createdById: people.office.id,
      createdAt: created,
    });
    const current = new Map<string, { id: string; done: boolean }>();
    let order = 0;
    let pulled = 0;
    let carried = 0;
    for (const task of tasks) {
      const start = dateOnly(task.startDate);
      const due = dateOnly(task.dueDate);
      const original = dateOnly(task.originalDueDate);
      const finishedBefore = task.completedAt && shanghaiDay(task.completedAt) < yearStart;
      if (start > yearEnd || finishedBefore || task.status === "CANCELLED") continue;
      // in a year past the plan's end only the tasks carried into it (re-dated) remain
      if (year > plan.periodEnd && due < yearStart) continue;
      if (year <= plan.periodEnd && due < yearStart && !previous.has(task.id)) continue;
      // an item carried past its task's due date is due by the end of this year
      const itemDue = due < yearStart || due > yearEnd ? yearEnd : due;
      const dueThisYear = due <= yearEnd;
      const expected = Math.min(
        95,
        Math.round((100 * daysBetween(start, yearEnd)) / Math.max(1, daysBetween(start, original))),
      );
      const deliverable = dueThisYear
        ? "完成全部建设内容，通过验收并报送办结申请。"
        : `完成${year}年度阶段性建设内容，累计完成进度达到${expected}%左右。`;
      const progress = yearEndProgress.get(`${task.id}:${year}`) ?? 0;
      const stageDone = !dueThisYear && progress >= expected * 0.9 && at(yearEnd, 12) < now;
      const id = randomUUID();
      const outcome = annualItemOutcome(
        {
          year,
          dueDate: toDbDate(itemDue),
          doneAt: stageDone ? at(`${year}-12-20`, 10) : null,
          task,
        },
        yearEnd < today ? yearEnd : today,
      );
      const from = previous.get(task.id);
      const carry = from && !from.done ? from : null;
      items.push({
        id,
        annualPlanId,
        taskId: task.id,
        deliverable,
        dueDate: toDbDate(itemDue),
        order: order++,
        carriedOverFromId: carry?.id ?? null,
        carryOverReason: carry ? REASONS[order % REASONS.length]! : null,
        doneAt: stageDone ? at(`${year}-12-20`, 10) : null,
        doneById: stageDone ? people.office.id : null,
        explanation: null,
        createdAt: created,
        version: stageDone ? 1 : 0,
      });
      if (carry) carried++;
      else pulled++;
      if (stageDone)
        audit.push({
          ...office,
          at: at(`${year}-12-20`, 10),
          action: "annualPlan.markDone",
          entityType: "AnnualPlanItem",
          entityId: id,
          jurisdictionId,
          before: { doneAt: null },
          after: { done: true },
        });
      current.set(task.id, { id, done: outcome.done });
    }
    // the lead units explain the items their year left undone (for the 年度评估)
    if (at(`${year}-12-28`, 10) < now)
      for (const item of items.filter((i) => i.annualPlanId === annualPlanId)) {
        if (current.get(item.taskId)!.done) continue;
        item.explanation = REASONS[(item.order ?? 0) % REASONS.length]!.replace(
          "，结转下一年度继续推进。",
          "。",
        );
        item.version = (item.version ?? 0) + 1;
        const lead = people.users.get(tasks.find((t) => t.id === item.taskId)!.leadDepartmentId);
        audit.push({
          actorUserId: lead?.id ?? null,
          actorLabel: lead?.email ?? "system:demo",
          at: at(`${year}-12-28`, 10),
          action: "annualPlan.explainItem",
          entityType: "AnnualPlanItem",
          entityId: item.id!,
          jurisdictionId,
          after: { explanation: item.explanation },
        });
      }
    const entity = { entityType: "AnnualPlan", entityId: annualPlanId, jurisdictionId };
    audit.push(
      {
        ...office,
        ...entity,
        at: created,
        action: "annualPlan.create",
        after: { planId, year, title: defaultAnnualTitle(plan.title, year) },
      },
      {
        ...office,
        ...entity,
        at: created,
        action: "annualPlan.addItems",
        after: { count: pulled },
      },
    );
    if (carried)
      audit.push({
        ...office,
        ...entity,
        at: created,
        action: "annualPlan.carryOver",
        after: { count: carried },
      });
    if (issued < now)
      audit.push({
        ...office,
        ...entity,
        at: issued,
        action: "annualPlan.issue",
        after: { docNumber: `${prefix}〔${year}〕1号` },
      });
    previous = current;
  }
  audit.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  await db.$transaction(
    async (tx) => {
      await tx.annualPlan.createMany({ data: plans });
      await tx.annualPlanItem.createMany({ data: items });
      await insertRows(tx, "AuditEvent", audit);
    },
    { timeout: 60_000 },
  );
  const actor = officeActor({ ...people.office, name: people.office.email }, jurisdictionId);
  await demoAnnualTargets(db, planId, actor, now);
  await demoPublications(db, planId, actor, jurisdictionId, now);
  return { plans: plans.length, items: items.length };
}
