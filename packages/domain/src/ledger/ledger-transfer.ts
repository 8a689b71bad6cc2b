import { topAncestor } from "../plans/chapter.ts";
import type { Db, TaskStatus } from "@duban/db";
import type { Actor } from "../actor.ts";
import { visibleUnits } from "../visibility.ts";
import { dateOnly } from "../calendar.ts";
import { DomainError, forbidden, invalid, notFound } from "../errors.ts";
import { taskStatusZh } from "../task-status.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { insertEntry, insertRevision, validateAmendment, validateSubmission } from "./ledger-commands.ts";

export type LedgerSheetRow = {
  taskId: string; code: string | null; chapter: string | null; title: string; role: "牵头" | "配合"; lead: string; supporting: string;
  dueDate: string; taskStatus: string; progressText: string; percentComplete: number | null; status: string; problems: string; nextSteps: string; reviewState: string | null;
};
export type LedgerSheets = {
  plan: { id: string; title: string; jurisdiction: string };
  period: string;
  departments: Array<{ id: string; name: string; rows: LedgerSheetRow[] }>;
};

const reviewZh: Record<string, string> = { SUBMITTED: "待审核", APPROVED: "已通过", RETURNED: "已退回" };

/**
 * The 台账 of a plan for one quarter, one block per department, tasks in the plan's own order with
 * their chapter. Staff get their own units; the office and readers get every unit (or the one asked for).
 */
export async function ledgerSheets(db: Db, actor: Actor, input: { planId: string; period: string; departmentId?: string }): Promise<LedgerSheets> {
  const { plan, visibility } = await loadPlanForActor(db, actor, input.planId);
  const [full, nodes, tasks, cycle] = await Promise.all([
    db.plan.findUniqueOrThrow({ where: { id: plan.id }, select: { title: true, jurisdiction: { select: { name: true } } } }),
    db.planNode.findMany({ where: { planId: plan.id }, select: { id: true, parentId: true, title: true, code: true, order: true } }),
    db.task.findMany({
      where: { planId: plan.id, status: { not: "CANCELLED" } },
      select: { id: true, title: true, status: true, dueDate: true, sourceNodeId: true, leadDepartment: { select: { id: true, name: true } }, supportingDepartments: { select: { department: { select: { id: true, name: true } } } } },
    }),
    db.reportingCycle.findUnique({ where: { planId_period: { planId: plan.id, period: input.period } } }),
  ]);
  const entries = cycle ? await db.ledgerEntry.findMany({ where: { cycleId: cycle.id, isCurrent: true } }) : [];
  const entryOf = new Map(entries.map((e) => [`${e.taskId}:${e.departmentId}`, e]));
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  const chapterOf = (nodeId: string | null) => {
    const node = topAncestor(nodeById, nodeId);
    return node ? `${node.code} ${node.title}`.trim() : null;
  };
  // staff: their own units' sheets only, also when they ask for another unit
  const mine = visibleUnits(visibility);
  const allowed = mine || input.departmentId ? new Set((mine ?? [input.departmentId!]).filter((d) => !input.departmentId || d === input.departmentId)) : null;
  const byDepartment = new Map<string, { id: string; name: string; rows: Array<LedgerSheetRow & { order: number }> }>();
  for (const t of tasks) {
    const units = [{ ...t.leadDepartment, role: "牵头" as const }, ...t.supportingDepartments.map((s) => ({ ...s.department, role: "配合" as const }))];
    for (const unit of units) {
      if (allowed && !allowed.has(unit.id)) continue;
      const e = entryOf.get(`${t.id}:${unit.id}`);
      const sheet = byDepartment.get(unit.id) ?? { id: unit.id, name: unit.name, rows: [] };
      sheet.rows.push({
        order: t.sourceNodeId ? (nodeById.get(t.sourceNodeId)?.order ?? 1e9) : 1e9,
        taskId: t.id, code: t.sourceNodeId ? (nodeById.get(t.sourceNodeId)?.code ?? null) : null, chapter: chapterOf(t.sourceNodeId), title: t.title, role: unit.role,
        lead: t.leadDepartment.name, supporting: t.supportingDepartments.map((s) => s.department.name).join("、"), dueDate: dateOnly(t.dueDate), taskStatus: taskStatusZh[t.status],
        progressText: e?.progressText ?? "", percentComplete: e?.percentComplete ?? null, status: e ? taskStatusZh[e.status] : "", problems: e?.problems ?? "", nextSteps: e?.nextSteps ?? "", reviewState: e ? (reviewZh[e.reviewState] ?? e.reviewState) : null,
      });
      byDepartment.set(unit.id, sheet);
    }
  }
  const departments = [...byDepartment.values()]
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"))
    .map((d) => ({ id: d.id, name: d.name, rows: d.rows.sort((x, y) => x.order - y.order || x.title.localeCompare(y.title, "zh-CN")).map(({ order: _order, ...row }) => row) }));
  return { plan: { id: plan.id, title: full.title, jurisdiction: full.jurisdiction.name }, period: input.period, departments };
}

export type LedgerImportRow = { sheet: string; row: number; departmentId: string; taskId: string; progressText: string; percentComplete: unknown; status: string; problems: string; nextSteps: string };
export type LedgerImportError = { sheet: string; row: number; message: string };

const statusByLabel = new Map<string, TaskStatus>(Object.entries(taskStatusZh).map(([k, v]) => [v, k as TaskStatus]));

/**
 * A department's filled ledger template, all or nothing: every row is checked first and each bad
 * row is reported with its sheet, row number and reason; only a fully valid file is applied, in one
 * transaction, as first reports or amendments. Rows left blank are not reports.
 */
/**
 * Only department staff import a ledger workbook (rows of their own units); the office and readers
 * are refused (FORBIDDEN), another county NOT_FOUND. Cheap: callers run it before opening the file.
 */
export async function assertMayImportLedger(db: Db, actor: Actor, planId: string) {
  const { visibility } = await loadPlanForActor(db, actor, planId);
  if (visibility.kind !== "units" || visibility.departmentIds.length === 0) throw forbidden("只有责任单位可以导入本单位的台账", "only department staff import their units' ledger");
  return visibility;
}

export async function importLedgerRows({ db, actor, requestId, now = new Date() }: { db: Db; actor: Actor; requestId?: string; now?: Date }, input: { planId: string; period: string; rows: LedgerImportRow[] }) {
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  const mine = visibleUnits(await assertMayImportLedger(db, actor, input.planId)) ?? [];
  const cycle = await db.reportingCycle.findUnique({ where: { planId_period: { planId: plan.id, period: input.period } } });
  if (!cycle) throw notFound(`${input.period} 填报周期`, `the ${input.period} reporting cycle`);
  const errors: LedgerImportError[] = [];
  type Planned = { kind: "submit"; checked: Awaited<ReturnType<typeof validateSubmission>>; fields: Fields } | { kind: "amend"; checked: Awaited<ReturnType<typeof validateAmendment>>; fields: Fields & { version: number } };
  type Fields = { progressText: string; percentComplete: number; status: TaskStatus; problems: string; nextSteps: string };
  const planned: Planned[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const r of input.rows) {
    const blank = !r.progressText.trim() && (r.percentComplete === null || r.percentComplete === undefined || r.percentComplete === "") && !r.status.trim();
    if (blank) continue;
    const fail = (message: string) => errors.push({ sheet: r.sheet, row: r.row, message });
    if (!r.progressText.trim()) { fail("请填写“本期进展情况” (progress text is required)"); continue; }
    if (r.progressText.length > 5000) { fail("进展情况不能超过 5000 字 (progress text too long)"); continue; }
    const percent = typeof r.percentComplete === "number" ? r.percentComplete : Number(String(r.percentComplete ?? "").replace(/%$/, "").trim());
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) { fail(`完成比例应为 0–100 的整数，实际为“${String(r.percentComplete ?? "")}” (percent must be a whole number 0–100)`); continue; }
    const status = statusByLabel.get(r.status.trim());
    if (!status) { fail(`状态“${r.status}”无效，应为：${[...statusByLabel.keys()].join("、")} (unknown status)`); continue; }
    const key = `${r.taskId}:${r.departmentId}`;
    if (seen.has(key)) { fail("同一任务在文件中出现两次 (the same task appears twice)"); continue; }
    seen.add(key);
    // before any other unit's entry is read: "unchanged" must not tell whether a guess matches it
    if (!mine.includes(r.departmentId)) { fail("只能导入本单位的台账 (only your own unit's rows can be imported)"); continue; }
    const fields: Fields = { progressText: r.progressText.trim(), percentComplete: percent, status, problems: r.problems.trim().slice(0, 3000), nextSteps: r.nextSteps.trim().slice(0, 3000) };
    try {
      const current = await db.ledgerEntry.findFirst({ where: { taskId: r.taskId, cycleId: cycle.id, departmentId: r.departmentId, isCurrent: true } });
      if (current) {
        if (current.progressText === fields.progressText && current.percentComplete === fields.percentComplete && current.status === fields.status && current.problems === fields.problems && current.nextSteps === fields.nextSteps) { unchanged++; continue; }
        const amendFields = { ...fields, version: current.version, entryId: current.id };
        planned.push({ kind: "amend", checked: await validateAmendment(db, actor, amendFields, now), fields: amendFields });
      } else {
        planned.push({ kind: "submit", checked: await validateSubmission(db, actor, { ...fields, taskId: r.taskId, cycleId: cycle.id, departmentId: r.departmentId }, now), fields });
      }
    } catch (error) {
      if (error instanceof DomainError) fail(error.message);
      else throw error;
    }
  }
  if (errors.length) {
    throw new DomainError("INVALID", `台账文件有 ${errors.length} 行有误，未导入任何数据`, `${errors.length} rows are invalid; nothing was imported`, "file", { errors });
  }
  if (!planned.length && !unchanged) throw invalid("文件中没有填写任何台账内容", "the file contains no ledger rows", "file");
  await db.$transaction(async (tx) => {
    for (const p of planned) {
      if (p.kind === "submit") await insertEntry(tx, actor, p.checked, p.fields, now, requestId);
      else await insertRevision(tx, actor, p.checked, p.fields, now, requestId);
    }
  }, { timeout: 60_000 });
  return { submitted: planned.filter((p) => p.kind === "submit").length, amended: planned.filter((p) => p.kind === "amend").length, unchanged };
}
