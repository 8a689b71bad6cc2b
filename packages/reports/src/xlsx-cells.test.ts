import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import {
  isPercentFormat,
  readCell,
  readCellValue,
  readingAsNumber,
  readingAsText,
  type CellReading,
} from "./xlsx-cells.ts";

const problem = expect.objectContaining({ kind: "problem" });

describe("readCellValue over every exceljs value type", () => {
  it("Null: null, undefined, empty and blank text are blank — a missing value, never 0", () => {
    for (const v of [null, undefined, "", "   ", "\t\n"])
      expect(readCellValue(v)).toEqual({ kind: "blank" });
    expect(readingAsNumber(readCellValue(null))).toEqual({ value: undefined });
    expect(readingAsText(readCellValue(null))).toEqual({ text: "" });
  });

  it("String and SharedString: the text as typed", () => {
    expect(readCellValue("资金不足")).toEqual({ kind: "text", text: "资金不足" });
  });

  it("Number: the number, and whether the format scales it to a percentage", () => {
    expect(readCellValue(80)).toEqual({ kind: "number", value: 80, percentFormat: false });
    expect(readCellValue(0.8, "0%")).toEqual({ kind: "number", value: 0.8, percentFormat: true });
    expect(readCellValue(Number.NaN)).toEqual(problem);
  });

  it("Boolean and Date: as such; as text they read as Excel shows them", () => {
    expect(readingAsText(readCellValue(true))).toEqual({ text: "TRUE" });
    expect(readingAsText(readCellValue(new Date(Date.UTC(2024, 2, 1))))).toEqual({
      text: "2024-03-01",
    });
    expect(readingAsText(readCellValue(new Date(Date.UTC(2024, 2, 1, 9, 30))))).toEqual({
      text: "2024-03-01 09:30",
    });
    expect(readCellValue(new Date(Number.NaN))).toEqual(problem);
  });

  it("RichText: the runs joined to plain text, never [object Object]", () => {
    expect(
      readCellValue({ richText: [{ text: "资金", font: { bold: true } }, { text: "不足" }] }),
    ).toEqual({ kind: "text", text: "资金不足" });
    expect(readCellValue({ richText: [{ text: " " }] })).toEqual({ kind: "blank" });
  });

  it("Hyperlink: its text, or the address when it has none (text may itself be rich text)", () => {
    expect(readCellValue({ text: "通知原文", hyperlink: "https://example.gov.cn/a" })).toEqual({
      kind: "text",
      text: "通知原文",
    });
    expect(readCellValue({ text: "", hyperlink: "https://example.gov.cn/a" })).toEqual({
      kind: "text",
      text: "https://example.gov.cn/a",
    });
    expect(
      readCellValue({
        text: { richText: [{ text: "见" }, { text: "附件" }] },
        hyperlink: "https://x",
      }),
    ).toEqual({ kind: "text", text: "见附件" });
  });

  it("Formula and shared formula: the saved result, read like a value; none saved is a readable problem", () => {
    expect(readCellValue({ formula: "40*2", result: 80 })).toEqual({
      kind: "number",
      value: 80,
      percentFormat: false,
    });
    expect(readCellValue({ formula: "A1", result: 0.8 }, "0%")).toEqual({
      kind: "number",
      value: 0.8,
      percentFormat: true,
    });
    expect(readCellValue({ formula: "A1&B1", result: "进展顺利" })).toEqual({
      kind: "text",
      text: "进展顺利",
    });
    expect(readCellValue({ sharedFormula: "K2", result: 60 })).toEqual({
      kind: "number",
      value: 60,
      percentFormat: false,
    });
    const none = readCellValue({ formula: "SUM(A1:A3)" }) as { kind: "problem"; message: string };
    expect(none.kind).toBe("problem");
    expect(none.message).toMatch(
      /公式 =SUM\(A1:A3\) 没有保存计算结果.*\(the formula =SUM\(A1:A3\) has no saved result/,
    );
    const err = readCellValue({ formula: "1/0", result: { error: "#DIV/0!" } }) as {
      message: string;
    };
    expect(err.message).toMatch(/^公式的结果是错误值 #DIV\/0!（除以零）/);
  });

  it("Error: each error value named and explained, in Chinese then English", () => {
    for (const code of ["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"]) {
      const r = readCellValue({ error: code }) as { kind: string; message: string };
      expect(r.kind).toBe("problem");
      expect(r.message).toContain(`单元格是错误值 ${code}（`);
      expect(r.message).toContain(`(the cell is the error value ${code}`);
    }
  });

  it("anything else (JSON values, functions) is a readable problem", () => {
    expect(readCellValue({ some: "json" })).toEqual(problem);
    expect((readCellValue({ some: "json" }) as { message: string }).message).not.toContain(
      "[object Object]",
    );
  });
});

describe("reading a number column", () => {
  const num = (r: CellReading) => readingAsNumber(r);
  it("a percent-formatted cell counts as it shows: 0.8 shown as 80% is 80, without float noise", () => {
    expect(num(readCellValue(0.8, "0%"))).toEqual({ value: 80 });
    expect(num(readCellValue(0.07, "0.0%"))).toEqual({ value: 7 });
    expect(num(readCellValue(0.805, "0%"))).toEqual({ value: 80.5 }); // shows 81%, but is not a whole percent: the schema refuses it
  });
  it("an unformatted 0.8 stays 0.8, for the schema to explain (it is never multiplied)", () => {
    expect(num(readCellValue(0.8))).toEqual({ value: 0.8 });
  });
  it("numeric text, with % or in full-width digits, is that number; other text goes to the schema as it is", () => {
    expect(num(readCellValue("80"))).toEqual({ value: 80 });
    expect(num(readCellValue(" 80 % "))).toEqual({ value: 80 });
    expect(num(readCellValue("８０％"))).toEqual({ value: 80 });
    expect(num(readCellValue("0.8"))).toEqual({ value: 0.8 });
    expect(num(readCellValue("八十"))).toEqual({ value: "八十" });
    expect(num(readCellValue(true))).toEqual({ value: "TRUE" });
    expect(num(readCellValue({ error: "#N/A" }))).toEqual({
      problem: expect.stringContaining("#N/A"),
    });
  });
  it("literal percent signs in a format do not scale", () => {
    expect(isPercentFormat("0%")).toBe(true);
    expect(isPercentFormat("0.0%;[Red]-0.0%")).toBe(true);
    expect(isPercentFormat('0.0"%"')).toBe(false);
    expect(isPercentFormat("0\\%")).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});

describe("readCell on a workbook written and read back by exceljs", () => {
  it("reads each kind as saved, and a cell under a merge as a problem", async () => {
    const out = new ExcelJS.Workbook();
    const ws = out.addWorksheet("s");
    ws.getCell("A1").value = {
      richText: [{ text: "资金", font: { bold: true } }, { text: "不足" }],
    };
    ws.getCell("A2").value = { formula: "40*2", result: 80 };
    ws.getCell("A3").value = { formula: "40*2" };
    ws.getCell("A4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    ws.getCell("A5").value = 0.8;
    ws.getCell("A5").numFmt = "0%";
    ws.getCell("A6").value = { text: "链接", hyperlink: "https://example.gov.cn" };
    ws.getCell("A7").value = new Date(Date.UTC(2024, 0, 15));
    ws.getCell("A8").value = false;
    ws.getCell("B1").value = "合并";
    ws.mergeCells("B1:B2");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await out.xlsx.writeBuffer());
    const s = wb.getWorksheet("s")!;
    const text = (a: string) => readingAsText(readCell(s.getCell(a)));
    expect(text("A1")).toEqual({ text: "资金不足" });
    expect(readingAsNumber(readCell(s.getCell("A2")))).toEqual({ value: 80 });
    expect(text("A3")).toEqual({ problem: expect.stringContaining("没有保存计算结果") });
    expect(text("A4")).toEqual({ problem: expect.stringContaining("#N/A") });
    expect(readingAsNumber(readCell(s.getCell("A5")))).toEqual({ value: 80 });
    expect(text("A6")).toEqual({ text: "链接" });
    expect(text("A7")).toEqual({ text: "2024-01-15" });
    expect(text("A8")).toEqual({ text: "FALSE" });
    expect(text("B1")).toEqual({ text: "合并" });
    expect(text("B2")).toEqual({ problem: expect.stringContaining("与 B1 合并") });
  });
});
