import { describe, expect, it } from "vitest";

import { tableLayout } from "./official-table.ts";
import {
  CHARS_PER_LINE,
  LINE_PITCH,
  MARGIN,
  PAGE,
  signatureIndents,
  textWidth,
  titleLines,
  TYPE_AREA,
} from "./page-layout.ts";
import { NAME_MIN_CHARS, planColumns } from "./table-widths.ts";

describe("GB/T 9704 page", () => {
  it("A4 with 天头 37 mm and 订口 28 mm leaves the 156 × 225 mm type area; 22 lines fit it", () => {
    const mm = (twips: number) => (twips / 1440) * 25.4;
    expect(mm(PAGE.width)).toBeCloseTo(210, 0);
    expect(mm(PAGE.height)).toBeCloseTo(297, 0);
    expect(mm(MARGIN.top)).toBeCloseTo(37, 0);
    expect(mm(MARGIN.left)).toBeCloseTo(28, 0);
    expect(mm(TYPE_AREA.width)).toBeCloseTo(156, 0);
    expect(mm(TYPE_AREA.height)).toBeCloseTo(225, 0);
    expect(22 * LINE_PITCH).toBeLessThanOrEqual(TYPE_AREA.height);
    expect(23 * LINE_PITCH).toBeGreaterThan(TYPE_AREA.height);
    // 28 characters of 16 pt less 0.25 pt tracking fit the line, 29 do not
    expect(CHARS_PER_LINE * (320 - 5)).toBeLessThanOrEqual(TYPE_AREA.width);
    expect((CHARS_PER_LINE + 1) * (320 - 5)).toBeGreaterThan(TYPE_AREA.width);
  });

  it("a long title breaks into balanced lines, never inside a word or before a closing mark", () => {
    expect(titleLines("督办通知单")).toEqual(["督办通知单"]);
    const lines = titleLines(
      "西丰县“十四五”科技创新规划2026年度评估报告关于进一步加强年度计划执行的通知",
    );
    expect(lines.length).toBe(2);
    expect(lines.join("")).toBe(
      "西丰县“十四五”科技创新规划2026年度评估报告关于进一步加强年度计划执行的通知",
    );
    const [a, b] = lines.map(textWidth);
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(4);
    // 词意完整: the break falls at a word's end, not inside 科技创新
    expect(titleLines("西丰县“十四五”科技创新规划2026年度评估报告")).toEqual([
      "西丰县“十四五”科技创新规划",
      "2026年度评估报告",
    ]);
    for (const l of lines) expect(l).not.toMatch(/^[”）》，。]/);
    expect(lines.some((l) => /\d$/.test(l) && /^\d/.test(lines[lines.indexOf(l) + 1] ?? ""))).toBe(
      false,
    );
  });

  it("signature right with two characters to spare, the date two characters right of its start", () => {
    // a 16-character office: the date starts two characters right of the office's first one
    expect(signatureIndents("西丰县科技创新工作领导小组办公室", "2026年11月30日")).toEqual({
      issuer: { right: 2 },
      date: { left: 28 - 16 },
    });
    // a short signature: the date keeps two characters and the signature moves left
    const short = signatureIndents("科技局", "2026年11月30日");
    expect(short.date).toEqual({ right: 2 });
    // 7 characters of date and five digit/CJK changes of about ¼ character each
    expect(short.issuer.left).toBeCloseTo(28 - 4 - 7 - 1.25, 5);
  });
});

describe("table columns sized to their content", () => {
  it("gives each column its widest cell when the table fits, the rest to the text columns", () => {
    const plan = planColumns(
      [
        { title: "单位", role: "name" },
        { title: "得分", role: "number" },
      ],
      [
        ["县科学技术局", "96.5"],
        ["县市场监督管理局", "88.25"],
      ],
      30,
    )!;
    expect(plan.chars[1]).toBeCloseTo(textWidth("88.25"), 5);
    expect(plan.chars[0]).toBeCloseTo(30 - textWidth("88.25"), 5);
  });

  it("shrinks the widest text column first, never a name under six characters or a number", () => {
    const columns = [
      { title: "事项", role: "name" as const },
      { title: "年度目标", role: "text" as const },
      { title: "完成时限", role: "number" as const },
    ];
    const rows = [
      [
        "建设县级科技成果转化中试基地",
        "完成主体工程建设并投入试运行，开展中试服务 20 次以上",
        "2026-12-31",
      ],
    ];
    const plan = planColumns(columns, rows, 26)!;
    expect(plan.chars.reduce((s, c) => s + c, 0)).toBeCloseTo(26, 5);
    expect(plan.chars[2]).toBeCloseTo(textWidth("2026-12-31"), 5);
    expect(plan.chars[0]).toBeGreaterThanOrEqual(NAME_MIN_CHARS);
    // water-filling: both long columns end at the same width
    expect(plan.chars[0]).toBeCloseTo(plan.chars[1]!, 5);
    expect(planColumns(columns, rows, 8)).toBeNull();
  });

  it("the evaluation's indicator table keeps `R&D 经费支出` whole (a smaller font before wrapping names)", () => {
    const layout = tableLayout({
      columns: [
        { title: "序号", role: "number" },
        { title: "指标", role: "name" },
        { title: "单位", role: "text" },
        { title: "属性", role: "text" },
        { title: "基期值", role: "number" },
        { title: "目标值", role: "number" },
        { title: "最新值", role: "number" },
        { title: "报告期", role: "number" },
        { title: "序时目标", role: "number" },
        { title: "完成度(%)", role: "number" },
        { title: "评价", role: "text" },
      ],
      rows: [
        [
          "1",
          "R&D 经费支出",
          "万元",
          "预期性",
          "7529.2",
          "30000",
          "15000",
          "2023Q4",
          "18762.9",
          "33.2",
          "严重滞后",
        ],
      ],
    });
    expect(layout.widths.reduce((s, w) => s + w, 0)).toBe(TYPE_AREA.width);
    // the name column holds the name at the chosen size (twips = chars × size × 10 + padding)
    expect(layout.widths[1]!).toBeGreaterThan(textWidth("R&D 经费支出") * layout.size * 10);
  });
});
