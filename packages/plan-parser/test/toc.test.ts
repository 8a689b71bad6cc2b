// A table of contents at the front of a plan is recognised and skipped (TOC_SKIPPED with its line
// range); the plan's headings are read once, from the text. Constructed texts in the three forms.
import { describe, expect, it } from "vitest";

import { parsePlan } from "../src/index.ts";

const BODY = [
  "第一章 发展基础",
  "一、发展成效",
  "全县研究与试验发展经费投入持续增长，科技创新能力不断增强。",
  "二、面临形势",
  "新一轮科技革命和产业变革深入发展。",
  "第二章 总体要求",
  "一、指导思想",
  "坚持创新在现代化建设全局中的核心地位。",
  "第三章 重点任务",
  "一、培育创新主体",
  "1.培育科技型企业",
  "建立科技型企业培育库，开展精准服务。",
];

const TITLE = ["某县“十四五”科技创新规划", "（2021—2025年）"];

const outline = (text: string) => parsePlan(text).nodes.map((n) => `${n.code}|${n.title}`);

const WANT = outline([...TITLE, ...BODY].join("\n"));

const tocWarning = (text: string) => parsePlan(text).warnings.find((w) => w.code === "TOC_SKIPPED");

describe("table of contents", () => {
  it("the outline without a table of contents is the baseline", () => {
    expect(WANT).toEqual([
      "第一章|发展基础",
      "第一章.一|发展成效",
      "第一章.二|面临形势",
      "第二章|总体要求",
      "第二章.一|指导思想",
      "第三章|重点任务",
      "第三章.一|培育创新主体",
      "第三章.一.1|培育科技型企业",
    ]);
    expect(tocWarning([...TITLE, ...BODY].join("\n"))).toBeUndefined();
  });

  it("skips a 目录 block with dot leaders and page numbers", () => {
    const text = [
      ...TITLE,
      "目  录",
      "第一章 发展基础 ……………………………… 1",
      "一、发展成效 ………………………………… 1",
      "二、面临形势 ………………………………… 3",
      "第二章 总体要求 ……………………………… 5",
      "第三章 重点任务 ……………………………… 7",
      "- 1 -",
      ...BODY,
    ].join("\n");
    expect(outline(text)).toEqual(WANT);
    const w = tocWarning(text);
    expect(w?.line).toBe(3);
    expect(w?.message).toContain("第 3–8 行是目录");
  });

  it("skips leader lines without a 目录 line, in any leader style", () => {
    const text = [
      ...TITLE,
      "第一章 发展基础.................1",
      "第二章 总体要求·················5",
      "第三章 重点任务————————7",
      ...BODY,
    ].join("\n");
    expect(outline(text)).toEqual(WANT);
    expect(tocWarning(text)?.message).toContain("第 3–5 行是目录");
  });

  it("skips a 目录 block of headings with bare page numbers or none", () => {
    const text = [
      ...TITLE,
      "目录",
      "第一章 发展基础 1",
      "第二章 总体要求 5",
      "第三章 重点任务",
      ...BODY,
    ].join("\n");
    expect(outline(text)).toEqual(WANT);
    expect(tocWarning(text)?.message).toContain("第 3–6 行是目录");
  });

  it("skips the heading list repeated at the front without 目录 or page numbers", () => {
    const text = [...TITLE, "第一章 发展基础", "第二章 总体要求", "第三章 重点任务", ...BODY].join(
      "\n",
    );
    expect(outline(text)).toEqual(WANT);
    expect(tocWarning(text)?.message).toContain("第 3–5 行是目录");
  });

  it("leaves a plan that opens with nested headings alone", () => {
    // three headings in a row at the front, none of them repeated later: not a table of contents
    const text = [...TITLE, "第一章 发展基础", "一、发展成效", "（一）科技投入", ...BODY.slice(2)];
    const r = parsePlan(text.join("\n"));
    expect(r.warnings.map((w) => w.code)).not.toContain("TOC_SKIPPED");
    expect(r.nodes.map((n) => n.code).slice(0, 3)).toEqual([
      "第一章",
      "第一章.一",
      "第一章.一.（一）",
    ]);
  });
});
