// Golden test: 息烽县 seed. Expected values were read off the seed text by hand, not printed from the parser.
import { describe, expect, it } from "vitest";

import { parsePlan, type ParseResult } from "../src/index.ts";
import { XIFENG } from "./helpers/seeds.ts";

const r: ParseResult = parsePlan(XIFENG);
const node = (code: string) => r.nodes.find((n) => n.code === code);

describe("息烽县 seed", () => {
  it("has no title line, says so, and still finds place and period", () => {
    expect(r.title).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain("TITLE_MISSING");
    expect(r.warnings.find((w) => w.code === "ORPHAN_TEXT")?.line).toBe(1);
    expect(r.preface).toMatch(/^为深入贯彻党的二十大/u);
    expect(r.preface).toMatch(/特制定本规划。$/u);
    expect(r.jurisdictionName).toBe("息烽县");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
  });

  it("counts the structure: 5 sections, 20 subsections, 26 items, no parts or chapters", () => {
    expect(r.stats).toMatchObject({
      lines: 1192,
      parts: 0,
      chapters: 0,
      sections: 5,
      subsections: 20,
      items: 26,
      boxes: 4,
      boxItems: 21,
      indicators: 7,
    });
    expect(r.nodes.filter((n) => n.kind === "section").map((n) => n.title)).toEqual([
      "发展基础与面临形势",
      "总体思路与发展目标",
      "构筑支撑经济社会发展的现代技术体系",
      "主要任务",
      "保障措施",
    ]);
    const subsectionsPerSection = ["一", "二", "三", "四", "五"].map(
      (s) => r.nodes.filter((n) => n.kind === "subsection" && n.parentCode === s).length,
    );
    expect(subsectionsPerSection).toEqual([3, 3, 4, 7, 3]);
  });

  it("gives stable codes, line ranges and clean bodies", () => {
    expect(node("一.（一）.1")).toMatchObject({
      kind: "item",
      title: "科技创新取得重要成果",
      parentCode: "一.（一）",
      lineStart: 39,
    });
    expect(node("四.（六）.3")?.title).toBe("加强知识产权的保护和运用");
    expect(node("四.（六）.3")?.body).toBe(
      "继续实施知识产权优势企业培育工程，培育高价值专利。鼓励企业参与标准制定，推动先进自主专利技术纳入行业、国家或国际标准，形成标准必要专利。积极引导培育具有特色优势资源的农产品、食品、工艺品等申请地理标志。加强知识产权信息公共服务平台建设，推动技术标准与科技创新、产业升级协同发展。",
    );
    // Page number "13" (line 456) dropped, the sentence around it re-joined.
    expect(node("专栏1.2")?.body).toContain("开展种质资源搜集、整理");
    expect(node("专栏1.2")?.body).not.toMatch(/13/u);
    const codes = r.nodes.map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(r.nodes.map((n) => n.order)).toEqual(r.nodes.map((_, i) => i));
  });

  it("moves the paragraph pasted into 五.（二）.1 back to the empty 五.（一）", () => {
    expect(node("五.（一）")?.body).toMatch(/^完善党领导科技工作的体制。/u);
    expect(node("五.（一）")?.body).toMatch(/常态化。$/u);
    expect(node("五.（二）.1")?.body).toMatch(/结合自身实际抓好各项任务的落实。$/u);
    expect(r.warnings.find((w) => w.code === "PARAGRAPH_MOVED")?.line).toBe(1129);
  });

  it("reads every indicator row value by value", () => {
    expect(r.indicatorTables).toHaveLength(1);
    const t = r.indicatorTables[0];
    expect(t).toMatchObject({
      title: "息烽县“十四五”科技创新规划主要目标",
      nodeCode: "二.（三）",
      baselineYear: 2020,
      targetYear: 2025,
      lineStart: 393,
      lineEnd: 409,
    });
    expect(t?.headers).toEqual(["序号", "指标", "2020年", "2025年目标"]);
    const rows = t?.rows.map((x) => [
      x.number,
      x.name,
      x.unit,
      x.baseline,
      x.target,
      x.baselineText,
      x.targetText,
      x.direction,
      x.cumulative,
      x.nature,
    ]);
    expect(rows).toEqual([
      [1, "R&D 经费支出", "万元", 7529.2, 30000, "7529.2", "30000", "INCREASE", false, null],
      [2, "有 R&D 活动的企业占比", "%", 11.6, 20, "11.6", "20", "INCREASE", false, null],
      [3, "万人发明专利拥有量", "件/万人", 2.68, 2.8, "2.68", "2.8", "INCREASE", false, null],
      [4, "高新技术企业数", "个", 5, 10, "5", "10", "INCREASE", false, null],
      [5, "高新技术产业产值", "亿元", 8.42, 20, "8.42", "20", "INCREASE", false, null],
      [6, "技术合同成交额", "亿元", 2.52, 4, "2.52", "4", "INCREASE", false, null],
      [7, "省级以上创新创业平台载体建设", null, 0, 2, "0", "2", "INCREASE", false, null],
    ]);
    expect(t?.rows.map((x) => x.line)).toEqual([397, 399, 401, 403, 405, 407, 409]);
    // The table and its title are not part of the 发展目标 body.
    expect(node("二.（三）")?.body).not.toContain("序号");
    expect(node("二.（三）")?.body).not.toContain("主要目标");
  });

  it("flags 2.77 件/万人 in the prose against the table's 2.68, and nothing else", () => {
    const mismatches = r.warnings.filter((w) => w.code === "PROSE_TABLE_MISMATCH");
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]?.line).toBe(44);
    expect(mismatches[0]?.message).toContain("2.77");
    expect(mismatches[0]?.message).toContain("2.68");
  });

  it("reads every 专栏 with its items", () => {
    expect(r.boxes.map((b) => [b.code, b.title, b.parentCode, b.items.length])).toEqual([
      ["专栏1", "农业现代化科技", "三.（一）", 4],
      ["专栏2", "新型工业化科技", "三.（二）", 7],
      ["专栏3", "现代服务业科技", "三.（三）", 5],
      ["专栏4", "新型城镇化科技", "三.（四）", 5],
    ]);
    expect(r.boxes[0]?.items.map((i) => i.title)).toEqual([
      "数字乡村",
      "种养殖技术",
      "农产品精深加工",
      "农业机械化、信息化",
    ]);
    expect(r.boxes[1]?.items.map((i) => i.title)).toEqual([
      "磷化工",
      "化学药",
      "新型建材",
      "钙产业",
      "装备制造",
      "节能环保",
      "中药民族药",
    ]);
    expect(r.boxes[0]?.items[0]).toMatchObject({ code: "专栏1.1", number: "1", lineStart: 442 });
    expect(node("专栏1")).toMatchObject({ kind: "box", parentCode: "三.（一）" });
    expect(node("专栏1.1")).toMatchObject({ kind: "boxItem", parentCode: "专栏1" });
  });

  it("suggests tasks only outside 发展基础/总体思路 and routes them sensibly", () => {
    const tasks = r.candidateTasks;
    expect(tasks.some((t) => t.nodeCode.startsWith("一.") || t.nodeCode.startsWith("二."))).toBe(
      false,
    );
    expect(tasks.filter((t) => t.kind === "task")).toHaveLength(4 + 17);
    expect(tasks.filter((t) => t.kind === "boxItem")).toHaveLength(21);
    expect(tasks.filter((t) => t.kind === "measure").map((t) => t.nodeCode)).toEqual([
      "五.（一）",
      "五.（二）.1",
      "五.（二）.2",
      "五.（三）.1",
      "五.（三）.2",
    ]);
    const ip = tasks.find((t) => t.nodeCode === "四.（六）.3");
    expect(ip?.suggestedLead).toBe("市场监督管理局");
    expect(ip?.reasons.some((x) => x.includes("关键词“知识产权”"))).toBe(true);
    const talent = tasks.find((t) => t.nodeCode === "四.（四）.2");
    expect([talent?.suggestedLead, ...(talent?.suggestedSupporting ?? [])]).toContain(
      "人力资源和社会保障局",
    );
    // "工信部门牵头" is written in the text: it wins over keyword counts.
    expect(tasks.find((t) => t.nodeCode === "四.（六）.1")).toMatchObject({
      suggestedLead: "工业和信息化局",
      suggestedPhase: "LAUNCH",
    });
    expect(tasks.find((t) => t.nodeCode === "专栏1.1")?.suggestedLead).toBe("农业农村局");
    expect(tasks.find((t) => t.nodeCode === "五.（二）.2")?.suggestedPhase).toBe("MIDTERM");
    for (const t of tasks) expect(t.suggestedSupporting.length).toBeLessThanOrEqual(3);
  });
});
