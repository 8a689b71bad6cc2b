import ExcelJS from "exceljs";

import { COLUMNS, EDITABLE, META_SHEET, STATUS_LABELS, TEMPLATE_MARK } from "./ledger-template.ts";
import { SheetNames } from "./sheet-names.ts";
import { makeWorkbookTextSafe } from "./xml-text.ts";

/** What the workbook needs: the shape of the domain's ledgerSheets(), kept structural on purpose. */
export type LedgerWorkbookData = {
  plan: { id: string; title: string; jurisdiction: string };
  period: string;
  departments: Array<{
    id: string;
    name: string;
    rows: Array<{
      taskId: string;
      code: string | null;
      chapter: string | null;
      title: string;
      role: string;
      lead: string;
      supporting: string;
      dueDate: string;
      taskStatus: string;
      progressText: string;
      percentComplete: number | null;
      status: string;
      problems: string;
      nextSteps: string;
      reviewState: string | null;
    }>;
  }>;
  /** the longest text each editable column takes (the entry schema's limits), checked by Excel while typing */
  limits?: Partial<Record<"progressText" | "problems" | "nextSteps", number>>;
};

/**
 * The 台账 as .xlsx: one sheet per department, frozen header, readable widths, drop-downs for status.
 * Sheets are named after the units through SheetNames (any unit name gives a legal, unique name);
 * the very hidden `_duban` sheet maps each sheet name to its unit's id, which is what the import
 * reads, so a cleaned or shortened name still finds its unit.
 */
export async function buildLedgerWorkbook(data: LedgerWorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "督办 Duban";
  wb.created = new Date();
  const names = new SheetNames([META_SHEET]);
  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRow([TEMPLATE_MARK, data.plan.id, data.period]);
  for (const dept of data.departments) {
    const name = names.take(dept.name, "单位");
    meta.addRow([name, dept.id]);
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 4 }] });
    ws.columns = COLUMNS.map((c) => ({
      key: c.key,
      header: c.header,
      width: c.width,
      hidden: "hidden" in c ? c.hidden : false,
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    header.height = 24;
    COLUMNS.forEach((c, i) => {
      header.getCell(i + 1).fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: EDITABLE.has(c.key) ? "FFFFF2CC" : "FFD9E1F2" },
      };
    });
    for (const row of dept.rows) {
      const added = ws.addRow({
        ...row,
        percentComplete: row.percentComplete ?? null,
        reviewState: row.reviewState ?? "",
      });
      added.alignment = { vertical: "top", wrapText: true };
      added.getCell("status").dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [`"${STATUS_LABELS.join(",")}"`],
        showErrorMessage: true,
        errorTitle: "状态无效",
        error: `请选择：${STATUS_LABELS.join("、")}`,
      };
      added.getCell("percentComplete").dataValidation = {
        type: "whole",
        operator: "between",
        allowBlank: true,
        formulae: [0, 100],
        showErrorMessage: true,
        errorTitle: "完成比例无效",
        error: "请填写 0–100 的整数",
      };
      for (const [key, max] of Object.entries(data.limits ?? {})) {
        added.getCell(key).dataValidation = {
          type: "textLength",
          operator: "lessThanOrEqual",
          allowBlank: true,
          formulae: [max],
          showErrorMessage: true,
          errorTitle: "内容过长",
          error: `不能超过 ${max} 个字`,
        };
      }
    }
    ws.autoFilter = { from: { row: 1, column: 2 }, to: { row: 1, column: COLUMNS.length } };
  }
  makeWorkbookTextSafe(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
