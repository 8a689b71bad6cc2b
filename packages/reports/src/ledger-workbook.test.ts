import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { parseLedgerWorkbook } from "./ledger-workbook-parse.ts";
import { buildLedgerWorkbook, type LedgerWorkbookData } from "./ledger-workbook.ts";

const data: LedgerWorkbookData = {
  plan: {
    id: "11111111-1111-4111-8111-111111111111",
    title: "息烽县“十四五”科技创新规划",
    jurisdiction: "息烽县",
  },
  period: "2023Q2",
  departments: [
    {
      id: "d1",
      name: "科学技术局",
      rows: [
        {
          taskId: "t1",
          code: "三.（一）.1",
          chapter: "三 主要任务",
          title: "实施创新主体培育工程",
          role: "牵头",
          lead: "科学技术局",
          supporting: "财政局、工业和信息化局",
          dueDate: "2025-12-31",
          taskStatus: "推进中",
          progressText: "",
          percentComplete: null,
          status: "",
          problems: "",
          nextSteps: "",
          reviewState: null,
        },
        {
          taskId: "t2",
          code: "三.（一）.2",
          chapter: "三 主要任务",
          title: "培育高新技术企业",
          role: "牵头",
          lead: "科学技术局",
          supporting: "",
          dueDate: "2024-12-31",
          taskStatus: "推进中",
          progressText: "新认定 3 家",
          percentComplete: 60,
          status: "推进中",
          problems: "",
          nextSteps: "",
          reviewState: "已通过",
        },
      ],
    },
    {
      id: "d2",
      name: "市场监督管理局[知识产权]/专利:商标*管理?办公室",
      rows: [
        {
          taskId: "t3",
          code: null,
          chapter: null,
          title: "知识产权保护",
          role: "配合",
          lead: "科学技术局",
          supporting: "市场监督管理局",
          dueDate: "2025-12-31",
          taskStatus: "未启动",
          progressText: "",
          percentComplete: null,
          status: "",
          problems: "",
          nextSteps: "",
          reviewState: null,
        },
      ],
    },
  ],
};

describe("ledger workbook", () => {
  it("lays out one sheet per department with a frozen header, readable widths and the hierarchy order", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildLedgerWorkbook(data)) as unknown as ArrayBuffer);
    const visible = wb.worksheets.filter((w) => w.state === "visible");
    expect(visible.map((w) => w.name)).toEqual([
      "科学技术局",
      "市场监督管理局_知识产权__专利_商标_管理_办公室",
    ]);
    const ws = visible[0]!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).values).toContain("本期进展情况");
    expect(ws.getColumn(1).hidden).toBe(true);
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(30);
    expect([ws.getCell("D2").value, ws.getCell("D3").value]).toEqual([
      "实施创新主体培育工程",
      "培育高新技术企业",
    ]);
    expect(ws.getCell("J3").value).toBe("新认定 3 家");
    expect(ws.getCell("K3").value).toBe(60);
    expect(ws.getCell("L2").dataValidation?.type).toBe("list");
  });

  it("reads back what a department typed, with row numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildLedgerWorkbook(data)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("科学技术局")!;
    ws.getCell("J2").value = "已完成年度目标";
    ws.getCell("K2").value = 80;
    ws.getCell("L2").value = "推进中";
    ws.getCell("M2").value = { richText: [{ text: "资金" }, { text: "不足" }] };
    const parsed = await parseLedgerWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(parsed.planId).toBe(data.plan.id);
    expect(parsed.period).toBe("2023Q2");
    expect(parsed.rows.find((r) => r.taskId === "t1")).toEqual({
      sheet: "科学技术局",
      row: 2,
      departmentId: "d1",
      taskId: "t1",
      cells: {
        progressText: { column: "本期进展情况", value: "已完成年度目标" },
        percentComplete: { column: "完成比例(%)", value: 80 },
        status: { column: "填报状态", value: "推进中" },
        problems: { column: "存在问题", value: "资金不足" },
        nextSteps: { column: "下步计划", value: "" },
      },
    });
    expect(parsed.rows.map((r) => r.taskId).sort()).toEqual(["t1", "t2", "t3"]);
  });

  it("refuses files that are not its template, in Chinese", async () => {
    await expect(parseLedgerWorkbook(new TextEncoder().encode("not a workbook"))).rejects.toThrow(
      /无法读取/,
    );
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").addRow(["a", "b"]);
    await expect(
      parseLedgerWorkbook(new Uint8Array(await other.xlsx.writeBuffer())),
    ).rejects.toThrow(/不是督办导出的台账模板/);
  });
});
