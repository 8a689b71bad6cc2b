// Excel 分工表 fixtures, written with exceljs in the test: rows as values, merges as ranges.
import ExcelJS from "exceljs";

export type SheetSpec = {
  name: string;
  /** rows from row 1; null or "" is an empty cell, [] an empty row */
  rows: (string | number | Date | null)[][];
  /** "A1:F1"… */
  merges?: string[];
};

export const xlsx = async (sheets: SheetSpec[]): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name);
    spec.rows.forEach((values, i) => {
      values.forEach((v, j) => {
        if (v !== null && v !== "") ws.getCell(i + 1, j + 1).value = v;
      });
    });
    for (const range of spec.merges ?? []) ws.mergeCells(range);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
};
