// Reading assignments (下达事项): the 待分解 inbox of a jurisdiction, what it gave, one assignment.
import type { z } from "zod";

import type { Prisma } from "@duban/db";

import { isOffice } from "../access.ts";
import { dateOnly, shanghaiDay } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { forbidden, notFound } from "../errors.ts";
import type { ZAssignmentIdInput, ZListAssignmentsInput } from "../schemas/cascade.ts";
import { visibilityOf } from "../visibility.ts";
import { assignedItemTitle, loadAssignmentForActor } from "./assignment-access.ts";
import { decompositionLateness } from "./lateness.ts";

const listInclude = {
  fromJurisdiction: { select: { id: true, name: true } },
  toJurisdiction: { select: { id: true, name: true } },
  parentTask: { select: { id: true, title: true, dueDate: true } },
  parentIndicator: { select: { id: true, name: true, unit: true } },
  targetPlan: { select: { id: true, title: true } },
  _count: { select: { tasks: true } },
} satisfies Prisma.AssignmentInclude;

type ListRow = Prisma.AssignmentGetPayload<{ include: typeof listInclude }>;

/** The lateness of an assignment on `today` (lateness.ts, the one rule). */
export function latenessOf(
  a: {
    state: "PENDING" | "DECOMPOSED" | "WITHDRAWN";
    decomposeBy: Date;
    decomposedAt: Date | null;
  },
  today: string,
) {
  return decompositionLateness(
    {
      state: a.state,
      decomposeBy: dateOnly(a.decomposeBy),
      decomposedOn: a.decomposedAt ? shanghaiDay(a.decomposedAt) : null,
    },
    today,
  );
}

function listItem(a: ListRow, today: string) {
  return {
    id: a.id,
    kind: a.kind,
    state: a.state,
    version: a.version,
    itemTitle: a.parentTask?.title ?? a.parentIndicator?.name ?? "",
    parentTaskId: a.parentTaskId,
    parentIndicatorId: a.parentIndicatorId,
    unit: a.parentIndicator?.unit ?? null,
    shareBaseline: a.shareBaseline,
    shareTarget: a.shareTarget,
    from: a.fromJurisdiction,
    to: a.toJurisdiction,
    targetPlan: a.targetPlan,
    weight: a.weight,
    note: a.note,
    decomposeBy: dateOnly(a.decomposeBy),
    progress: a.progress,
    taskCount: a._count.tasks,
    assignedAt: a.assignedAt,
    decomposedAt: a.decomposedAt,
    withdrawnAt: a.withdrawnAt,
    withdrawnReason: a.withdrawnReason,
    lateness: latenessOf(a, today),
  };
}

/**
 * The assignments a jurisdiction received (its 待分解 list: `direction` received) or gave
 * (`given`), `state` filtering, pending first then by deadline: `{ items: [{ id, kind, state,
 * version, itemTitle, unit, shareTarget, from, to, targetPlan, weight, note, decomposeBy,
 * progress (0–100), taskCount, lateness ("pending" | "late" | "on-time" | "decomposed-late" |
 * "withdrawn", lateness.ts, on today in Asia/Shanghai) … }], canAct }` — `canAct`: the actor is the
 * office that acts on them (decomposes received ones, changes given ones). For the office, the
 * leaders and the jurisdictions above (visibility "all"); department staff FORBIDDEN; others
 * NOT_FOUND. A received assignment shows the item above by its title only (cascade.get gives its
 * read-only summary).
 */
export async function listAssignments(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZListAssignmentsInput>,
) {
  const visibility = await visibilityOf(db, actor, input.jurisdictionId);
  if (visibility.kind === "none") throw notFound("地区", "jurisdiction");
  if (visibility.kind === "units")
    throw forbidden(
      "下达事项仅供领导小组办公室和领导查看",
      "assignments are for the leading group office and leaders only",
    );
  const today = shanghaiDay(now ?? new Date());
  const rows = await db.assignment.findMany({
    where: {
      ...(input.direction === "received"
        ? { toJurisdictionId: input.jurisdictionId }
        : { fromJurisdictionId: input.jurisdictionId }),
      ...(input.state ? { state: input.state } : {}),
    },
    include: listInclude,
    orderBy: [{ state: "asc" }, { decomposeBy: "asc" }, { assignedAt: "asc" }, { id: "asc" }],
  });
  return {
    items: rows.map((a) => listItem(a, today)),
    canAct: isOffice(actor, input.jurisdictionId),
  };
}

/**
 * One assignment with the item above as a READ-ONLY summary — a task's title, dates, lead unit,
 * status and progress; an indicator's name, unit, baseline and target, roll-up rule — never the
 * rest of the plan above; the child's tasks (or indicator) that decompose it, and what the actor
 * may do (`can`: update and withdraw for the giving office, decompose for the receiving office).
 * NOT_FOUND unless the actor reads either jurisdiction (assignment-access.ts).
 */
export async function getAssignment(
  { db, actor, now }: DomainContext,
  input: z.infer<typeof ZAssignmentIdInput>,
) {
  const { assignment: a, side } = await loadAssignmentForActor(db, actor, input.assignmentId);
  const today = shanghaiDay(now ?? new Date());
  const [tasks, indicator] = await Promise.all([
    db.task.findMany({
      where: { assignmentId: a.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        status: true,
        progress: true,
        derivedProgress: true,
        rollupWeight: true,
        startDate: true,
        dueDate: true,
        version: true,
        leadDepartment: { select: { id: true, name: true, kind: true } },
      },
    }),
    db.indicator.findFirst({
      where: { assignmentId: a.id },
      select: { id: true, name: true, unit: true, baselineValue: true, targetValue: true },
    }),
  ]);
  const t = a.parentTask;
  const i = a.parentIndicator;
  const open = a.state !== "WITHDRAWN";
  return {
    id: a.id,
    kind: a.kind,
    state: a.state,
    version: a.version,
    from: a.fromJurisdiction,
    to: a.toJurisdiction,
    targetPlan: a.targetPlan ? { id: a.targetPlan.id, title: a.targetPlan.title } : null,
    weight: a.weight,
    note: a.note,
    decomposeBy: dateOnly(a.decomposeBy),
    progress: a.progress,
    shareBaseline: a.shareBaseline,
    shareTarget: a.shareTarget,
    assignedAt: a.assignedAt,
    decomposedAt: a.decomposedAt,
    withdrawnAt: a.withdrawnAt,
    withdrawnReason: a.withdrawnReason,
    lateness: latenessOf(a, today),
    itemTitle: assignedItemTitle(a),
    /** the item above, read-only for the receiving side */
    parentTask: t
      ? {
          id: t.id,
          title: t.title,
          planTitle: t.plan.title,
          startDate: dateOnly(t.startDate),
          dueDate: dateOnly(t.dueDate),
          leadDepartment: t.leadDepartment.name,
          status: t.status,
          progress: t.progress,
        }
      : null,
    parentIndicator: i
      ? {
          id: i.id,
          name: i.name,
          unit: i.unit,
          planTitle: i.plan.title,
          baselineYear: i.baselineYear,
          baselineValue: i.baselineValue,
          targetYear: i.targetYear,
          targetValue: i.targetValue,
          shareRollupRule: i.shareRollupRule,
        }
      : null,
    tasks: tasks.map((c) => ({
      ...c,
      startDate: dateOnly(c.startDate),
      dueDate: dateOnly(c.dueDate),
    })),
    indicator,
    side,
    can: {
      update: side === "giver" && open,
      withdraw: side === "giver" && open,
      decompose: side === "receiver" && open,
    },
  };
}
