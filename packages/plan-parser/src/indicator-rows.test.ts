import { describe, expect, it } from "vitest";

import { parseHeader } from "./indicator-header.ts";
import { parseRow, splitUnit } from "./indicator-rows.ts";

describe("indicator rows", () => {
  const plain = parseHeader("序号 指标 2020 年 2025 年目标");
  it("reads header years and columns", () => {
    expect(plain).toMatchObject({
      baselineYear: 2020,
      targetYear: 2025,
      unit: false,
      nature: false,
      category: false,
    });
    expect(parseHeader("全县科技投入持续增长。")).toBeNull();
  });

  it("parses a row with the unit in the name", () => {
    expect(plain && parseRow("3 万人发明专利拥有量（件/万人） 2.68 2.8", plain)).toMatchObject({
      number: 3,
      name: "万人发明专利拥有量",
      unit: "件/万人",
      baseline: 2.68,
      target: 2.8,
    });
    expect(plain && parseRow("12 技术合同成交金额（亿元） - 50", plain)).toMatchObject({
      baseline: null,
      baselineText: "-",
      target: 50,
    });
    expect(plain && parseRow("2015 年增长 12.38%，较上年", plain)).toBeNull();
  });

  it("parses unit, nature and category columns", () => {
    const cols = parseHeader("类别 序号 指标名称 单位 2020年 2025年 属性");
    expect(
      cols && parseRow("绿色发展 7 单位 GDP 能耗降低 % 3 〔13.5〕 约束性", cols),
    ).toMatchObject({
      category: "绿色发展",
      number: 7,
      name: "单位 GDP 能耗降低",
      unit: "%",
      target: 13.5,
      nature: "BINDING",
      direction: "DECREASE",
      cumulative: true,
    });
  });

  it("only treats unit-like parentheses as units", () => {
    expect(splitUnit("规上工业企业（有研发活动）占比")).toEqual({
      name: "规上工业企业（有研发活动）占比",
      unit: null,
    });
    expect(splitUnit("技术合同成交额（累计，亿元）")).toEqual({
      name: "技术合同成交额",
      unit: "累计，亿元",
    });
  });
});
