import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";

import { buildEvaluationDocx } from "./evaluation-docx.ts";
import type { EvaluationDocument } from "./evaluation-types.ts";
import { buildEvaluationXlsx } from "./evaluation-xlsx.ts";

const row = (name: string, total: number, completed: number) => ({
  name,
  total,
  completed,
  onSchedule: total - completed - 1,
  lagging: 1,
  overdue: 0,
  completionRate: Math.round((completed / total) * 1000) / 10,
  averageProgress: 55,
  expectedProgress: 50,
});
const data: EvaluationDocument = {
  kind: "MIDTERM",
  title: "息烽县“十四五”科技创新规划中期评估报告",
  plan: {
    id: "p",
    title: "息烽县“十四五”科技创新规划",
    jurisdiction: "息烽县",
    periodStart: 2021,
    periodEnd: 2025,
  },
  asOf: "2023-06-30",
  totals: row("合计", 10, 4),
  indicators: [
    {
      number: 1,
      name: "R&D经费内部支出",
      unit: "万元",
      nature: "预期性",
      baseline: 7529.2,
      target: 30000,
      latestPeriod: "2023Q2",
      latestValue: 15000,
      expected: 18762.9,
      status: "严重滞后",
      attainment: 33.2,
    },
  ],
  departments: [row("科学技术局", 6, 3), row("市场监督管理局", 4, 1)],
  chapters: [row("三、主要任务", 10, 4)],
  lagging: [
    {
      title: "培育高新技术企业",
      department: "科学技术局",
      state: "滞后",
      progress: 30,
      expected: 50,
      dueDate: "2024-12-31",
      explanation: "企业申报意愿不足；下步：加强政策宣传",
    },
  ],
  adjustments: [
    {
      title: "建设科技创新平台",
      department: "科学技术局",
      kind: "调整完成时限",
      from: "2023-12-31",
      to: "2024-06-30",
      reason: "用地审批延后",
      at: "2023-05-10",
    },
  ],
};

describe("evaluation documents", () => {
  it("the Word document reads back paragraph by paragraph, in official layout", async () => {
    const buffer = await buildEvaluationDocx(data);
    const { value } = await mammoth.extractRawText({ buffer });
    const paragraphs = value
      .split("\n")
      .map((p) => p.trim())
      .filter(Boolean);
    expect(paragraphs[0]).toBe(data.title);
    const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
    // first-level headings are the paragraphs set in 黑体 at 3号 (16 pt; table headers and
    // captions are 黑体 in smaller sizes)
    const paragraphXml = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
    const headings = paragraphXml
      .filter((p) => p.includes('w:eastAsia="黑体"') && p.includes('<w:sz w:val="32"/>'))
      .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
    expect(headings).toEqual([
      "一、总体情况",
      "二、主要指标完成情况",
      "三、各单位任务完成情况",
      "四、各章节任务完成情况",
      "五、滞后事项及原因",
      "六、规划调整情况",
    ]);
    expect(paragraphs).toContain(
      "规划分解任务 10 项，已完成 4 项，完成率 40%；正常推进 5 项，滞后 1 项，逾期 0 项。任务平均完成进度 55%，序时进度 50%。",
    );
    expect(value).toContain("企业申报意愿不足；下步：加强政策宣传");
    expect(value).toContain("用地审批延后");
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it("the workbook has a sheet per section, cell by cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildEvaluationXlsx(data)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "总体情况",
      "主要指标",
      "各单位",
      "各章节",
      "滞后事项",
      "规划调整",
    ]);
    const ind = wb.getWorksheet("主要指标")!;
    expect(ind.getRow(2).values).toEqual([
      undefined,
      1,
      "R&D经费内部支出",
      "万元",
      "预期性",
      7529.2,
      30000,
      "2023Q2",
      15000,
      18762.9,
      33.2,
      "严重滞后",
    ]);
    expect(wb.getWorksheet("各单位")!.getCell("A3").value).toBe("市场监督管理局");
    expect(wb.getWorksheet("规划调整")!.getCell("E2").value).toBe("用地审批延后");
  });
});
