import ExcelJS from "exceljs";

export type SheetValues = { name: string; rows: unknown[][] };

/** A workbook's sheets as plain rows of cell values (row 1 = header); for checks and round trips. */
export async function readWorkbook(buffer: Buffer): Promise<SheetValues[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  });
}
