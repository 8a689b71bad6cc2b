import ExcelJS from "exceljs";

import { COLUMNS, META_SHEET, TEMPLATE_MARK } from "./ledger-template.ts";
import { readCell, readingAsNumber, readingAsText } from "./xlsx-cells.ts";

export type EditableField =
  "progressText" | "percentComplete" | "status" | "problems" | "nextSteps";
/**
 * One editable cell as read: its column's header (for messages), and either the value the entry
 * schema is to check (text as shown; a number, or undefined when blank, for 完成比例) or the
 * problem that kept the cell from being read (an error value, a formula without a result, a merge).
 */
export type ImportedCell = { column: string; value?: string | number; problem?: string };
export type ParsedLedgerRow = {
  sheet: string;
  row: number;
  departmentId: string;
  taskId: string;
  cells: Record<EditableField, ImportedCell>;
};

export class LedgerWorkbookError extends Error {
  override name = "LedgerWorkbookError";
}

const EDITABLE_FIELDS: EditableField[] = [
  "progressText",
  "percentComplete",
  "status",
  "problems",
  "nextSteps",
];
const columnOf = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;
const headerOf = (key: string) => COLUMNS.find((c) => c.key === key)!.header;

function plainText(cell: ExcelJS.Cell): string {
  const shown = readingAsText(readCell(cell));
  return "text" in shown ? shown.text.trim() : "";
}

function importedCell(cell: ExcelJS.Cell, field: EditableField): ImportedCell {
  const column = headerOf(field);
  const reading = readCell(cell);
  const read = field === "percentComplete" ? readingAsNumber(reading) : readingAsText(reading);
  if ("problem" in read) return { column, problem: read.problem };
  return { column, value: "text" in read ? read.text : read.value };
}

/**
 * Reads a filled template back: which plan and quarter, and for each task row (found by the hidden
 * 任务编号 column) its unit (from the `_duban` sheet's map of sheet name → unit id) and its five
 * editable cells, read by xlsx-cells.ts. Nothing is validated here beyond the template's own shape:
 * the fields are checked by the domain with the ledger-entry schema, like the web form's.
 * Throws LedgerWorkbookError (Chinese and English) for a file that is not a readable template.
 */
export async function parseLedgerWorkbook(
  bytes: Uint8Array,
): Promise<{ planId: string; period: string; rows: ParsedLedgerRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new LedgerWorkbookError(
      "无法读取该文件，请上传从督办导出的 .xlsx 台账模板 (not a readable .xlsx file)",
    );
  }
  const meta = wb.getWorksheet(META_SHEET);
  const first = meta?.getRow(1);
  if (!meta || !first || plainText(first.getCell(1)) !== TEMPLATE_MARK)
    throw new LedgerWorkbookError(
      "该文件不是督办导出的台账模板，请先导出模板再填写 (not a Duban ledger template)",
    );
  const planId = plainText(first.getCell(2));
  const period = plainText(first.getCell(3));
  const sheets = new Map<string, string>();
  meta.eachRow((row, n) => {
    if (n > 1) sheets.set(plainText(row.getCell(1)), plainText(row.getCell(2)));
  });
  const rows: ParsedLedgerRow[] = [];
  for (const [name, departmentId] of sheets) {
    const ws = wb.getWorksheet(name);
    if (!ws)
      throw new LedgerWorkbookError(
        `模板中缺少工作表“${name}”，请勿删除或重命名工作表 (sheet ${name} is missing)`,
      );
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const taskId = plainText(row.getCell(columnOf("taskId")));
      if (!taskId) return;
      const cells = Object.fromEntries(
        EDITABLE_FIELDS.map((f) => [f, importedCell(row.getCell(columnOf(f)), f)]),
      ) as Record<EditableField, ImportedCell>;
      rows.push({ sheet: name, row: n, departmentId, taskId, cells });
    });
  }
  return { planId, period, rows };
}
