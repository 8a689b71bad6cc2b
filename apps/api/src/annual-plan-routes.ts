import type { FastifyInstance } from "fastify";

import type { Db } from "@duban/db";
import { annualPlanSheet } from "@duban/domain";
import { ZAnnualPlanIdInput } from "@duban/domain/schemas";

import { requireActor, sendDomainError } from "./http-helpers.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET /api/annual-plans/:id/export.xlsx: the year's plan (年度工作要点) as a ledger-style sheet,
 * cut to what the signed-in user sees of it (annualPlanSheet). 401 signed out, 400 a bad id,
 * 404 a plan they may not see (a draft for anyone but the office).
 */
export async function annualPlanRoutes(app: FastifyInstance, deps: { db: Db }) {
  app.get("/api/annual-plans/:id/export.xlsx", async (req, reply) => {
    const actor = await requireActor(deps.db, req, reply);
    if (!actor) return reply;
    const parsed = ZAnnualPlanIdInput.safeParse({
      annualPlanId: (req.params as { id?: string }).id,
    });
    if (!parsed.success)
      return reply
        .code(400)
        .send({ error: { code: "INVALID", message: "参数有误 (invalid parameters)" } });
    try {
      const sheet = await annualPlanSheet({ db: deps.db, actor }, parsed.data);
      // exceljs is large: loaded on the first download, as report-routes.ts does
      const bytes = await (await import("@duban/reports")).buildAnnualPlanWorkbook(sheet);
      return reply
        .header("content-type", XLSX)
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(sheet.fileName)}`,
        )
        .send(bytes);
    } catch (error) {
      return sendDomainError(reply, error);
    }
  });
}
