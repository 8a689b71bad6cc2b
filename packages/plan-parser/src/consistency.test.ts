import { describe, expect, it } from "vitest";

import { nameScore } from "./consistency.ts";

describe("nameScore: does the phrase before a figure name this indicator?", () => {
  it.each([
    ["R&D 经费支出", "2020 年 R&D 经费内部支出达到"],
    ["万人发明专利拥有量", "万人发明专利拥有量达到"],
    ["有效发明专利拥有量", "万人发明专利拥有量"],
    ["全社会研究与发展经费投入占 GDP 比重", "全社会 R&D 经费投入占 GDP 比重达"],
  ])("%s ← %s", (name, subject) => expect(nameScore(name, subject)).toBeGreaterThan(0));

  it.each([
    ["国家级重点实验室", "市级重点实验室"],
    ["科技型企业", "全市拥有省级科技型企业成长梯队企业"],
    ["有 R&D 活动的企业占比", "财政支出中科学技术支出占公共财政支出比重达到"],
    ["全社会研究与发展经费投入占 GDP 比重", "企业 R&D 经费支出占全社会 R&D经费支出的比重达"],
  ])("%s ↚ %s", (name, subject) => expect(nameScore(name, subject)).toBe(0));
});
