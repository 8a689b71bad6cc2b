import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { buildSummaryWorkbook, displayWidth } from "./summary-xlsx.ts";

describe("buildSummaryWorkbook", () => {
  it("writes a sheet per section with a frozen bold header and readable widths", async () => {
    const buffer = await buildSummaryWorkbook({
      title: "2023年第二季度通报",
      sections: [
        {
          name: "各单位完成情况",
          columns: [
            { header: "单位", key: "name" },
            { header: "完成率", key: "rate", percent: true },
          ],
          rows: [
            { name: "县科学技术局（县知识产权局）", rate: 66.7 },
            { name: "县财政局", rate: null },
          ],
        },
        { name: "指标: 监测/趋势?", columns: [{ header: "指标", key: "name" }], rows: [] },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["各单位完成情况", "指标_ 监测_趋势_"]);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getCell("A1").value).toBe("单位");
    expect(ws.getCell("A2").value).toBe("县科学技术局（县知识产权局）");
    expect(ws.getCell("B2").value).toBe(66.7);
    expect(ws.getColumn(1).width).toBe(displayWidth("县科学技术局（县知识产权局）") + 2);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(8);
    expect(ws.rowCount).toBe(3);
  });

  it("counts CJK characters double", () => {
    expect(displayWidth("ab")).toBe(2);
    expect(displayWidth("单位")).toBe(4);
    expect(displayWidth("（）")).toBe(4);
  });
});
