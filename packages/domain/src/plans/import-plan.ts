import { createHash, randomUUID } from "node:crypto";

import type { z } from "zod";

import type { Db, PlanNodeKind, Prisma } from "@duban/db";
import {
  extractPlanText,
  PARSE_RESULT_VERSION,
  parsePlan,
  PlanInputError,
  type ExtractOptions,
  type NodeKind,
  type ParseResult,
} from "@duban/plan-parser";

import { assertCanRead, assertOffice, isOffice } from "../access.ts";
import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit.ts";
import { toDbDate } from "../calendar.ts";
import type { DomainContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import type { ZImportPlanInput } from "../schemas/plan.ts";
import { PLAN_DOCUMENT_LIMITS } from "../uploads/limits.ts";
import {
  parseUpload,
  uploadBytes,
  uploadFormatOf,
  type UploadContent,
} from "../uploads/open-upload.ts";
import { defaultPhases, type CandidateSuggestion } from "./phases.ts";

const kindMap: Record<NodeKind, PlanNodeKind> = {
  part: "PART",
  chapter: "CHAPTER",
  section: "SECTION",
  subsection: "SUBSECTION",
  item: "ITEM",
  box: "BOX",
  boxItem: "BOX_ITEM",
};

/** A plan document as uploaded: bytes (CLI, demo) or base64 (the api), checked by uploadBytes. */
export type ImportPlanInput = Omit<z.infer<typeof ZImportPlanInput>, "contentBase64"> &
  UploadContent;
export type ImportPlanResult = {
  planId: string;
  created: boolean;
  title: string;
  warnings: number;
};

/**
 * Reads a plan document's text, turning the parser's input errors into a clear INVALID. Opening
 * a .docx or .pdf takes a place of the heavy-parse limiter and passes the plan-document limits
 * (PLAN_DOCUMENT_LIMITS) first; the caller has checked permission and the size (uploadBytes).
 */
export async function readPlanDocument(
  bytes: Uint8Array,
  fileName: string,
  actor: Actor,
  onProgress?: ExtractOptions["onProgress"],
) {
  return parseUpload(actor, "planDocument", uploadFormatOf(fileName), bytes, async () => {
    try {
      return await extractPlanText(bytes, fileName, {
        maxPdfPages: PLAN_DOCUMENT_LIMITS.pdf?.maxPages,
        onProgress,
      });
    } catch (error) {
      if (error instanceof PlanInputError) throw invalid(error.message, error.message, "file");
      throw error;
    }
  });
}

/**
 * Only the office of the jurisdiction imports into it: NOT_FOUND for a jurisdiction the actor
 * cannot see (or that does not exist), FORBIDDEN for one it only reads. Before any file is read.
 */
export async function assertMayImportPlan(
  db: Db,
  actor: Actor,
  jurisdictionId: string,
): Promise<void> {
  if (isOffice(actor, jurisdictionId)) return;
  await assertCanRead(db, actor, jurisdictionId, ["行政区", "jurisdiction"]);
  assertOffice(actor, jurisdictionId);
}

/** The jurisdiction's departments as the parser's editable directory. */
export async function departmentDirectory(db: Db, jurisdictionId: string) {
  const departments = await db.department.findMany({
    where: { jurisdictionId, active: true },
    orderBy: { name: "asc" },
  });
  return departments;
}

/**
 * Parses plan text against the jurisdiction's units, so lead and cooperating units are suggested
 * from its own directory (the parser's built-in list when it has none yet).
 */
function parseWithDirectory(
  text: string,
  departments: Awaited<ReturnType<typeof departmentDirectory>>,
): ParseResult {
  if (departments.length === 0) return parsePlan(text, {});
  return parsePlan(text, {
    departments: departments.map((d) => ({
      name: d.name,
      shortName: d.shortName ?? undefined,
      keywords: d.keywords,
    })),
  });
}

/** Parses without storing: the import wizard's preview. */
export async function previewPlan(
  { db, actor }: DomainContext,
  input: ImportPlanInput,
): Promise<ParseResult> {
  await assertMayImportPlan(db, actor, input.jurisdictionId);
  const { text } = await readPlanDocument(
    uploadBytes("planDocument", input),
    input.fileName,
    actor,
  );
  const departments = await departmentDirectory(db, input.jurisdictionId);
  return parseWithDirectory(text, departments);
}

/**
 * Stores a plan document as a draft: its heading tree, 专栏 boxes, tables, indicators, the
 * default roadmap and the parser's task suggestions. The same file imported again (same bytes,
 * same jurisdiction) changes nothing and returns the existing plan. All or nothing.
 */
export async function importPlan(
  { db, actor, requestId }: DomainContext,
  input: ImportPlanInput,
  /** host setting: pages read so far, for a progress display (the CLI's `duban import`) */
  host: { onProgress?: ExtractOptions["onProgress"] } = {},
): Promise<ImportPlanResult> {
  await assertMayImportPlan(db, actor, input.jurisdictionId);
  const jurisdiction = await db.jurisdiction.findUnique({ where: { id: input.jurisdictionId } });
  if (!jurisdiction) throw notFound("行政区", "jurisdiction");
  const bytes = uploadBytes("planDocument", input);
  const sourceHash = createHash("sha256").update(bytes).digest("hex");
  const existing = await db.plan.findUnique({
    where: { jurisdictionId_sourceHash: { jurisdictionId: input.jurisdictionId, sourceHash } },
  });
  if (existing) return { planId: existing.id, created: false, title: existing.title, warnings: 0 };

  const { text, format } = await readPlanDocument(bytes, input.fileName, actor, host.onProgress);
  const departments = await departmentDirectory(db, input.jurisdictionId);
  const result = parseWithDirectory(text, departments);
  if (result.nodes.length === 0) {
    throw invalid(
      "未能识别出规划的章节结构（如“一、”“（一）”“第一章”），请检查文件内容",
      "no plan structure (headings) was recognised in this document",
      "file",
    );
  }
  const byName = new Map(
    departments.flatMap((d) => [
      [d.name, d.id],
      ...(d.shortName ? [[d.shortName, d.id] as const] : []),
    ]),
  );
  const period = result.period ?? { start: 2021, end: 2025 };
  const title = result.title ?? input.fileName.replace(/\.[^.]+$/, "");

  try {
    const planId = await db.$transaction(
      async (tx) => {
        const plan = await tx.plan.create({
          data: {
            jurisdictionId: input.jurisdictionId,
            title,
            periodStart: period.start,
            periodEnd: period.end,
            sourceFileName: input.fileName,
            sourceFormat: format,
            sourceHash,
            sourceText: text,
            parserVersion: PARSE_RESULT_VERSION,
            parseResult: result as unknown as Prisma.InputJsonValue,
            createdById: actor.kind === "user" ? actor.userId : null,
          },
        });
        const nodeIds = new Map(result.nodes.map((n) => [n.code, randomUUID()]));
        const candidates = new Map(result.candidateTasks.map((c) => [c.nodeCode, c]));
        // parents come before children in document order, so one ordered insert satisfies the tree's foreign key
        await tx.planNode.createMany({
          data: result.nodes.map((n) => {
            const c = candidates.get(n.code);
            const suggestion: CandidateSuggestion | undefined = c && {
              kind: c.kind,
              suggestedPhase: c.suggestedPhase,
              suggestedLead: c.suggestedLead
                ? { name: c.suggestedLead, departmentId: byName.get(c.suggestedLead) ?? null }
                : null,
              suggestedSupporting: c.suggestedSupporting.map((name) => ({
                name,
                departmentId: byName.get(name) ?? null,
              })),
              reasons: c.reasons,
            };
            return {
              id: nodeIds.get(n.code)!,
              planId: plan.id,
              parentId: n.parentCode ? (nodeIds.get(n.parentCode) ?? null) : null,
              kind: kindMap[n.kind],
              code: n.code,
              number: n.number,
              title: n.title,
              body: n.body,
              order: n.order,
              lineStart: n.lineStart,
              lineEnd: n.lineEnd,
              candidate: suggestion ? (suggestion as unknown as Prisma.InputJsonValue) : undefined,
            };
          }),
        });
        await tx.planTable.createMany({
          data: result.tables.map((t) => ({
            planId: plan.id,
            nodeId: t.nodeCode ? (nodeIds.get(t.nodeCode) ?? null) : null,
            title: t.title,
            rows: t.rows,
            lineStart: t.lineStart,
            lineEnd: t.lineEnd,
          })),
        });
        let number = 0;
        const seen = new Set<number>();
        await tx.indicator.createMany({
          data: result.indicatorTables.flatMap((table) =>
            table.rows.map((row) => {
              // numbering restarts in a second indicator table: keep numbers unique per plan
              number = seen.has(row.number) ? number + 1 : Math.max(number, row.number);
              const n = seen.has(row.number) ? number : row.number;
              seen.add(n);
              return {
                planId: plan.id,
                sourceNodeId: table.nodeCode ? (nodeIds.get(table.nodeCode) ?? null) : null,
                number: n,
                name: row.name,
                unit: row.unit,
                category: row.category,
                baselineYear: table.baselineYear ?? period.start - 1,
                baselineValue: row.baseline,
                targetYear: table.targetYear ?? period.end,
                targetValue: row.target,
                direction: row.direction,
                nature: row.nature ?? "EXPECTED",
                accumulation: row.cumulative ? "CUMULATIVE" : "LEVEL",
              } as const;
            }),
          ),
        });
        await tx.phase.createMany({
          data: defaultPhases(period.start, period.end).map((p, order) => ({
            planId: plan.id,
            key: p.key,
            name: p.name,
            order,
            startDate: toDbDate(p.startDate),
            endDate: toDbDate(p.endDate),
          })),
        });
        await recordAudit(tx, actor, {
          action: "plan.import",
          entityType: "Plan",
          entityId: plan.id,
          jurisdictionId: input.jurisdictionId,
          after: {
            title,
            fileName: input.fileName,
            sourceHash,
            nodes: result.nodes.length,
            indicators: result.stats.indicators,
            warnings: result.warnings.length,
          },
          requestId,
        });
        return plan.id;
      },
      { timeout: 60_000 },
    );
    return { planId, created: true, title, warnings: result.warnings.length };
  } catch (error) {
    // the same file imported at the same moment by someone else: theirs won, nothing is duplicated
    if ((error as { code?: string }).code === "P2002") {
      const winner = await db.plan.findUnique({
        where: { jurisdictionId_sourceHash: { jurisdictionId: input.jurisdictionId, sourceHash } },
      });
      if (winner) return { planId: winner.id, created: false, title: winner.title, warnings: 0 };
    }
    throw error;
  }
}
