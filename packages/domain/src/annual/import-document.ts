import type { z } from "zod";

import type { CandidateTask } from "@duban/plan-parser";

import { assertOffice } from "../access.ts";
import { recordAudit } from "../audit.ts";
import type { IsoDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { asDomainError } from "../db-conflicts.ts";
import { invalid } from "../errors.ts";
import {
  departmentDirectory,
  jurisdictionNames,
  parseWithDirectory,
  readPlanDocument,
} from "../plans/import-plan.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import type { ZImportAnnualPlanInput } from "../schemas/annual.ts";
import { assertItemValid, createAdHocTask, type AdHocItem } from "../supervision/items.ts";
import { uploadBytes } from "../uploads/open-upload.ts";
import { insertItems } from "./add-items.ts";
import { assertPlanOpen, yearBounds } from "./annual-access.ts";
import { assertYearOfPlan, bumpAnnualPlan, insertAnnualPlan } from "./create.ts";
import { MATCH_THRESHOLD, titleSimilarity } from "./title-match.ts";

/** One row of the document as the import reads it and what it would do with it. */
export type AnnualImportRow = {
  index: number;
  title: string;
  deliverable: string;
  leadText: string | null;
  deadlineText: string | null;
  dueDate: IsoDate;
  /** add: pull the matched task; new: register an ad-hoc item (立项) and add it; skip: see reason */
  action: "add" | "new" | "skip";
  match: { taskId: string; title: string; score: number } | null;
  leadDepartment: { id: string; name: string } | null;
  reason: string | null;
  reasonEn: string | null;
};

/** The row's due date this year: the written date when it falls in the year, else the year's last day. */
function dueInYear(c: CandidateTask, year: number): IsoDate {
  const { first, last } = yearBounds(year);
  const d = c.deadline?.kind === "date" ? c.deadline.date : null;
  return d && d >= first && d <= last ? d : last;
}

/**
 * 导入年度分工方案 (issue #18): reads the year's 分工方案 / 工作要点 (.txt, .docx, .pdf or an Excel
 * 分工表; the plan importer's reader, upload limits and heavy-parse limiter) as a division
 * document, and matches each item to a task of the plan by title (titleSimilarity against the task
 * and its source paragraph, ≥ MATCH_THRESHOLD), else proposes a new ad-hoc item led by the unit
 * written on it. `dryRun` (the default) returns the rows only. The real run, in one transaction,
 * creates the year's plan when missing (a DRAFT), adds the matched tasks and registers the new
 * items (source HIGHER_LEVEL, the file named in the note, 交办 to their units as item.register
 * does); rows it cannot take are skipped with their reason: a task already in the year's plan or
 * matched twice, a cancelled task, an unrecognised lead unit, a new item the plan cannot take
 * (not active, the year outside its period). Office only; NOT_FOUND / FORBIDDEN / INVALID.
 */
export async function importAnnualDocument(
  ctx: DomainContext,
  input: z.infer<typeof ZImportAnnualPlanInput>,
) {
  const { db, actor, requestId } = ctx;
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  assertOffice(actor, plan.jurisdictionId);
  assertPlanOpen(plan);
  assertYearOfPlan(plan, input.year);
  const bytes = uploadBytes("planDocument", input);
  const document = await readPlanDocument(bytes, input.fileName, actor);
  const directory = await departmentDirectory(db, plan.jurisdictionId);
  const parsed = parseWithDirectory(document, directory, await jurisdictionNames(db), "division");
  if (parsed.candidateTasks.length === 0)
    throw invalid(
      "未能从文件中识别出任务条目（如“1.……（牵头单位：……）”）",
      "no task items were recognised in this document",
      "file",
    );
  const byName = new Map(
    directory.flatMap((d) => [
      [d.name, d] as const,
      ...(d.shortName ? [[d.shortName, d] as const] : []),
    ]),
  );
  const [tasks, existing] = await Promise.all([
    db.task.findMany({
      where: { planId: plan.id },
      // the best match is the first of equal scores (a stable sort): the order settles ties
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, title: true, status: true, sourceNode: { select: { title: true } } },
    }),
    db.annualPlan.findUnique({
      where: { planId_year: { planId: plan.id, year: input.year } },
      select: { id: true, version: true, items: { select: { taskId: true } } },
    }),
  ]);
  const taken = new Set(existing?.items.map((i) => i.taskId) ?? []);
  const rows: AnnualImportRow[] = [];
  for (const [index, c] of parsed.candidateTasks.entries()) {
    const best = tasks
      .map((t) => ({
        t,
        score: Math.max(
          titleSimilarity(c.title, t.title),
          t.sourceNode ? titleSimilarity(c.title, t.sourceNode.title) : 0,
        ),
      }))
      .sort((a, b) => b.score - a.score)[0];
    const lead = c.suggestedLead ? (byName.get(c.suggestedLead) ?? null) : null;
    const row: AnnualImportRow = {
      index,
      title: c.title,
      deliverable: (c.description.trim() || c.title).slice(0, 2000),
      leadText: c.leadText ?? null,
      deadlineText: c.deadline?.text ?? null,
      dueDate: dueInYear(c, input.year),
      action: "add",
      match: null,
      leadDepartment: lead ? { id: lead.id, name: lead.name } : null,
      reason: null,
      reasonEn: null,
    };
    const skip = (zh: string, en: string) =>
      Object.assign(row, { action: "skip", reason: zh, reasonEn: en });
    if (best && best.score >= MATCH_THRESHOLD) {
      row.match = {
        taskId: best.t.id,
        title: best.t.title,
        score: Math.round(best.score * 100) / 100,
      };
      if (best.t.status === "CANCELLED") skip("匹配的任务已取消", "the matched task is cancelled");
      else if (taken.has(best.t.id))
        skip("匹配的任务已在本年度工作要点中", "the matched task is already in the year's plan");
      else taken.add(best.t.id);
    } else if (!lead) {
      skip("未识别牵头单位，无法新增事项", "no lead unit recognised; the item cannot be added");
    } else {
      row.action = "new";
      try {
        await assertItemValid(db, plan, newItem(row, c, input, byName));
      } catch (error) {
        const refusal = asDomainError(error);
        if (!refusal) throw error;
        skip(refusal.message, refusal.messageEn);
      }
    }
    rows.push(row);
  }
  const summary = {
    rows,
    add: rows.filter((r) => r.action === "add").length,
    new: rows.filter((r) => r.action === "new").length,
    skip: rows.filter((r) => r.action === "skip").length,
    annualPlanId: existing?.id ?? null,
    dryRun: input.dryRun,
  };
  if (input.dryRun) return summary;

  const now = ctx.now ?? new Date();
  const annualPlanId = await db.$transaction(
    async (tx) => {
      const annual = existing
        ? { id: existing.id }
        : await insertAnnualPlan(tx, { actor, requestId }, plan, input.year);
      if (existing) await bumpAnnualPlan(tx, existing.id, existing.version);
      const items = [];
      for (const row of rows) {
        if (row.action === "skip") continue;
        const c = parsed.candidateTasks[row.index]!;
        const taskId =
          row.action === "add"
            ? row.match!.taskId
            : await createAdHocTask(
                tx,
                { actor, requestId, now },
                plan,
                newItem(row, c, input, byName),
              );
        items.push({ taskId, deliverable: row.deliverable, dueDate: row.dueDate });
      }
      if (items.length)
        await insertItems(
          tx,
          { actor, requestId },
          { id: annual.id, jurisdictionId: plan.jurisdictionId },
          items,
        );
      await recordAudit(tx, actor, {
        action: "annualPlan.import",
        entityType: "AnnualPlan",
        entityId: annual.id,
        jurisdictionId: plan.jurisdictionId,
        after: {
          fileName: input.fileName,
          year: input.year,
          add: summary.add,
          new: summary.new,
          skip: summary.skip,
        },
        requestId,
      });
      return annual.id;
    },
    { timeout: 60_000 },
  );
  return { ...summary, annualPlanId };
}

/** The ad-hoc item a row without a matching task becomes (立项 from a higher-level document). */
function newItem(
  row: AnnualImportRow,
  c: CandidateTask,
  input: { fileName: string; year: number },
  byName: ReadonlyMap<string, { id: string }>,
): AdHocItem {
  const lead = row.leadDepartment!.id;
  const supporting = [
    ...new Set(c.suggestedSupporting.flatMap((n) => (byName.get(n) ? [byName.get(n)!.id] : []))),
  ].filter((id) => id !== lead);
  return {
    title: row.title.slice(0, 300),
    description: row.deliverable,
    source: "HIGHER_LEVEL",
    sourceDocNumber: null,
    sourceNote: `${input.year}年度分工方案：${input.fileName}`.slice(0, 1000),
    leadDepartmentId: lead,
    supportingDepartmentIds: supporting,
    startDate: `${input.year}-01-01`,
    dueDate: row.dueDate,
  };
}
