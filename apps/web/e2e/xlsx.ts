import { createRequire } from "node:module";
import path from "node:path";

// exceljs is a dependency of packages/reports (which writes and reads the 台账 workbook); the test
// edits a downloaded workbook the way a department would in Excel, with the same library.
const require = createRequire(
  path.resolve(import.meta.dirname, "../../../packages/reports/package.json"),
);
type Cell = { value: unknown };
type Row = { number: number; getCell: (i: number) => Cell };
type Sheet = { name: string; state: string; rowCount: number; getRow: (i: number) => Row };
type Workbook = {
  worksheets: Sheet[];
  xlsx: { readFile: (f: string) => Promise<void>; writeFile: (f: string) => Promise<void> };
};
const ExcelJS = require("exceljs") as { Workbook: new () => Workbook };

const text = (v: unknown) =>
  v === null || v === undefined
    ? ""
    : typeof v === "object" && "richText" in (v as object)
      ? (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join("")
      : String(v);

/**
 * Fills the first row this unit leads that has no report yet (as someone would in Excel) and
 * saves the copy; returns the task's title. `percent` may be out of range on purpose.
 */
export async function fillLedgerRow(
  file: string,
  out: string,
  fill: { progressText: string; percent: number },
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.worksheets.find((s) => s.state === "visible")!;
  const header = sheet.getRow(1);
  const col = (name: string) => {
    for (let i = 1; i <= 30; i++) if (text(header.getCell(i).value) === name) return i;
    throw new Error(`no column ${name}`);
  };
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (
      text(row.getCell(col("本单位角色")).value) !== "牵头" ||
      text(row.getCell(col("本期进展情况")).value)
    )
      continue;
    const current = text(row.getCell(col("当前状态")).value);
    if (current === "已完成" || current === "已取消") continue;
    row.getCell(col("本期进展情况")).value = fill.progressText;
    row.getCell(col("完成比例(%)")).value = fill.percent;
    row.getCell(col("填报状态")).value = current;
    await wb.xlsx.writeFile(out);
    return text(row.getCell(col("任务名称")).value);
  }
  throw new Error("no row left to fill");
}
