import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";

import type { Db } from "@duban/db";
import {
  bulletinDocumentData,
  cockpitSummary,
  evaluationData,
  indicatorDistrictsWorkbook,
  ledgerSheets,
  publicationSheet,
} from "@duban/domain";
import {
  ZBulletinIdInput,
  ZCockpitInput,
  ZEvaluationInput,
  ZIndicatorDistrictsInput,
  ZLedgerExportInput,
  ZPublicationIdInput,
} from "@duban/domain/schemas";

import { requireActor, sendDomainError, type SessionActor } from "./http-helpers.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function attachment(reply: FastifyReply, type: string, fileName: string, bytes: Buffer) {
  return reply
    .header("content-type", type)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(bytes);
}

// exceljs and docx are large: loaded on the first download, not at start (api memory)
const reports = () => import("@duban/reports");

/** File downloads (台账 Excel, evaluation Word/Excel) need plain GETs a browser can follow. */
export async function reportRoutes(app: FastifyInstance, deps: { db: Db }) {
  const handle =
    <S extends z.ZodType>(
      schema: S,
      produce: (
        input: z.infer<S>,
        actor: SessionActor,
      ) => Promise<{ type: string; name: string; bytes: Buffer }>,
    ) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const actor = await requireActor(deps.db, req, reply);
      if (!actor) return reply;
      const raw: Record<string, unknown> = { ...(req.query as object), ...(req.params as object) };
      // a query string carries text: the 年度评估's year is a number in the input schema
      if (typeof raw.year === "string" && /^\d{4}$/.test(raw.year)) raw.year = Number(raw.year);
      const parsed = schema.safeParse(raw);
      if (!parsed.success)
        return reply.code(400).send({
          error: {
            code: "INVALID",
            message: "参数有误 (invalid parameters)",
            issues: z.flattenError(parsed.error),
          },
        });
      try {
        const file = await produce(parsed.data, actor);
        return attachment(reply, file.type, file.name, file.bytes);
      } catch (error) {
        return sendDomainError(reply, error);
      }
    };
  app.get(
    "/api/plans/:planId/ledger.xlsx",
    handle(ZLedgerExportInput, async (input, actor) => {
      const sheets = await ledgerSheets({ db: deps.db, actor }, input);
      return {
        type: XLSX,
        name: `${sheets.plan.jurisdiction}台账-${input.period}.xlsx`,
        bytes: await (await reports()).buildLedgerWorkbook(sheets),
      };
    }),
  );
  // 考核得分表 (issue #18): the published sheet, cut by the same rule as the publications list
  app.get(
    "/api/score-publications/:publicationId/sheet.xlsx",
    handle(ZPublicationIdInput, async (input, actor) => {
      const data = await publicationSheet({ db: deps.db, actor }, input);
      return {
        type: XLSX,
        name: `${data.jurisdictionName}考核得分-${data.sheet.period}.xlsx`,
        bytes: await (await reports()).buildScoreSheetXlsx(data),
      };
    }),
  );
  app.get(
    "/api/plans/:planId/evaluation.docx",
    handle(ZEvaluationInput, async (input, actor) => {
      const data = await evaluationData({ db: deps.db, actor }, input);
      return {
        type: DOCX,
        name: `${data.title}-${data.asOf}.docx`,
        bytes: await (await reports()).buildEvaluationDocx(data),
      };
    }),
  );
  app.get(
    "/api/plans/:planId/evaluation.xlsx",
    handle(ZEvaluationInput, async (input, actor) => {
      const data = await evaluationData({ db: deps.db, actor }, input);
      return {
        type: XLSX,
        name: `${data.title}-${data.asOf}.xlsx`,
        bytes: await (await reports()).buildEvaluationXlsx(data),
      };
    }),
  );
  // 分片区监测 (issue #19): one indicator's 片区 side by side, with the chart; whoever reads it
  app.get(
    "/api/indicators/:indicatorId/districts.xlsx",
    handle(ZIndicatorDistrictsInput, async (input, actor) => {
      const { fileName, data } = await indicatorDistrictsWorkbook({ db: deps.db, actor }, input);
      return {
        type: XLSX,
        name: fileName,
        bytes: await (await reports()).buildIndicatorDistrictsXlsx(data),
      };
    }),
  );
  // 驾驶舱 (issue #19): the cockpit as the page shows it to the same person (cockpitSummary's rule)
  app.get(
    "/api/cockpit/export.xlsx",
    handle(ZCockpitInput, async (input, actor) => {
      // the file lists every plan; the page only the most lagging (COCKPIT_LIMITS.plans)
      const data = await cockpitSummary({ db: deps.db, actor }, input, { planLimit: Infinity });
      return {
        type: XLSX,
        name: `${data.root.name}驾驶舱-${data.asOf}.xlsx`,
        bytes: await (await reports()).buildCockpitXlsx(data),
      };
    }),
  );
  // 督查通报 (issue #18): the bulletin as issued (.docx) and its score sheet (.xlsx); drafts for
  // the office only, issued ones for every reader of the jurisdiction (bulletinDocumentData)
  app.get(
    "/api/bulletins/:bulletinId/document",
    handle(ZBulletinIdInput, async (input, actor) => {
      const data = await bulletinDocumentData({ db: deps.db, actor }, input);
      return {
        type: DOCX,
        name: `${data.fileBase}.docx`,
        bytes: await (await reports()).buildBulletinDocx(data),
      };
    }),
  );
  app.get(
    "/api/bulletins/:bulletinId/scores.xlsx",
    handle(ZBulletinIdInput, async (input, actor) => {
      const data = await bulletinDocumentData({ db: deps.db, actor }, input);
      return {
        type: XLSX,
        name: `${data.fileBase}-评分表.xlsx`,
        bytes: await (await reports()).buildBulletinXlsx(data),
      };
    }),
  );
}
