import ExcelJS from "exceljs";

/** What the workbook needs: the shape of the domain's ledgerSheets(), kept structural on purpose. */
export type LedgerWorkbookData = {
  plan: { id: string; title: string; jurisdiction: string };
  period: string;
  departments: Array<{
    id: string;
    name: string;
    rows: Array<{ taskId: string; code: string | null; chapter: string | null; title: string; role: string; lead: string; supporting: string; dueDate: string; taskStatus: string; progressText: string; percentComplete: number | null; status: string; problems: string; nextSteps: string; reviewState: string | null }>;
  }>;
};

export const STATUS_LABELS = ["未启动", "推进中", "已完成", "已暂缓", "已取消"];
const META_SHEET = "_duban";
const TEMPLATE_MARK = "duban-ledger-v1";

const COLUMNS = [
  { key: "taskId", header: "任务编号", width: 12, hidden: true },
  { key: "code", header: "条目", width: 12 },
  { key: "chapter", header: "章节", width: 24 },
  { key: "title", header: "任务名称", width: 40 },
  { key: "role", header: "本单位角色", width: 10 },
  { key: "lead", header: "牵头单位", width: 18 },
  { key: "supporting", header: "配合单位", width: 24 },
  { key: "dueDate", header: "完成时限", width: 12 },
  { key: "taskStatus", header: "当前状态", width: 10 },
  { key: "progressText", header: "本期进展情况", width: 50 },
  { key: "percentComplete", header: "完成比例(%)", width: 12 },
  { key: "status", header: "填报状态", width: 10 },
  { key: "problems", header: "存在问题", width: 30 },
  { key: "nextSteps", header: "下步计划", width: 30 },
  { key: "reviewState", header: "审核状态", width: 10 },
] as const;
/** Columns a department fills in; the others are for reference and are ignored on import. */
const EDITABLE = new Set(["progressText", "percentComplete", "status", "problems", "nextSteps"]);

function sheetName(name: string, used: Set<string>): string {
  // Excel: at most 31 characters, none of []:*?/\ , unique in the workbook
  const base = name.replace(/[[\]:*?/\\]/g, "_").slice(0, 28) || "单位";
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base}${i}`;
  used.add(candidate);
  return candidate;
}

/** The 台账 as .xlsx: one sheet per department, frozen header, readable widths, drop-downs for status. */
export async function buildLedgerWorkbook(data: LedgerWorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  wb.created = new Date();
  const used = new Set<string>([META_SHEET]);
  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRow([TEMPLATE_MARK, data.plan.id, data.period]);
  for (const dept of data.departments) {
    const name = sheetName(dept.name, used);
    meta.addRow([name, dept.id]);
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 4 }] });
    ws.columns = COLUMNS.map((c) => ({ key: c.key, header: c.header, width: c.width, hidden: "hidden" in c ? c.hidden : false }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    header.height = 24;
    COLUMNS.forEach((c, i) => {
      header.getCell(i + 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: EDITABLE.has(c.key) ? "FFFFF2CC" : "FFD9E1F2" } };
    });
    for (const row of dept.rows) {
      const added = ws.addRow({ ...row, percentComplete: row.percentComplete ?? null, reviewState: row.reviewState ?? "" });
      added.alignment = { vertical: "top", wrapText: true };
      added.getCell("status").dataValidation = { type: "list", allowBlank: true, formulae: [`"${STATUS_LABELS.join(",")}"`], showErrorMessage: true, errorTitle: "状态无效", error: `请选择：${STATUS_LABELS.join("、")}` };
      added.getCell("percentComplete").dataValidation = { type: "whole", operator: "between", allowBlank: true, formulae: [0, 100], showErrorMessage: true, errorTitle: "完成比例无效", error: "请输入 0–100 的整数" };
    }
    ws.autoFilter = { from: { row: 1, column: 2 }, to: { row: 1, column: COLUMNS.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ParsedLedgerRow = { sheet: string; row: number; departmentId: string; taskId: string; progressText: string; percentComplete: unknown; status: string; problems: string; nextSteps: string };
export class LedgerWorkbookError extends Error {
  override name = "LedgerWorkbookError";
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return String(value.result ?? "");
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** Reads a filled template back: which plan and quarter, and each row's editable cells with its row number. */
export async function parseLedgerWorkbook(bytes: Uint8Array): Promise<{ planId: string; period: string; rows: ParsedLedgerRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new LedgerWorkbookError("无法读取该文件，请上传从督办导出的 .xlsx 台账模板 (not a readable .xlsx file)");
  }
  const meta = wb.getWorksheet(META_SHEET);
  const first = meta?.getRow(1);
  if (!meta || cellText(first!.getCell(1).value) !== TEMPLATE_MARK) throw new LedgerWorkbookError("该文件不是督办导出的台账模板，请先导出模板再填写 (not a Duban ledger template)");
  const planId = cellText(first!.getCell(2).value);
  const period = cellText(first!.getCell(3).value);
  const sheets = new Map<string, string>();
  meta.eachRow((row, n) => { if (n > 1) sheets.set(cellText(row.getCell(1).value), cellText(row.getCell(2).value)); });
  const rows: ParsedLedgerRow[] = [];
  const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;
  for (const [name, departmentId] of sheets) {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new LedgerWorkbookError(`模板中缺少工作表“${name}”，请勿删除或重命名工作表 (sheet ${name} is missing)`);
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const taskId = cellText(row.getCell(col("taskId")).value).trim();
      if (!taskId) return;
      const raw = row.getCell(col("percentComplete")).value;
      rows.push({
        sheet: name, row: n, departmentId, taskId,
        progressText: cellText(row.getCell(col("progressText")).value),
        percentComplete: typeof raw === "number" ? raw : cellText(raw),
        status: cellText(row.getCell(col("status")).value),
        problems: cellText(row.getCell(col("problems")).value),
        nextSteps: cellText(row.getCell(col("nextSteps")).value),
      });
    });
  }
  return { planId, period, rows };
}
