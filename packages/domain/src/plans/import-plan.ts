import { createHash, randomUUID } from "node:crypto";

import type { z } from "zod";

import type { Db, PlanNodeKind, Prisma } from "@duban/db";
import {
  extractPlanText,
  PARSE_RESULT_VERSION,
  parseDivisionSheets,
  parsePlan,
  periodFrom,
  PlanInputError,
  readWorkbookSheets,
  workbookText,
  type CandidateTask,
  type DocumentKind,
  type ExtractOptions,
  type NodeKind,
  type ParseOptions,
  type ParseResult,
  type WorkbookSheet,
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
 * A plan document as read: its text (stored as the plan's source text), and for an Excel 分工表
 * its sheets, which are parsed as such (the text is then a rendering of the rows, one per line).
 */
export type PlanDocument = {
  text: string;
  format: "text" | "docx" | "pdf" | "xlsx";
  sheets?: WorkbookSheet[];
};

const isWorkbook = (fileName: string) => /\.xlsx$/iu.test(fileName);

/**
 * Reads a plan document's text, turning the parser's input errors into a clear INVALID. Opening
 * a .docx, .xlsx or .pdf takes a place of the heavy-parse limiter and passes the plan-document
 * limits (PLAN_DOCUMENT_LIMITS) first; the caller has checked permission and the size (uploadBytes).
 */
export async function readPlanDocument(
  bytes: Uint8Array,
  fileName: string,
  actor: Actor,
  onProgress?: ExtractOptions["onProgress"],
): Promise<PlanDocument> {
  return parseUpload(actor, "planDocument", uploadFormatOf(fileName), bytes, async () => {
    try {
      if (isWorkbook(fileName)) {
        const sheets = await readWorkbookSheets(bytes);
        return { text: workbookText(sheets), format: "xlsx", sheets };
      }
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

/** The jurisdiction's active units with their aliases (DepartmentAlias): the parser's editable directory. */
export async function departmentDirectory(db: Db, jurisdictionId: string) {
  return db.department.findMany({
    where: { jurisdictionId, active: true },
    orderBy: { name: "asc" },
    include: { aliases: { select: { alias: true }, orderBy: { alias: "asc" } } },
  });
}

/** Every jurisdiction's name: the parser prefers one of them as the document's place. */
export async function jurisdictionNames(db: Db): Promise<string[]> {
  const rows = await db.jurisdiction.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/**
 * Parses plan text against the jurisdiction's units and their aliases (DepartmentAlias), so
 * written units are matched and owners suggested from its own directory (the parser's built-in
 * list when it has none yet), and against the known jurisdictions' names for the document's
 * place. `kind` overrides the detected document kind (plan or task-division document).
 */
export function parseWithDirectory(
  document: PlanDocument,
  departments: Awaited<ReturnType<typeof departmentDirectory>>,
  jurisdictions: string[],
  kind: DocumentKind | undefined,
): ParseResult {
  const options: ParseOptions = {
    jurisdictions,
    ...(kind ? { kind } : {}),
    ...(departments.length === 0
      ? {}
      : {
          departments: departments.map((d) => ({
            name: d.name,
            shortName: d.shortName ?? undefined,
            keywords: d.keywords,
            aliases: d.aliases.map((a) => a.alias),
          })),
        }),
  };
  if (!document.sheets) return parsePlan(document.text, options);
  try {
    return parseDivisionSheets(document.sheets, options);
  } catch (error) {
    // a workbook with no 分工表 header: the refusal names the headers found
    if (error instanceof PlanInputError) throw invalid(error.message, error.message, "file");
    throw error;
  }
}

/**
 * The title a plan is stored under: the one the office wrote (ZImportPlanInput.title) wins, else
 * the parser's. Null when neither; the file name is never a title (issue #16).
 */
function chosenTitle(input: { title?: string }, result: ParseResult): string | null {
  const given = input.title?.trim();
  if (!given) return result.title;
  // the api's schema bounds it already; the CLI and the demo come here without the schema
  if (given.length > 200) {
    throw invalid("规划标题不能超过 200 个字", "Plan title: at most 200 characters", "title");
  }
  return given;
}

/**
 * Parses without storing: the import wizard's preview. A title the office gave (input.title)
 * replaces the parser's, and a period written in it (`2023年`, `（2021—2025年）`) replaces the
 * parser's period; the parser's TITLE_MISSING warning stays so the wizard knows to ask.
 */
export async function previewPlan(
  { db, actor }: DomainContext,
  input: ImportPlanInput,
): Promise<ParseResult> {
  await assertMayImportPlan(db, actor, input.jurisdictionId);
  const document = await readPlanDocument(
    uploadBytes("planDocument", input),
    input.fileName,
    actor,
  );
  const departments = await departmentDirectory(db, input.jurisdictionId);
  const result = parseWithDirectory(document, departments, await jurisdictionNames(db), input.kind);
  const title = chosenTitle(input, result);
  if (title === result.title) return result;
  return { ...result, title, period: periodFrom(title, "") ?? result.period };
}

/**
 * Stores a plan document as a draft: its heading tree, 专栏 boxes, tables, indicators, the
 * default roadmap and the parser's task suggestions. The title is input.title when given, else
 * the one the parser found; with neither, INVALID on field `title` (未能识别文件标题，请填写规划标题)
 * and nothing is stored. The same file imported again (same bytes,
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

  const document = await readPlanDocument(bytes, input.fileName, actor, host.onProgress);
  const { text, format } = document;
  const departments = await departmentDirectory(db, input.jurisdictionId);
  const result = parseWithDirectory(document, departments, await jurisdictionNames(db), input.kind);
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
  const title = chosenTitle(input, result);
  if (!title) {
    throw invalid(
      "未能识别文件标题，请填写规划标题",
      "no title was found in the document; enter the plan title",
      "title",
    );
  }
  // a period written in the title the office gave wins, as the title does
  const period = (input.title?.trim() ? periodFrom(title, "") : null) ??
    result.period ?? { start: 2021, end: 2025 };

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
            const suggestion = c && candidateSuggestion(c, byName);
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

/**
 * What is stored of a parser candidate on its plan node: the suggestion with units matched to ids
 * (by directory name), and the written unit texts and 完成时限 as read, which the drafts match
 * again against the directory and aliases of their moment (task-drafts.ts).
 */
function candidateSuggestion(
  c: CandidateTask,
  byName: ReadonlyMap<string, string>,
): CandidateSuggestion {
  return {
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
    leadText: c.leadText ?? null,
    supportText: c.supportText ?? null,
    leadUnits: c.leadUnits ?? [],
    supportUnits: c.supportUnits ?? [],
    deadline: c.deadline ?? null,
  };
}
