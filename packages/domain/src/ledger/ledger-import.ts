import type { Db, TaskStatus } from "@duban/db";

import type { Actor } from "../actor.ts";
import { DomainError, forbidden, invalid, notFound } from "../errors.ts";
import { taskStatusLabels } from "../i18n/labels.ts";
import { loadPlanForActor } from "../plans/plan-queries.ts";
import {
  LEDGER_ENTRY_FIELD_NAMES,
  ZLedgerEntryFields,
  type LedgerEntryField,
  type LedgerEntryFieldsValue,
} from "../schemas/ledger-entry.ts";
import { visibleUnits } from "../visibility.ts";
import {
  insertEntry,
  insertRevision,
  validateAmendment,
  validateSubmission,
} from "./ledger-commands.ts";

/** One editable cell as the workbook reader gives it: its column header, and a value or why it could not be read. */
export type ImportedCell = { column: string; value?: string | number; problem?: string };
export type LedgerImportRow = {
  sheet: string;
  row: number;
  departmentId: string;
  taskId: string;
  cells: Record<LedgerEntryField, ImportedCell>;
};
/** A refused row: where (sheet, row number, column header when one cell is at fault) and the schema's or rule's message. */
export type LedgerImportError = {
  sheet: string;
  row: number;
  column: string | null;
  message: string;
};

const statusByLabel = new Map<string, TaskStatus>(
  Object.entries(taskStatusLabels).map(([k, v]) => [v.zh, k as TaskStatus]),
);

const isBlankCell = (c: ImportedCell) =>
  !c.problem && (c.value === undefined || (typeof c.value === "string" && !c.value.trim()));

/**
 * A row's cells checked by the ledger-entry schema, the web form's own. A cell that could not be
 * read (error value, formula without result, merge) is reported for its column instead; the
 * schema's messages are reported for the column of the field they concern.
 */
function checkRow(
  r: LedgerImportRow,
): { ok: true; fields: LedgerEntryFieldsValue } | { ok: false; errors: LedgerImportError[] } {
  const errors: LedgerImportError[] = [];
  const at = (field: LedgerEntryField | null, message: string) =>
    errors.push({
      sheet: r.sheet,
      row: r.row,
      column: field ? r.cells[field].column : null,
      message,
    });
  const candidate: Record<string, unknown> = {};
  for (const field of LEDGER_ENTRY_FIELD_NAMES) {
    const cell = r.cells[field];
    if (cell.problem) at(field, cell.problem);
    const value =
      field === "status" && typeof cell.value === "string"
        ? (statusByLabel.get(cell.value.trim()) ?? cell.value.trim())
        : cell.value;
    // a blank text cell is the empty text (then "请填写…" where required); a blank number stays missing
    candidate[field] =
      value === undefined && field !== "percentComplete" && field !== "status" ? "" : value;
  }
  const parsed = ZLedgerEntryFields.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as LedgerEntryField | undefined;
      if (field && r.cells[field]?.problem) continue; // already said why the cell could not be read
      at(field && field in r.cells ? field : null, issue.message);
    }
  }
  if (errors.length || !parsed.success) return { ok: false, errors };
  return { ok: true, fields: parsed.data };
}

/**
 * Only department staff import a ledger workbook (rows of their own units); the office and readers
 * are refused (FORBIDDEN), another county NOT_FOUND. Cheap: callers run it before opening the file.
 */
export async function assertMayImportLedger(db: Db, actor: Actor, planId: string) {
  const { visibility } = await loadPlanForActor(db, actor, planId);
  if (visibility.kind !== "units" || visibility.departmentIds.length === 0)
    throw forbidden(
      "只有责任单位可以导入本单位的台账",
      "only department staff import their units' ledger",
    );
  return visibility;
}

/**
 * A department's filled ledger template, all or nothing: every row is checked first — its cells by
 * the same schema as the web form (blank is missing, never 0; over-long text is refused, never cut),
 * then the same rules as ledger.submit / ledger.amend — and each refusal names its sheet, row,
 * column and reason (DomainError INVALID with `details.errors`). Only a fully valid file is applied,
 * in one transaction, as first reports or amendments. Rows whose five editable cells are all blank
 * are not reports and are skipped; a row with any of them filled is checked whole.
 */
export async function importLedgerRows(
  {
    db,
    actor,
    requestId,
    now = new Date(),
  }: { db: Db; actor: Actor; requestId?: string; now?: Date },
  input: { planId: string; period: string; rows: LedgerImportRow[] },
) {
  const { plan } = await loadPlanForActor(db, actor, input.planId);
  const mine = visibleUnits(await assertMayImportLedger(db, actor, input.planId)) ?? [];
  const cycle = await db.reportingCycle.findUnique({
    where: { planId_period: { planId: plan.id, period: input.period } },
  });
  if (!cycle) throw notFound(`${input.period} 填报周期`, `the ${input.period} reporting cycle`);
  const errors: LedgerImportError[] = [];
  type Planned =
    | {
        kind: "submit";
        checked: Awaited<ReturnType<typeof validateSubmission>>;
        fields: LedgerEntryFieldsValue;
      }
    | {
        kind: "amend";
        checked: Awaited<ReturnType<typeof validateAmendment>>;
        fields: LedgerEntryFieldsValue & { version: number };
      };
  const planned: Planned[] = [];
  let unchanged = 0;
  const seen = new Set<string>();
  for (const r of input.rows) {
    if (LEDGER_ENTRY_FIELD_NAMES.every((f) => isBlankCell(r.cells[f]))) continue;
    const checked = checkRow(r);
    if (!checked.ok) {
      errors.push(...checked.errors);
      continue;
    }
    const { fields } = checked;
    const fail = (message: string, field?: string | null) =>
      errors.push({
        sheet: r.sheet,
        row: r.row,
        column: field && field in r.cells ? r.cells[field as LedgerEntryField].column : null,
        message,
      });
    const key = `${r.taskId}:${r.departmentId}`;
    if (seen.has(key)) {
      fail("同一任务在文件中出现两次 (the same task appears twice)");
      continue;
    }
    seen.add(key);
    // before any other unit's entry is read: "unchanged" must not tell whether a guess matches it
    if (!mine.includes(r.departmentId)) {
      fail("只能导入本单位的台账 (only your own unit's rows can be imported)");
      continue;
    }
    try {
      const current = await db.ledgerEntry.findFirst({
        where: {
          taskId: r.taskId,
          cycleId: cycle.id,
          departmentId: r.departmentId,
          isCurrent: true,
        },
      });
      if (current) {
        if (LEDGER_ENTRY_FIELD_NAMES.every((f) => current[f] === fields[f])) {
          unchanged++;
          continue;
        }
        const amendFields = { ...fields, version: current.version, entryId: current.id };
        planned.push({
          kind: "amend",
          checked: await validateAmendment(db, actor, amendFields, now),
          fields: amendFields,
        });
      } else {
        planned.push({
          kind: "submit",
          checked: await validateSubmission(
            db,
            actor,
            { ...fields, taskId: r.taskId, cycleId: cycle.id, departmentId: r.departmentId },
            now,
          ),
          fields,
        });
      }
    } catch (error) {
      // a conflict is another writer winning a race with this file, not a fault in the row: the
      // whole import answers it, so the user retries instead of hunting for a wrong cell
      if (error instanceof DomainError && error.code !== "CONFLICT")
        fail(error.message, error.field);
      else throw error;
    }
  }
  if (errors.length) {
    const rows = new Set(errors.map((e) => `${e.sheet}:${e.row}`)).size;
    throw new DomainError(
      "INVALID",
      `台账文件有 ${rows} 行有误，未导入任何数据`,
      `${rows} rows are invalid; nothing was imported`,
      "file",
      { errors },
    );
  }
  if (!planned.length && !unchanged)
    throw invalid("文件中没有填写任何台账内容", "the file contains no ledger rows", "file");
  await db.$transaction(
    async (tx) => {
      for (const p of planned) {
        if (p.kind === "submit") await insertEntry(tx, actor, p.checked, p.fields, now, requestId);
        else await insertRevision(tx, actor, p.checked, p.fields, now, requestId);
      }
    },
    { timeout: 60_000 },
  );
  return {
    submitted: planned.filter((p) => p.kind === "submit").length,
    amended: planned.filter((p) => p.kind === "amend").length,
    unchanged,
  };
}
