import type { z } from "zod";

import { dateOnly } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { reviewStateLabels, taskStatusLabels } from "../i18n/labels.ts";
import { topAncestor } from "../plans/chapter.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { LEDGER_ENTRY_LIMITS } from "../schemas/ledger-entry.ts";
import type { ZLedgerExportInput } from "../schemas/ledger.ts";
import { visibleUnits } from "../visibility.ts";

export type LedgerSheetRow = {
  taskId: string;
  code: string | null;
  chapter: string | null;
  title: string;
  role: "牵头" | "配合";
  lead: string;
  supporting: string;
  dueDate: string;
  taskStatus: string;
  progressText: string;
  percentComplete: number | null;
  status: string;
  problems: string;
  nextSteps: string;
  reviewState: string | null;
};
export type LedgerSheets = {
  plan: { id: string; title: string; jurisdiction: string };
  period: string;
  departments: Array<{ id: string; name: string; rows: LedgerSheetRow[] }>;
  /** the entry schema's text limits, which the workbook checks while a unit types */
  limits: typeof LEDGER_ENTRY_LIMITS;
};

/**
 * The 台账 of a plan for one quarter, one block per department, tasks in the plan's own order with
 * their chapter. Staff get their own units; the office and readers get every unit (or the one asked for).
 */
export async function ledgerSheets(
  { db, actor }: DomainContext,
  input: z.infer<typeof ZLedgerExportInput>,
): Promise<LedgerSheets> {
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  const [full, nodes, tasks, cycle] = await Promise.all([
    db.plan.findUniqueOrThrow({
      where: { id: plan.id },
      select: { title: true, jurisdiction: { select: { name: true } } },
    }),
    db.planNode.findMany({
      where: { planId: plan.id },
      select: { id: true, parentId: true, title: true, code: true, order: true },
    }),
    db.task.findMany({
      where: { planId: plan.id, status: { not: "CANCELLED" } },
      select: {
        id: true,
        title: true,
        status: true,
        dueDate: true,
        sourceNodeId: true,
        leadDepartment: { select: { id: true, name: true } },
        supportingDepartments: {
          select: { department: { select: { id: true, name: true } } },
          orderBy: { departmentId: "asc" },
        },
      },
    }),
    db.reportingCycle.findUnique({
      where: { planId_period: { planId: plan.id, period: input.period } },
    }),
  ]);
  const entries = cycle
    ? await db.ledgerEntry.findMany({ where: { cycleId: cycle.id, isCurrent: true } })
    : [];
  const entryOf = new Map(entries.map((e) => [`${e.taskId}:${e.departmentId}`, e]));
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const chapterOf = (nodeId: string | null) => {
    const node = topAncestor(nodeById, nodeId);
    return node ? `${node.code} ${node.title}`.trim() : null;
  };
  // staff: their own units' sheets only, also when they ask for another unit
  const mine = visibleUnits(visibility);
  const allowed =
    mine || input.departmentId
      ? new Set(
          (mine ?? [input.departmentId!]).filter(
            (d) => !input.departmentId || d === input.departmentId,
          ),
        )
      : null;
  const byDepartment = new Map<
    string,
    { id: string; name: string; rows: Array<LedgerSheetRow & { order: number }> }
  >();
  for (const t of tasks) {
    const units = [
      { ...t.leadDepartment, role: "牵头" as const },
      ...t.supportingDepartments.map((s) => ({ ...s.department, role: "配合" as const })),
    ];
    for (const unit of units) {
      if (allowed && !allowed.has(unit.id)) continue;
      const e = entryOf.get(`${t.id}:${unit.id}`);
      const sheet = byDepartment.get(unit.id) ?? { id: unit.id, name: unit.name, rows: [] };
      sheet.rows.push({
        order: t.sourceNodeId ? (nodeById.get(t.sourceNodeId)?.order ?? 1e9) : 1e9,
        taskId: t.id,
        code: t.sourceNodeId ? (nodeById.get(t.sourceNodeId)?.code ?? null) : null,
        chapter: chapterOf(t.sourceNodeId),
        title: t.title,
        role: unit.role,
        lead: t.leadDepartment.name,
        supporting: t.supportingDepartments.map((s) => s.department.name).join("、"),
        dueDate: dateOnly(t.dueDate),
        taskStatus: taskStatusLabels[t.status].zh,
        progressText: e?.progressText ?? "",
        percentComplete: e?.percentComplete ?? null,
        status: e ? taskStatusLabels[e.status].zh : "",
        problems: e?.problems ?? "",
        nextSteps: e?.nextSteps ?? "",
        reviewState: e ? reviewStateLabels[e.reviewState].zh : null,
      });
      byDepartment.set(unit.id, sheet);
    }
  }
  const departments = [...byDepartment.values()]
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.id.localeCompare(b.id))
    .map((d) => ({
      id: d.id,
      name: d.name,
      rows: d.rows
        .sort(
          (x, y) =>
            x.order - y.order ||
            x.title.localeCompare(y.title, "zh-CN") ||
            x.taskId.localeCompare(y.taskId),
        )
        .map(({ order: _order, ...row }) => row),
    }));
  return {
    plan: { id: plan.id, title: full.title, jurisdiction: full.jurisdiction.name },
    period: input.period,
    departments,
    limits: LEDGER_ENTRY_LIMITS,
  };
}
