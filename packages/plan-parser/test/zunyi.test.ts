// Golden test: 遵义市 seed. Expected values were read off the seed text by hand, not printed from the parser.
import { describe, expect, it } from "vitest";

import { parsePlan, type ParseResult } from "../src/index.ts";
import { ZUNYI } from "./helpers/seeds.ts";

const r: ParseResult = parsePlan(ZUNYI);
const node = (code: string) => r.nodes.find((n) => n.code === code);

describe("遵义市 seed", () => {
  it("takes the title from the preface, and finds place and period", () => {
    expect(r.title).toBe("遵义市“十四五”科技创新发展规划");
    expect(r.warnings.map((w) => w.code)).toContain("TITLE_FROM_TEXT");
    expect(r.warnings.map((w) => w.code)).not.toContain("ORPHAN_TEXT");
    expect(r.preface).toMatch(/^“十四五”时期是我国全面建成小康社会/u);
    expect(r.preface).toMatch(/是推动遵义市科技创新发展的行动指南。$/u);
    expect(r.jurisdictionName).toBe("遵义市");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
  });

  it("counts 4 parts, 13 chapters, 47 sections, 13 items, 13 boxes", () => {
    // 1,878 newlines; the last line holds only spaces, so there are 1,879 lines.
    expect(r.stats).toMatchObject({
      lines: 1879,
      parts: 4,
      chapters: 13,
      sections: 47,
      subsections: 0,
      items: 13,
      boxes: 13,
      boxItems: 117,
      indicators: 13,
    });
    const chapters = r.nodes.filter((n) => n.kind === "chapter");
    expect(chapters.map((c) => c.number)).toEqual([
      "第一章",
      "第二章",
      "第三章",
      "第四章",
      "第五章",
      "第六章",
      "第七章",
      "第八章",
      "第九章",
      "第十章",
      "第十一章",
      "第十二章",
      "第十三章",
    ]);
    const sectionsPerChapter = chapters.map(
      (c) => r.nodes.filter((n) => n.kind === "section" && n.parentCode === c.code).length,
    );
    expect(sectionsPerChapter).toEqual([5, 4, 3, 2, 3, 5, 7, 4, 5, 3, 0, 3, 3]);
    expect(chapters.map((c) => c.parentCode)).toEqual([
      "第一部分",
      "第一部分",
      "第二部分",
      "第二部分",
      "第二部分",
      "第三部分",
      "第三部分",
      "第三部分",
      "第三部分",
      "第三部分",
      "第三部分",
      "第四部分",
      "第四部分",
    ]);
    expect(r.nodes.filter((n) => n.kind === "item").map((n) => n.title)).toEqual([
      "酒",
      "茶",
      "辣椒",
      "果蔬",
      "中药材",
      "畜牧",
      "高端装备",
      "数字新基建",
      "新材料",
      "清洁高效能源与资源综合利用",
      "现代生物制药与中草药",
      "生产性服务业",
      "大数据与实体经济深度融合",
    ]);
  });

  it("rejoins 二、基本原 … 则 and gives the text in between back to 一、指导思想", () => {
    expect(node("第一部分.第二章.二")).toMatchObject({ title: "基本原则", lineStart: 231 });
    expect(node("第一部分.第二章.一")?.body).toMatch(/^全面贯彻党的十九大和十九届历次全会精神/u);
    expect(node("第一部分.第二章.一")?.body).toMatch(/美丽幸福新遵义提供科技支撑。$/u);
    expect(node("第一部分.第二章.二")?.body).toMatch(/^以重大需求作为战略任务。/u);
    expect(node("第一部分.第二章.二")?.body).not.toContain("指导");
    expect(r.warnings.find((w) => w.code === "HEADING_REJOINED")?.line).toBe(257);
  });

  it("reassembles the indicator table split by a heading and prose, value by value", () => {
    expect(r.indicatorTables).toHaveLength(1);
    const t = r.indicatorTables[0];
    expect(t).toMatchObject({
      title: null,
      nodeCode: "第一部分.第二章.三",
      baselineYear: 2020,
      targetYear: 2025,
      headers: ["序号", "指标", "2020年", "2025年"],
      lineStart: 345,
      lineEnd: 398,
    });
    expect(
      t?.rows.map((x) => [
        x.number,
        x.name,
        x.unit,
        x.baseline,
        x.target,
        x.baselineText,
        x.targetText,
      ]),
    ).toEqual([
      [1, "全社会研究与发展经费投入占 GDP 比重", "%", 0.5, 1.2, "0.5", "1.2"],
      [2, "财政科技经费占财政总支出比重", "%", 1.47, 3, "1.47", "3"],
      [3, "国家级重点实验室", "个", 1, 2, "1", "2"],
      [4, "省级重点实验室和工程技术研究中心", "个", 25, 30, "25", "30"],
      [5, "科技创新平台", "个", 263, 300, "263", "300"],
      [6, "高新技术企业", "家", 212, 400, "212", "400"],
      [7, "高新技术企业营业收入", "亿元", 406, 1000, "406", "1000"],
      [8, "科技型企业", "家", 300, 500, "300", "500"],
      [9, "创新人才团队", "个", 70, 100, "70", "100"],
      [10, "省级以上科技人才", "人", 160, 300, "160", "300"],
      [11, "有效发明专利拥有量", "件/万人", 2.99, 4, "2.99", "4"],
      [12, "蓉渝筑与遵义市企业技术合同成交金额", "亿元", null, 50, "-", "50"],
      [13, "蓉渝筑企业协同科技创新中心", "个", 1, 10, "1", "10"],
    ]);
    expect(t?.rows.map((x) => x.line)).toEqual([
      347, 349, 351, 353, 382, 384, 386, 388, 390, 392, 394, 396, 398,
    ]);
    expect(r.warnings.find((w) => w.code === "TABLE_CONTINUED")?.line).toBe(382);
    expect(r.warnings.map((w) => w.code)).not.toContain("MISSING_TABLE_ROW");
    // The rows pasted into 四、科技创新总体部署 are gone and the broken sentence is whole again.
    const deploy = node("第一部分.第二章.四")?.body ?? "";
    expect(deploy).toContain("多品种高端特种装备批量制造、大数据文化旅游等产业。");
    expect(deploy).not.toMatch(/科技创新平台（个）|263/u);
  });

  it("reads all 13 专栏 and splits their prose lists", () => {
    expect(r.boxes.map((b) => [b.code, b.parentCode, b.items.length])).toEqual([
      ["专栏5-1", "第二部分.第三章.一.1", 19],
      ["专栏5-2", "第二部分.第三章.一.2", 6],
      ["专栏5-3", "第二部分.第三章.一.3", 11],
      ["专栏5-4", "第二部分.第三章.一.4", 1],
      ["专栏5-5", "第二部分.第三章.一.5", 3],
      ["专栏5-6", "第二部分.第三章.一.6", 15],
      ["专栏5-7", "第二部分.第三章.二.1", 10],
      ["专栏5-8", "第二部分.第三章.二.2", 2],
      ["专栏5-9", "第二部分.第三章.二.3", 19],
      ["专栏5-10", "第二部分.第三章.二.4", 5],
      ["专栏5-11", "第二部分.第三章.二.5", 18],
      ["专栏5-12", "第二部分.第三章.三.1", 4],
      ["专栏5-13", "第二部分.第三章.三.2", 4],
    ]);
    expect(r.boxes[0]).toMatchObject({ title: "酒科技发展重点", number: "5-1", lineStart: 476 });
    expect(r.boxes[0]?.items[0]).toMatchObject({
      code: "专栏5-1.a1",
      number: null,
      title: "白酒生产微生物多样性与微生态环境研究",
    });
    expect(r.boxes[9]?.title).toBe("清洁高效能源与资源综合利用科技发展重点");
    // A box ends where the next numbered item starts: "2.茶" is not part of 专栏 5-1.
    expect(node("第二部分.第三章.一.2")?.lineStart).toBeGreaterThan(
      r.boxes[0]?.lineEnd ?? Infinity,
    );
  });

  it("drops the figure's stray labels and keeps 表 3.1 as raw rows", () => {
    expect(r.warnings.find((w) => w.code === "FIGURE_REMOVED")?.line).toBe(1151);
    const body = node("第三部分.第六章.一")?.body ?? "";
    expect(body).toContain("瞄准产业前端研发、中端中试、后端产业化");
    expect(body).not.toContain("遵渝创新区");
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]).toMatchObject({
      title: "表 3.1 开放式蓉渝筑融合创新基地",
      nodeCode: "第三部分.第六章.二",
      lineStart: 1196,
    });
    expect(r.tables[0]?.rows).toContainEqual([
      "工业科技",
      "成都重点合作区域：电子信息产业生态",
      "将遵义的航空航天、装备制造、电子",
    ]);
    expect(node("第三部分.第六章.二")?.body).not.toContain("外延路径");
  });

  it("checks prose figures against the table without crying wolf", () => {
    const lines = r.warnings.filter((w) => w.code === "PROSE_TABLE_MISMATCH").map((w) => w.line);
    // 2.98 vs 2.99 件/万人 and 295 vs 263 platforms are real disagreements in the source.
    expect(lines).toEqual([79, 117]);
  });

  it("suggests tasks from the task chapters, boxes and the 保障 part only", () => {
    const tasks = r.candidateTasks;
    expect(tasks.some((t) => t.nodeCode.startsWith("第一部分.第一章"))).toBe(false);
    expect(tasks.map((t) => t.nodeCode)).not.toContain("第一部分.第二章.一");
    expect(tasks.map((t) => t.nodeCode)).not.toContain("第一部分.第二章.三");
    expect(tasks.map((t) => t.nodeCode)).toContain("第一部分.第二章.四");
    expect(tasks.map((t) => t.nodeCode)).toContain("第三部分.第十一章");
    expect(tasks.filter((t) => t.kind === "boxItem")).toHaveLength(117);
    expect(tasks.filter((t) => t.kind === "measure")).toHaveLength(6);
    expect(tasks.find((t) => t.nodeCode === "第三部分.第八章.二")?.suggestedLead).toBe(
      "人力资源和社会保障局",
    );
    expect(tasks.find((t) => t.nodeCode === "第四部分.第十三章.三")?.suggestedPhase).toBe(
      "MIDTERM",
    );
  });
});
