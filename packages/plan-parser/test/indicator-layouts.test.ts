// Indicator tables in the layouts real documents come in (issue 16): columns in any order and a
// third value column, category rows inside the table, qualified values, a table before the first
// heading or split across pages, wrapped names, one cell per line, tab- or space-separated cells,
// year columns, and headers that cannot be read (a warning with the lines, never a silent drop).
// Every table here is written for this test in the shapes those documents use.
import { describe, expect, it } from "vitest";

import { parsePlan, type IndicatorRow, type ParseResult } from "../src/index.ts";
import { XIFENG } from "./helpers/seeds.ts";

/** A small plan around a table: the table sits under 第一章 / 一、主要指标. */
const plan = (
  table: string,
  after = "二、重点任务\n（一）强化创新\n加快建设创新平台，提升研发能力。\n",
): ParseResult =>
  parsePlan(
    `花溪区“十四五”生态环境保护规划\n第一章 发展目标\n一、主要指标\n到2025年，主要指标如下。\n${table}\n${after}`,
  );

const rowsOf = (r: ParseResult): IndicatorRow[] => r.indicatorTables.flatMap((t) => t.rows);
const brief = (x: IndicatorRow) => [x.number, x.name, x.unit, x.baseline, x.target, x.nature];
const codes = (r: ParseResult) => r.warnings.map((w) => w.code);
const nodeTitles = (r: ParseResult) => r.nodes.map((n) => n.title);

describe("columns in any order, a third value column", () => {
  it("reads 属性 before 单位 and the values after them", () => {
    const r = plan(
      [
        "序号 指标名称 属性 单位 2020年 2025年",
        "1 研发投入强度 预期性 % 1.2 2.5",
        "2 万人发明专利拥有量 预期性 件/万人 2.68 4",
        "3 单位地区生产总值能耗降低 约束性 % — 〔13.5〕",
      ].join("\n"),
    );
    expect(rowsOf(r).map(brief)).toEqual([
      [1, "研发投入强度", "%", 1.2, 2.5, "EXPECTED"],
      [2, "万人发明专利拥有量", "件/万人", 2.68, 4, "EXPECTED"],
      [3, "单位地区生产总值能耗降低", "%", null, 13.5, "BINDING"],
    ]);
    expect(rowsOf(r)[2]).toMatchObject({ cumulative: true, direction: "DECREASE" });
  });

  it("reads 单位 after the values and 属性 first", () => {
    const r = plan(
      [
        "序号 属性 指标 基期值 目标值 单位",
        "1 约束性 森林覆盖率 58.3 60 %",
        "2 预期性 高新技术企业数 5 10 家",
      ].join("\n"),
    );
    expect(rowsOf(r).map(brief)).toEqual([
      [1, "森林覆盖率", "%", 58.3, 60, "BINDING"],
      [2, "高新技术企业数", "家", 5, 10, "EXPECTED"],
    ]);
  });

  it("keeps a 中期 column as an extra value and takes the last year as the target", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2023年（中期） 2025年 属性",
        "1 研发经费投入 亿元 1.5 2.2 3 预期性",
        "2 技术合同成交额 亿元 2.5 3.2 4 预期性",
      ].join("\n"),
    );
    const t = r.indicatorTables[0];
    expect(t).toMatchObject({ baselineYear: 2020, targetYear: 2025 });
    expect(rowsOf(r).map(brief)).toEqual([
      [1, "研发经费投入", "亿元", 1.5, 3, "EXPECTED"],
      [2, "技术合同成交额", "亿元", 2.5, 4, "EXPECTED"],
    ]);
    expect(rowsOf(r)[0]?.values).toEqual([
      { header: "2020年", year: 2020, text: "1.5", value: 1.5 },
      { header: "2023年（中期）", year: 2023, text: "2.2", value: 2.2 },
      { header: "2025年", year: 2025, text: "3", value: 3 },
    ]);
  });

  it("reads a 〔累计〕 column: the target when the year column is empty", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2025年 〔累计〕 属性",
        "1 新增高新技术企业 家 12 30 〔18〕 预期性",
        "2 技术合同成交额 亿元 2.5 — 〔15〕 预期性",
      ].join("\n"),
    );
    const [a, b] = rowsOf(r);
    expect(a).toMatchObject({ baseline: 12, target: 30, targetText: "30" });
    expect(a?.values?.[2]).toMatchObject({ header: "〔累计〕", value: 18 });
    expect(b).toMatchObject({ baseline: 2.5, target: 15, targetText: "〔15〕", cumulative: true });
  });

  it("warns when a row has fewer values than value columns instead of shifting silently", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2023年 2025年",
        "1 研发经费投入 亿元 1.5 2.2 3",
        "2 科技型企业 家 300 500",
      ].join("\n"),
    );
    expect(rowsOf(r)[1]).toMatchObject({ baseline: 300, target: 500 });
    expect(r.warnings.find((w) => w.code === "TABLE_CELLS_MISSING")?.line).toBe(7);
    const one = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "1 研发经费投入 亿元 1.5 3",
        "2 新增省级创新平台 个 5",
        "3 科技型企业 家 300 500",
      ].join("\n"),
    );
    expect(rowsOf(one).map(brief)).toEqual([
      [1, "研发经费投入", "亿元", 1.5, 3, null],
      [2, "新增省级创新平台", "个", null, 5, null],
      [3, "科技型企业", "家", 300, 500, null],
    ]);
    expect(one.warnings.filter((w) => w.code === "TABLE_CELLS_MISSING").map((w) => w.line)).toEqual(
      [7],
    );
  });
});

describe("headers written over two rows or with a unit note", () => {
  it("joins a second header row of years under 基期值 / 目标值", () => {
    const r = plan(
      [
        "序号 指标名称 单位 基期值 目标值 属性",
        "2020年 2025年",
        "1 研发投入强度 % 1.2 2.5 预期性",
      ].join("\n"),
    );
    expect(r.indicatorTables[0]).toMatchObject({ baselineYear: 2020, targetYear: 2025 });
    expect(rowsOf(r).map(brief)).toEqual([[1, "研发投入强度", "%", 1.2, 2.5, "EXPECTED"]]);
    expect(rowsOf(r)[0]?.values).toBeUndefined();
    expect(codes(r)).not.toContain("TABLE_CELLS_MISSING");
  });

  it("splits a merged 指标值 cell over a second row of years", () => {
    const r = plan(
      ["序号 指标名称 单位 指标值 属性", "2020年 2025年", "1 研发投入强度 % 1.2 2.5 预期性"].join(
        "\n",
      ),
    );
    expect(r.indicatorTables[0]).toMatchObject({ baselineYear: 2020, targetYear: 2025 });
    expect(rowsOf(r).map(brief)).toEqual([[1, "研发投入强度", "%", 1.2, 2.5, "EXPECTED"]]);
  });

  it("reads a header after a 单位 note under the caption", () => {
    const r = plan(
      [
        "表2 科技创新主要指标",
        "单位：万元、%",
        "序号 指标 2020年 2025年",
        "1 研发经费支出 7529 30000",
      ].join("\n"),
    );
    expect(r.indicatorTables[0]?.title).toBe("表2 科技创新主要指标");
    expect(rowsOf(r).map((x) => [x.name, x.target])).toEqual([["研发经费支出", 30000]]);
    expect(r.tables).toHaveLength(0);
  });

  it("reads a unit written inside the value cells when there is no 单位 column", () => {
    const r = plan(
      ["序号 指标 2020年 2025年目标", "1 高新技术企业 5家 10家", "2 研发经费 1.2亿元 3亿元"].join(
        "\n",
      ),
    );
    expect(rowsOf(r).map((x) => [x.name, x.unit, x.baseline, x.target])).toEqual([
      ["高新技术企业", "家", 5, 10],
      ["研发经费", "亿元", 1.2, 3],
    ]);
  });
});

describe("a row that cannot be read", () => {
  it("is warned about by number and line, and the rows after it are still read", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "1 研发投入强度 % 1.2 2.5",
        "2 科技成果转化情况详见附件三所列的各项具体内容和年度安排 项 见附件",
        "3 高新技术企业数 家 5 10",
        "4 技术合同成交额 亿元 2.5 4",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => x.number)).toEqual([1, 3, 4]);
    const w = r.warnings.find((x) => x.code === "UNKNOWN_TABLE_ROW");
    expect(w?.line).toBe(7);
    expect(w?.message).toMatch(/第 2 行/u);
  });
});

describe("numbered category rows inside a table", () => {
  it("groups rows under 一、 / （一） labels and never makes them sections or tasks", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2025年 属性",
        "一、创新投入",
        "1 研发投入强度 % 1.2 2.5 预期性",
        "2 财政科技支出占比 % 1.5 3 预期性",
        "二、创新产出",
        "3 高新技术企业数 家 5 10 预期性",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => [x.number, x.category])).toEqual([
      [1, "创新投入"],
      [2, "创新投入"],
      [3, "创新产出"],
    ]);
    expect(nodeTitles(r)).not.toContain("创新投入");
    expect(nodeTitles(r)).not.toContain("创新产出");
    expect(r.candidateTasks.map((c) => c.title)).not.toContain("创新产出");
    expect(nodeTitles(r)).toContain("重点任务");
  });

  it("reads （一） categories with numbering restarting at 1", () => {
    const r = plan(
      [
        "序号 指标名称 单位 基期值 目标值",
        "（一）资源利用",
        "1 万元GDP用水量 立方米 45 40",
        "2 耕地保有量 万亩 30 30",
        "（二）环境质量",
        "1 空气质量优良天数比例 % 95 >96",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => [x.number, x.name, x.category])).toEqual([
      [1, "万元GDP用水量", "资源利用"],
      [2, "耕地保有量", "资源利用"],
      [1, "空气质量优良天数比例", "环境质量"],
    ]);
    expect(nodeTitles(r)).not.toContain("资源利用");
    expect(codes(r)).not.toContain("NUMBER_GAP");
  });
});

describe("values with qualifiers", () => {
  const r = plan(
    [
      "序号 指标 单位 2020年 2025年",
      "1 城镇新增就业人数 万人 1.2 1.5 左右",
      "2 空气质量优良天数比率 % 95 >80",
      "3 研发投入强度 % 1.8 ≥2.5",
      "4 城镇调查失业率 % 4.5 <5",
      "5 技术合同成交额 亿元 — 〔20〕",
      "6 省级创新平台 个 3 力争30",
      "7 科技服务业增速 % 6 5-8",
      "8 化学需氧量排放总量 吨 1200 控制在1100以内",
      "9 地表水达标率 % 90 完成省下达任务",
      "10 重大事故起数 起 2 ≤ 1",
    ].join("\n"),
  );
  const rows = rowsOf(r);
  const by = (n: number) => rows.find((x) => x.number === n);

  it("reads every row and keeps the text as written", () => {
    expect(rows).toHaveLength(10);
    expect(by(1)).toMatchObject({ target: 1.5, targetText: "1.5左右", targetQualifier: "approx" });
    expect(by(2)).toMatchObject({ target: 80, targetText: ">80", targetQualifier: "atLeast" });
    expect(by(3)).toMatchObject({ target: 2.5, targetQualifier: "atLeast", direction: "INCREASE" });
    expect(by(5)).toMatchObject({
      baseline: null,
      baselineText: "—",
      target: 20,
      cumulative: true,
    });
    expect(by(6)).toMatchObject({ target: 30, targetText: "力争30", targetQualifier: "aim" });
    expect(by(9)).toMatchObject({ target: null, targetText: "完成省下达任务" });
  });

  it("takes the committed bound of a range and keeps both", () => {
    expect(by(7)).toMatchObject({
      target: 5,
      targetText: "5-8",
      targetQualifier: "range",
      targetRange: [5, 8],
    });
  });

  it("reads the direction from signs and words, not only from the numbers", () => {
    expect(by(4)).toMatchObject({ target: 5, targetQualifier: "atMost", direction: "DECREASE" });
    expect(by(8)).toMatchObject({ target: 1100, targetQualifier: "atMost", direction: "DECREASE" });
    expect(by(10)).toMatchObject({ target: 1, targetText: "≤1", direction: "DECREASE" });
    // a falling target with no sign or word still reads as a decrease
    const plain = plan(
      "序号 指标 单位 2020年 2025年\n1 农村贫困发生率 % 3 0\n2 秸秆焚烧火点 个 12 4",
    );
    expect(rowsOf(plain).map((x) => x.direction)).toEqual(["DECREASE", "DECREASE"]);
    // but a lower growth rate and a cumulative amount over the period still ask for growth
    const rates = plan(
      "序号 指标 单位 2020年 2025年\n1 地区生产总值年均增长 % 7.2 6\n2 新增高新技术企业 家 300 〔100〕",
    );
    expect(rowsOf(rates).map((x) => x.direction)).toEqual(["INCREASE", "INCREASE"]);
  });

  it("reads a range falling as its upper bound", () => {
    const t = plan("序号 指标 单位 2020年 2025年\n1 PM2.5年均浓度下降 微克/立方米 35 28-30");
    expect(rowsOf(t)[0]).toMatchObject({
      target: 30,
      targetRange: [28, 30],
      direction: "DECREASE",
    });
  });
});

describe("where tables sit", () => {
  it("reads a table before the first heading, under the title or with no title at all", () => {
    const table = [
      "表1 主要指标",
      "序号 指标 2020年 2025年目标",
      "1 研发经费支出（万元） 7500 30000",
      "2 高新技术企业数（个） 5 10",
    ];
    const body = ["第一章 发展基础", "一、取得成效", "“十三五”期间，全区科技创新取得明显成效。"];
    for (const text of [
      ["观山湖区“十四五”科技创新规划", ...table, ...body].join("\n"),
      [...table.slice(1), ...body].join("\n"),
    ]) {
      const r = parsePlan(text);
      expect(r.indicatorTables).toHaveLength(1);
      expect(r.indicatorTables[0]).toMatchObject({ nodeCode: null });
      expect(rowsOf(r).map(brief)).toEqual([
        [1, "研发经费支出", "万元", 7500, 30000, null],
        [2, "高新技术企业数", "个", 5, 10, null],
      ]);
      expect(r.nodes[0]?.title).toBe("发展基础");
    }
    const titled = parsePlan(["观山湖区“十四五”科技创新规划", ...table, ...body].join("\n"));
    expect(titled.title).toBe("观山湖区“十四五”科技创新规划");
    expect(titled.indicatorTables[0]?.title).toBe("表1 主要指标");
  });

  it("reads a table split across pages with its header repeated", () => {
    const r = plan(
      [
        "表1 主要指标",
        "序号 指标名称 单位 2020年 2025年 属性",
        "1 研发投入强度 % 1.2 2.5 预期性",
        "2 高新技术企业数 家 5 10 预期性",
        "- 3 -",
        "续表",
        "序号 指标名称 单位 2020年 2025年 属性",
        "3 技术合同成交额 亿元 2.5 4 预期性",
        "4 科技型企业数 家 300 500 预期性",
      ].join("\n"),
    );
    expect(r.indicatorTables).toHaveLength(1);
    expect(rowsOf(r).map((x) => x.number)).toEqual([1, 2, 3, 4]);
    expect(rowsOf(r).map((x) => x.name)).not.toContain("指标名称");
    expect(r.indicatorTables[0]?.lineEnd).toBe(13);
  });

  it("continues a table whose repeated header comes after a page footer", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "1 研发投入强度 % 1.2 2.5",
        "2 高新技术企业数 家 5 10",
        "花溪区人民政府办公室",
        "序号 指标 单位 2020年 2025年",
        "3 技术合同成交额 亿元 2.5 4",
      ].join("\n"),
    );
    expect(r.indicatorTables).toHaveLength(1);
    expect(rowsOf(r).map((x) => x.number)).toEqual([1, 2, 3]);
  });

  it("joins a name cell wrapped below, above and over three lines", () => {
    const below = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "1 规模以上工业企业研发 % 30 50",
        "机构覆盖率",
        "2 高新技术企业数 家 5 10",
      ].join("\n"),
    );
    expect(rowsOf(below).map((x) => x.name)).toEqual([
      "规模以上工业企业研发机构覆盖率",
      "高新技术企业数",
    ]);
    const above = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "规模以上工业企业",
        "1 研发机构覆盖率 % 30 50",
        "2 高新技术企业数 家 5 10",
      ].join("\n"),
    );
    expect(rowsOf(above).map((x) => x.name)).toEqual([
      "规模以上工业企业研发机构覆盖率",
      "高新技术企业数",
    ]);
    const three = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "1 规模以上工业企业",
        "研发机构",
        "覆盖率 % 30 50",
        "2 高新技术企业数 家 5 10",
      ].join("\n"),
    );
    expect(rowsOf(three).map(brief)).toEqual([
      [1, "规模以上工业企业研发机构覆盖率", "%", 30, 50, null],
      [2, "高新技术企业数", "家", 5, 10, null],
    ]);
  });
});

describe("one cell per line (Word, HTML and PDF copies)", () => {
  it("reads rows from cells on their own lines", () => {
    const r = plan(
      [
        "序号",
        "指标名称",
        "单位",
        "2020年",
        "2025年",
        "属性",
        "1",
        "研发投入强度",
        "%",
        "1.2",
        "2.5",
        "预期性",
        "2",
        "万人发明专利",
        "拥有量",
        "件/万人",
        "2.68",
        "4",
        "预期性",
        "3",
        "单位GDP能耗降低",
        "%",
        "—",
        "〔13.5〕",
        "约束性",
      ].join("\n"),
    );
    expect(rowsOf(r).map(brief)).toEqual([
      [1, "研发投入强度", "%", 1.2, 2.5, "EXPECTED"],
      [2, "万人发明专利拥有量", "件/万人", 2.68, 4, "EXPECTED"],
      [3, "单位GDP能耗降低", "%", null, 13.5, "BINDING"],
    ]);
    expect(codes(r)).not.toContain("EMPTY_INDICATOR_TABLE");
    expect(nodeTitles(r)).toEqual(["发展目标", "主要指标", "重点任务", "强化创新"]);
  });

  it("reads a cell-per-line table without 序号 and with an empty 单位 cell", () => {
    const r = plan(
      [
        "指标",
        "单位",
        "基期值",
        "目标值",
        "属性",
        "森林覆盖率",
        "%",
        "58.3",
        "60",
        "约束性",
        "省级以上创新平台",
        "3",
        "≥10",
        "预期性",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => [x.name, x.unit, x.baseline, x.target, x.nature])).toEqual([
      ["森林覆盖率", "%", 58.3, 60, "BINDING"],
      ["省级以上创新平台", null, 3, 10, "EXPECTED"],
    ]);
    expect(codes(r)).not.toContain("MISSING_ROW_NUMBER");
  });
});

describe("one cell per line, interrupted", () => {
  it("continues after prose and a page number, the 序号 cell not taken for a page number", () => {
    const r = plan(
      [
        "序号",
        "指标",
        "2020年",
        "2025年",
        "1",
        "研发经费投入强度（%）",
        "0.5",
        "1.2",
        "2",
        "国家级重点实验室（个）",
        "1",
        "2",
        "加强中长期重大科技战略布局，实施一批科技重大专项。",
        "12",
        "3",
        "科技创新平台（个）",
        "263",
        "300",
      ].join("\n"),
    );
    expect(rowsOf(r).map(brief)).toEqual([
      [1, "研发经费投入强度", "%", 0.5, 1.2, null],
      [2, "国家级重点实验室", "个", 1, 2, null],
      [3, "科技创新平台", "个", 263, 300, null],
    ]);
    expect(r.warnings.find((w) => w.code === "TABLE_CONTINUED")?.line).toBe(19);
    expect(r.nodes.find((n) => n.title === "主要指标")?.body).toContain("科技重大专项");
  });
});

describe("cells separated by tabs or by two or more spaces", () => {
  it("reads a Word table rendered one row per line with TAB between cells", () => {
    const r = plan(
      [
        "类别\t序号\t指标名称\t单位\t2020年\t2025年\t属性\t备注",
        "创新投入\t1\tR&D 经费投入强度\t%\t1.2\t2.5\t预期性\t",
        "\t2\t财政科技支出占比\t%\t1.5\t3\t预期性\t含园区",
        "一、创新产出\t\t\t\t\t\t\t",
        "\t3\t高新技术企业数\t家\t5\t10\t预期性\t",
        "\t4\t技术合同成交额\t亿元\t\t〔15〕\t预期性\t",
      ].join("\n"),
    );
    const rows = rowsOf(r);
    expect(
      rows.map((x) => [x.number, x.category, x.name, x.unit, x.baselineText, x.target]),
    ).toEqual([
      [1, "创新投入", "R&D 经费投入强度", "%", "1.2", 2.5],
      [2, "创新投入", "财政科技支出占比", "%", "1.5", 3],
      [3, "创新产出", "高新技术企业数", "家", "5", 10],
      [4, "创新产出", "技术合同成交额", "亿元", "", 15],
    ]);
    expect(rows[1]?.extraColumns).toEqual({ 备注: "含园区" });
    expect(r.indicatorTables[0]?.headers).toEqual([
      "类别",
      "序号",
      "指标名称",
      "单位",
      "2020年",
      "2025年",
      "属性",
      "备注",
    ]);
  });

  it("reads tab rows whose merged 类别 cell is left out and whose 序号 has a dot", () => {
    const r = plan(
      [
        "类别\t序号\t指标名称\t单位\t2020年\t2025年",
        "创新投入\t1.\t研发投入强度\t%\t1.2\t2.5",
        "2.\t财政科技支出占比\t%\t1.5\t3",
        "创新产出\t3.\t高新技术企业数\t家\t5\t10",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => [x.number, x.category, x.name, x.target])).toEqual([
      [1, "创新投入", "研发投入强度", 2.5],
      [2, "创新投入", "财政科技支出占比", 3],
      [3, "创新产出", "高新技术企业数", 10],
    ]);
  });

  it("keeps 牵头单位 and 完成时限 columns of an indicator table as text on the row", () => {
    const r = plan(
      [
        "序号 指标名称 单位 2020年 2025年 牵头单位 完成时限",
        "1 研发投入强度 % 1.2 2.5 县科技局 2025年底",
        "2 高新技术企业数 家 5 10 县科技局、县工信局 2024年",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => [x.name, x.baseline, x.target, x.extraColumns])).toEqual([
      ["研发投入强度", 1.2, 2.5, { 牵头单位: "县科技局", 完成时限: "2025年底" }],
      ["高新技术企业数", 5, 10, { 牵头单位: "县科技局、县工信局", 完成时限: "2024年" }],
    ]);
  });

  it("keeps a written target of a tab row as text and reads a bare group label row", () => {
    const r = plan(
      [
        "序号\t指标名称\t单位\t2020年\t2025年\t属性",
        "绿色发展",
        "1\t森林覆盖率\t%\t58.3\t达到省定目标\t约束性",
        "2\t主要污染物排放总量减少\t吨\t1200\t完成省下达任务\t约束性",
      ].join("\n"),
    );
    expect(rowsOf(r).map((x) => [x.category, x.name, x.baseline, x.target, x.targetText])).toEqual([
      ["绿色发展", "森林覆盖率", 58.3, null, "达到省定目标"],
      ["绿色发展", "主要污染物排放总量减少", 1200, null, "完成省下达任务"],
    ]);
    expect(rowsOf(r)[1]?.direction).toBe("DECREASE");
  });

  it("reads cells separated by two or more spaces (a PDF line), names with single spaces kept", () => {
    const r = plan(
      [
        "序号   指标名称              单位     2020 年    2025 年",
        "1      单位 GDP 能耗降低      %        3          〔13.5〕",
        "2      R&D 经费支出           万元     7529.2     30000",
      ].join("\n"),
    );
    expect(rowsOf(r).map(brief)).toEqual([
      [1, "单位 GDP 能耗降低", "%", 3, 13.5, null],
      [2, "R&D 经费支出", "万元", 7529.2, 30000, null],
    ]);
  });
});

describe("year columns (indicators by row, years by column)", () => {
  it("reads the first year as the baseline, the last as the target, the rest as values", () => {
    const r = plan(
      [
        "指标\t2021\t2022\t2023\t2024\t2025",
        "研发投入强度（%）\t1.3\t1.6\t1.9\t2.2\t2.5",
        "高新技术企业数（家）\t12\t15\t—\t24\t30",
      ].join("\n"),
    );
    const t = r.indicatorTables[0];
    expect(t).toMatchObject({ baselineYear: 2021, targetYear: 2025 });
    expect(rowsOf(r).map((x) => [x.name, x.unit, x.baseline, x.target])).toEqual([
      ["研发投入强度", "%", 1.3, 2.5],
      ["高新技术企业数", "家", 12, 30],
    ]);
    expect(rowsOf(r)[1]?.values?.map((v) => v.value)).toEqual([12, 15, null, 24, 30]);
  });

  it("warns about a table with one row per year and invents nothing", () => {
    const r = plan(
      [
        "年份 研发投入强度 高新技术企业数 技术合同成交额",
        "2021 1.3 12 2.6",
        "2022 1.6 15 3.0",
      ].join("\n"),
    );
    expect(r.indicatorTables).toHaveLength(0);
    expect(r.warnings.find((w) => w.code === "TRANSPOSED_INDICATOR_TABLE")?.message).toMatch(
      /第 5–7 行/u,
    );
  });
});

describe("tables that yield no rows are warned about with their lines", () => {
  it("warns for a recognised header whose rows cannot be read", () => {
    const r = plan(
      [
        "序号 指标 单位 2020年 2025年",
        "研发投入强度达到全省平均水平",
        "高新技术企业数量翻一番",
      ].join("\n"),
    );
    const w = r.warnings.find((x) => x.code === "EMPTY_INDICATOR_TABLE");
    expect(w?.line).toBe(5);
    expect(w?.message).toMatch(/第 5–7 行/u);
    // the unreadable lines are not dropped: they stay in the text
    expect(r.nodes.find((n) => n.title === "主要指标")?.body).toContain("翻一番");
  });

  it("does not take a 分工表 header for an indicator table", () => {
    const r = plan(
      [
        "序号 重点任务 牵头单位 配合单位 完成时限",
        "1 推行企业开办一网通办 县市场监管局 县政务服务中心 2023年6月底前",
      ].join("\n"),
    );
    expect(r.indicatorTables).toHaveLength(0);
    expect(codes(r)).not.toContain("EMPTY_INDICATOR_TABLE");
  });

  it("warns for a header-like line no layout reads", () => {
    const r = plan(
      ["指标 单位 属性 备注", "研发投入强度 % 预期性 无", "专利 件 预期性 无"].join("\n"),
    );
    const w = r.warnings.find((x) => x.code === "EMPTY_INDICATOR_TABLE");
    expect(w?.line).toBe(5);
    expect(w?.message).toMatch(/第 5–7 行/u);
  });
});

describe("stays linear on table-shaped input", () => {
  const time = (text: string) => {
    const t0 = performance.now();
    const r = parsePlan(text);
    return { r, ms: performance.now() - t0 };
  };

  it("parses header-like, cell-per-line and tab rows in time proportional to their length", () => {
    const blocks = [
      "指标 单位 属性 备注",
      "序号\n指标\n2020年\n2025年\n1\n研发投入\n1.2\n2.5",
      "序号\t指标\t2020年\t2025年\n1\t研发投入\t1.2\t2.5",
      "一、资源利用",
      "续表",
    ];
    const doc = (n: number) => {
      const lines: string[] = [];
      for (let k = 0; lines.length < n; k++) lines.push(blocks[k % blocks.length] as string);
      return lines.join("\n");
    };
    time(doc(2_000));
    const small = time(doc(4_000));
    const large = time(doc(16_000));
    expect(large.r.warnings.map((w) => w.code)).not.toContain("INTERNAL_ERROR");
    expect(large.r.indicatorTables.length).toBe(3_200);
    // four times the text: linear is ~4x; quadratic would be ~16x
    expect(large.ms).toBeLessThan(small.ms * 9 + 300);
  });

  it("parses 20 000 repeated header-like lines without scanning each time", () => {
    const { r, ms } = time(
      Array.from({ length: 20_000 }, () => "指标名称 单位 属性 备注").join("\n"),
    );
    expect(r.warnings.filter((w) => w.code === "EMPTY_INDICATOR_TABLE").length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(8000);
  });
});

describe("the 息烽县 seed's table in other layouts reads the same", () => {
  const lines = XIFENG.split("\n");
  const original = parsePlan(XIFENG);
  const table = original.indicatorTables[0];
  const rows = table?.rows ?? [];
  const key = (r: ParseResult) =>
    rowsOf(r).map((x) => [x.number, x.name, x.unit, x.baseline, x.target]);
  const cellsOf = (x: IndicatorRow) => [
    String(x.number),
    x.unit ? `${x.name}（${x.unit}）` : x.name,
    x.baselineText,
    x.targetText,
  ];
  /** The seed with its table's lines (header to last row) replaced. */
  const relayout = (tableLines: string[]) => {
    const from = (table?.lineStart ?? 1) + 1; // the line after the title: the header
    const to = table?.lineEnd ?? from;
    return [...lines.slice(0, from - 1), ...tableLines, ...lines.slice(to)].join("\n");
  };

  it("has the seed table to start from", () => {
    expect(rows).toHaveLength(7);
    expect(lines[(table?.lineStart ?? 1) + 1]).toMatch(/^序号 指标/u);
  });

  it.each([
    ["tab cells", ["序号\t指标\t2020年\t2025年目标", ...rows.map((x) => cellsOf(x).join("\t"))]],
    [
      "2+ space cells",
      ["序号   指标   2020 年   2025 年目标", ...rows.map((x) => cellsOf(x).join("    "))],
    ],
    [
      "one cell per line",
      ["序号", "指标", "2020年", "2025年目标", ...rows.flatMap((x) => cellsOf(x))],
    ],
  ])("%s", (_label, tableLines) => {
    const r = parsePlan(relayout(tableLines));
    expect(key(r)).toEqual(key(original));
    expect(r.nodes.map((n) => n.code)).toEqual(original.nodes.map((n) => n.code));
  });
});
