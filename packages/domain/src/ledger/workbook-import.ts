import type { Db } from "@duban/db";
import type { Actor } from "../actor.ts";
import { actorDepartmentIds, isOffice } from "../access.ts";
import { forbidden, invalid } from "../errors.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import { openUpload } from "../uploads/open-upload.ts";
import { importLedgerRows } from "./ledger-transfer.ts";

/** What a workbook parser gives back: the template's plan and quarter, and its filled rows. */
export type ParsedLedgerWorkbook = { planId: string; period: string; rows: Parameters<typeof importLedgerRows>[1]["rows"] };

/**
 * Who may send a ledger workbook for a plan: the units of its jurisdiction (they report) and its
 * office. NOT_FOUND when the actor cannot see the plan at all, FORBIDDEN for readers (leaders, the
 * city above). Cheap: two lookups, no file touched.
 */
export async function assertMayImportLedger(db: Db, actor: Actor, planId: string): Promise<void> {
  const { plan } = await loadPlanForActor(db, actor, planId);
  if (isOffice(actor, plan.jurisdictionId) || actorDepartmentIds(actor, plan.jurisdictionId).length > 0) return;
  throw forbidden("只有本规划的责任单位或领导小组办公室可以导入台账", "only the plan's units or its office may import a ledger workbook");
}

/**
 * `ledger.importWorkbook`: permission on the plan first, then the upload limits
 * (LEDGER_WORKBOOK_LIMITS: size, zip directory, inflated bytes, XML shape) inside the heavy-parse
 * limiter, then `parse` (exceljs, passed in by the api so the domain does not load it), then the
 * all-or-nothing import of its rows (importLedgerRows).
 */
export async function importLedgerWorkbook(
  ctx: { db: Db; actor: Actor; requestId?: string; now?: Date },
  input: { planId: string; contentBase64: string },
  parse: (bytes: Uint8Array) => Promise<ParsedLedgerWorkbook>,
) {
  const parsed = await openUpload(ctx.actor, "ledgerWorkbook", { fileName: "ledger.xlsx", content: { contentBase64: input.contentBase64 } }, {
    authorize: () => assertMayImportLedger(ctx.db, ctx.actor, input.planId),
    parse,
  });
  if (parsed.planId !== input.planId) throw invalid("该模板属于另一个规划，请从本规划导出模板", "this template belongs to another plan", "file");
  return importLedgerRows(ctx, { planId: input.planId, period: parsed.period, rows: parsed.rows });
}
