import { describe, expect, it } from "vitest";

import { matchBox, matchFigureCaption, matchHeading, matchTableCaption } from "./headings.ts";

describe("matchHeading", () => {
  it.each([
    ["第一部分 迈向创新型城市", "part", "第一部分", "迈向创新型城市"],
    [
      "第十一章 促进科技创新与生态环保融合发展",
      "chapter",
      "第十一章",
      "促进科技创新与生态环保融合发展",
    ],
    ["四、主要任务", "section", "四", "主要任务"],
    ["（一）发展基础", "subsection", "（一）", "发展基础"],
    ["(二) 存在问题", "subsection", "（二）", "存在问题"],
    ["1.科技创新取得重要成果", "item", "1", "科技创新取得重要成果"],
    ["4. 清洁高效能源与资源综合利用", "item", "4", "清洁高效能源与资源综合利用"],
  ])("%s", (text, kind, number, title) => {
    expect(matchHeading(text)).toMatchObject({ kind, number, title });
  });

  it("splits a title from the text on the same line", () => {
    expect(matchHeading("1.数字乡村。开展农村水利、公路等基础设施")).toMatchObject({
      title: "数字乡村",
      inlineBody: "开展农村水利、公路等基础设施",
      open: false,
    });
  });

  it.each([
    "2015 年增长 12.38%。",
    "2.52 亿元，较 2015",
    "二、三产业深入融合，",
    "12 位，年度工作",
    "1 R&D 经费支出（万元） 7529.2 30000",
    "一是财政科技投入稳步增加",
  ])("is not fooled by %s", (text) => {
    expect(matchHeading(text)).toBeNull();
  });
});

describe("other line recognisers", () => {
  it("reads 专栏 headings with and without colon", () => {
    expect(matchBox("专栏 5-3：辣椒科技发展重点")).toMatchObject({
      number: "5-3",
      title: "辣椒科技发展重点",
    });
    expect(matchBox("专栏1 科技人才引育工程")).toMatchObject({
      number: "1",
      title: "科技人才引育工程",
    });
    expect(matchBox("专栏３．２：工程")).toMatchObject({ number: "3-2" });
  });

  it("reads captions", () => {
    expect(matchTableCaption("表 3.1 开放式蓉渝筑融合创新基地")).toBe(
      "表 3.1 开放式蓉渝筑融合创新基地",
    );
    expect(matchFigureCaption("图 1 遵义科技协同创新区")).toBe("图 1 遵义科技协同创新区");
    expect(matchTableCaption("表现突出的企业达 12 家。")).toBeNull();
  });
});
