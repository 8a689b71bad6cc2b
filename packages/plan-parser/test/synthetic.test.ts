// An unseen plan (龙里县, written for this test) in the same conventions, with its own damage:
// a title block, 第X章 without parts, a table with 类别/单位/属性 columns split by prose and a page
// number, a row wrapped over two lines, 〔累计〕 targets, a wrapped heading, "（1）" box items,
// a 专栏 without colon listing short lines, and a truncated end.
import { describe, expect, it } from "vitest";

import { parsePlan } from "../src/index.ts";
import { LONGLI } from "./helpers/seeds.ts";

const r = parsePlan(LONGLI);
const node = (code: string) => r.nodes.find((n) => n.code === code);

describe("龙里县 synthetic plan", () => {
  it("reads the title block", () => {
    expect(r.title).toBe("龙里县“十四五”科技创新规划（2021—2025年）");
    expect(r.jurisdictionName).toBe("龙里县");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
    expect(r.preface).toMatch(/^为全面贯彻落实创新驱动发展战略.*制定本规划。$/u);
    expect(r.warnings.map((w) => w.code)).not.toContain("ORPHAN_TEXT");
  });

  it("builds the exact tree", () => {
    expect(
      r.nodes.filter((n) => n.kind !== "boxItem").map((n) => `${n.kind}:${n.code}:${n.title}`),
    ).toEqual([
      "chapter:第一章:发展基础与形势",
      "section:第一章.一:“十三五”发展成效",
      "section:第一章.二:面临形势",
      "chapter:第二章:总体要求",
      "section:第二章.一:指导思想",
      "section:第二章.二:发展目标",
      "chapter:第三章:主要任务",
      "section:第三章.一:壮大创新主体",
      "subsection:第三章.一.（一）:培育科技型企业",
      "item:第三章.一.（一）.1:实施高新技术企业倍增计划",
      "item:第三章.一.（一）.2:支持企业建设研发机构",
      "subsection:第三章.一.（二）:加快推动科技成果转移转化和技术市场体系建设工作机制",
      "item:第三章.一.（二）.1:建设技术转移服务平台",
      "box:专栏3-1:科技成果转化重点工程",
      "section:第三章.二:强化人才支撑",
      "subsection:第三章.二.（一）:引进高层次人才",
      "box:专栏2:科技人才引育工程",
      "subsection:第三章.二.（二）:加强科普工作",
      "section:第三章.三:推进农业科技创新",
      "subsection:第三章.三.（一）:发展现代山地特色农业",
      "box:专栏3-3:农业科技示范工程",
      "chapter:第四章:保障措施",
      "section:第四章.一:加强组织领导",
      "section:第四章.二:加大科技投入",
      "section:第四章.三:强化监测评估",
    ]);
    expect(r.stats).toMatchObject({
      parts: 0,
      chapters: 4,
      sections: 10,
      subsections: 5,
      items: 3,
      boxes: 3,
      boxItems: 9,
      indicators: 6,
    });
    expect(node("第三章.一.（一）.1")?.body).toMatch(/^建立高新技术企业培育库/u);
    expect(node("第三章.一.（二）")).toMatchObject({ lineStart: 50 });
    // "较 / 2015 年增长" and "合同 / 1.2 亿元" are wrapped prose, not headings.
    expect(node("第一章.一")?.body).toContain("2015 年增长 3 倍");
    expect(node("第一章.一")?.body).toContain("1.2 亿元。");
  });

  it("parses the indicator table with category, unit and nature columns", () => {
    const t = r.indicatorTables[0];
    expect(r.indicatorTables).toHaveLength(1);
    expect(t).toMatchObject({
      title: "表 1 龙里县“十四五”科技创新主要指标",
      nodeCode: "第二章.二",
      baselineYear: 2020,
      targetYear: 2025,
      lineStart: 29,
      lineEnd: 40,
    });
    expect(t?.headers).toEqual(["类别", "序号", "指标名称", "单位", "2020年", "2025年", "属性"]);
    expect(
      t?.rows.map((x) => [
        x.number,
        x.category,
        x.name,
        x.unit,
        x.baseline,
        x.target,
        x.targetText,
        x.nature,
        x.direction,
        x.cumulative,
        x.line,
      ]),
    ).toEqual([
      [
        1,
        "创新投入",
        "研究与试验发展经费投入强度",
        "%",
        0.9,
        1.5,
        "1.5",
        "EXPECTED",
        "INCREASE",
        false,
        31,
      ],
      [
        2,
        "创新投入",
        "财政科技支出占一般公共预算支出比重",
        "%",
        1.1,
        2,
        "2.0",
        "EXPECTED",
        "INCREASE",
        false,
        32,
      ],
      [3, "创新主体", "高新技术企业数", "家", 12, 30, "30", "EXPECTED", "INCREASE", false, 33],
      [
        4,
        "创新主体",
        "万人高价值发明专利拥有量",
        "件/万人",
        0.5,
        1.2,
        "1.2",
        "EXPECTED",
        "INCREASE",
        false,
        34,
      ],
      [
        5,
        "创新主体",
        "技术合同成交额",
        "亿元",
        null,
        15,
        "〔15〕",
        "EXPECTED",
        "INCREASE",
        true,
        39,
      ],
      [
        6,
        "创新主体",
        "单位地区生产总值能耗",
        "吨标准煤/万元",
        0.62,
        0.55,
        "0.55",
        "BINDING",
        "DECREASE",
        false,
        40,
      ],
    ]);
    expect(node("第二章.二")?.body).toContain("当前全县创新主体数量偏少");
  });

  it("reads numbered, marked and short-line 专栏", () => {
    expect(r.boxes.map((b) => [b.code, b.parentCode, b.items.map((i) => i.title)])).toEqual([
      [
        "专栏3-1",
        "第三章.一.（二）.1",
        ["科技成果登记服务工程", "知识产权质押融资工程", "技术经纪人培育工程"],
      ],
      [
        "专栏2",
        "第三章.二.（一）",
        ["“黔南英才”计划", "科技特派员服务行动", "乡村振兴实用人才培训"],
      ],
      [
        "专栏3-3",
        "第三章.三.（一）",
        [
          "刺梨良种繁育与精深加工技术示范",
          "茶园绿色防控与机械化采摘示范",
          "蔬菜集约化育苗与冷链物流技术示范",
        ],
      ],
    ]);
    expect(r.boxes[0]?.items.map((i) => i.code)).toEqual([
      "专栏3-1.（1）",
      "专栏3-1.（2）",
      "专栏3-1.（3）",
    ]);
    expect(r.boxes[1]?.items.map((i) => i.code)).toEqual(["专栏2.a1", "专栏2.a2", "专栏2.a3"]);
  });

  it("warns about the prose figure, the split table and the truncated end", () => {
    const codes = r.warnings.map((w) => `${w.code}@${w.line ?? ""}`);
    expect(codes).toEqual(["PROSE_TABLE_MISMATCH@9", "TABLE_CONTINUED@39", "TRUNCATED_END@87"]);
  });

  it("suggests tasks with departments and phases", () => {
    const byCode = new Map(r.candidateTasks.map((t) => [t.nodeCode, t]));
    expect([...byCode.keys()].some((c) => c.startsWith("第一章") || c.startsWith("第二章"))).toBe(
      false,
    );
    expect(byCode.get("专栏3-1.（2）")?.suggestedLead).toBe("市场监督管理局");
    expect(byCode.get("第四章.一")).toMatchObject({
      kind: "measure",
      suggestedLead: "科学技术局",
      suggestedPhase: "LAUNCH",
    });
    expect(byCode.get("第四章.三")).toMatchObject({ kind: "measure", suggestedPhase: "MIDTERM" });
    expect(byCode.get("第三章.二.（二）")?.suggestedLead).toBe("科学技术协会");
    expect(byCode.get("第三章.三.（一）")?.suggestedLead).toBe("农业农村局");
    expect(r.candidateTasks.filter((t) => t.kind === "boxItem")).toHaveLength(9);
  });
});
