import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorFromSession, evaluationData, ledgerSheets, DomainError } from "@duban/domain";
import { ZEvaluationInput, ZLedgerExportInput } from "@duban/domain/schemas";
import type { Db } from "@duban/db";
import { SESSION_COOKIE } from "./session-cookie.ts";

const httpStatus: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, UNAUTHENTICATED: 401, RATE_LIMITED: 429 };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function attachment(reply: FastifyReply, type: string, fileName: string, bytes: Buffer) {
  return reply.header("content-type", type).header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(bytes);
}

// exceljs and docx are large: loaded on the first download, not at start (api memory)
const reports = () => import("@duban/reports");

/** File downloads (台账 Excel, evaluation Word/Excel) need plain GETs a browser can follow. */
export async function reportRoutes(app: FastifyInstance, deps: { db: Db }) {
  const handle = <S extends z.ZodType>(schema: S, produce: (input: z.infer<S>, actor: NonNullable<Awaited<ReturnType<typeof actorFromSession>>>) => Promise<{ type: string; name: string; bytes: Buffer }>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const token = req.cookies[SESSION_COOKIE];
      const actor = token ? await actorFromSession(deps.db, token) : null;
      if (!actor) return reply.code(401).send({ error: { code: "UNAUTHENTICATED", message: "请先登录 (please sign in)" } });
      const parsed = schema.safeParse({ ...(req.query as object), ...(req.params as object) });
      if (!parsed.success) return reply.code(400).send({ error: { code: "INVALID", message: "参数有误 (invalid parameters)", issues: z.flattenError(parsed.error) } });
      try {
        const file = await produce(parsed.data, actor);
        return attachment(reply, file.type, file.name, file.bytes);
      } catch (error) {
        if (error instanceof DomainError) return reply.code(httpStatus[error.code] ?? 400).send({ error: { code: error.code, message: error.message, messageEn: error.messageEn } });
        throw error;
      }
    };
  app.get("/api/plans/:planId/ledger.xlsx", handle(ZLedgerExportInput, async (input, actor) => {
    const sheets = await ledgerSheets(deps.db, actor, input);
    return { type: XLSX, name: `${sheets.plan.jurisdiction}台账-${input.period}.xlsx`, bytes: await (await reports()).buildLedgerWorkbook(sheets) };
  }));
  app.get("/api/plans/:planId/evaluation.docx", handle(ZEvaluationInput, async (input, actor) => {
    const data = await evaluationData(deps.db, actor, input);
    return { type: DOCX, name: `${data.title}-${data.asOf}.docx`, bytes: await (await reports()).buildEvaluationDocx(data) };
  }));
  app.get("/api/plans/:planId/evaluation.xlsx", handle(ZEvaluationInput, async (input, actor) => {
    const data = await evaluationData(deps.db, actor, input);
    return { type: XLSX, name: `${data.title}-${data.asOf}.xlsx`, bytes: await (await reports()).buildEvaluationXlsx(data) };
  }));
}
