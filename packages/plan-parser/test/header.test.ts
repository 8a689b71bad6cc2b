// The top of real documents as offices receive them (issue #16, "Title, period, place"): a copy of
// a government web page (navigation, metadata table, 字号/打印 buttons), a 文号, the 印发通知 that
// forwards the document, and the document's own title broken over lines. Texts written for this
// test in the shapes county and city sites publish; each piece alone, then combined.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { extractPlanText, parsePlan, type ParseResult } from "../src/index.ts";
import { chinesePdf } from "./helpers/pdf.ts";
import { docx } from "./helpers/zip.ts";

const NAV = [
  "首页 > 政务公开 > 政策文件",
  "当前位置：首页 > 信息公开 > 规划计划",
  "来源：西丰县人民政府办公室 发布时间：2023-03-01 10:21 浏览次数：1024",
  "字号：大 中 小",
];
const METADATA = [
  "索引号：11211223MB1234567X/2023-00012 主题分类：科技、教育",
  "发文机关：西丰县人民政府办公室 成文日期：2023年03月01日",
  "标题：西丰县人民政府办公室关于印发西丰县“十四五”科技创新规划的通知",
  "发文字号：西政办发〔2023〕2号 发布日期：2023年03月02日",
];
const DOC_NUMBER = "西政办发〔2023〕2号";
const NOTICE = [
  "西丰县人民政府办公室关于印发《西丰县“十四五”科技创新规划》的通知",
  "各乡镇人民政府，县政府各部门，各有关单位：",
  "现将《西丰县“十四五”科技创新规划》印发给你们，请结合实际，认真",
  "贯彻执行。",
  "西丰县人民政府办公室",
  "2023年3月1日",
  "（此件公开发布）",
];
const TITLE = "西丰县“十四五”科技创新规划";
const TITLE_BROKEN = ["西丰县“十四五”", "科技创新规划", "（2021—2025年）"];
const TITLE_THREE = ["西丰县", "“十四五”科技创新", "规划"];
const PREFACE = [
  "为深入实施创新驱动发展战略，根据《西丰县国民经济和社会发展第十四个五年规划和二〇三五年",
  "远景目标纲要》，结合我县实际，制定本规划。",
];
const BODY = [
  "一、发展基础",
  "“十三五”期间，全县科技创新能力明显增强，高新技术企业达到12家。",
  "二、重点任务",
  "（一）培育创新主体",
  "1.实施高新技术企业倍增计划。到2025年，全县高新技术企业达到30家。",
  "2.支持企业建设研发机构。鼓励规模以上工业企业建设研发中心。",
  "（二）强化人才支撑",
  "1.引进高层次人才",
  "围绕主导产业引进急需紧缺人才。",
];
const FOOTER = ["打印本页 关闭窗口"];

const parse = (...parts: (string | string[])[]): ParseResult => parsePlan(parts.flat().join("\n"));
const codes = (r: ParseResult) => r.warnings.map((w) => w.code);
const warning = (r: ParseResult, code: string) => r.warnings.find((w) => w.code === code);

/** What the body must always be, whatever stood above it. */
const expectBodyIntact = (r: ParseResult) => {
  expect(r.nodes.map((n) => n.code)).toEqual([
    "一",
    "二",
    "二.（一）",
    "二.（一）.1",
    "二.（一）.2",
    "二.（二）",
    "二.（二）.1",
  ]);
  expect(r.preface).toBe(
    "为深入实施创新驱动发展战略，根据《西丰县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，结合我县实际，制定本规划。",
  );
};

describe("the document's own title", () => {
  it("a title line alone", () => {
    const r = parse(TITLE, PREFACE, BODY);
    expect(r.title).toBe(TITLE);
    expect(r.jurisdictionName).toBe("西丰县");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
    expect(codes(r)).not.toContain("HEADER_SKIPPED");
    expectBodyIntact(r);
  });

  it("a title broken over two lines, with its period on a third", () => {
    const r = parse(TITLE_BROKEN, PREFACE, BODY);
    expect(r.title).toBe("西丰县“十四五”科技创新规划（2021—2025年）");
    expectBodyIntact(r);
  });

  it("a title broken over three lines", () => {
    const r = parse(TITLE_THREE, PREFACE, BODY);
    expect(r.title).toBe(TITLE);
    expect(r.jurisdictionName).toBe("西丰县");
    expectBodyIntact(r);
  });

  it("letter-spaced lines from a typeset PDF", () => {
    const r = parse(
      "首 页 > 政 务 公 开",
      "西 丰 县 “ 十 四 五 ” 科 技 创 新 规 划",
      PREFACE,
      BODY,
    );
    expect(r.title).toBe(TITLE);
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1 行（网页导航或信息公开栏目）不属于文件正文，已略过",
    );
  });

  it.each([
    ["西丰县科技创新三年行动方案（2023—2025年）", { start: 2023, end: 2025 }],
    ["西丰县关于加快推进科技成果转化的实施意见", null],
    ["西丰县2023年科技工作要点", { start: 2023, end: 2023 }],
    ["西丰县2024年度科技项目计划", { start: 2024, end: 2024 }],
    ["西丰县科技计划项目资金管理办法（试行）", null],
    ["西丰县国民经济和社会发展第十四个五年规划纲要", { start: 2021, end: 2025 }],
    ["西丰县二〇二三年重点任务分工方案", { start: 2023, end: 2023 }],
  ])("accepts %s", (title, period) => {
    const r = parse(title, BODY);
    expect(r.title).toBe(title);
    expect(r.jurisdictionName).toBe("西丰县");
    // the body says 十三五 once: with no period in the title, the text decides
    expect(r.period).toEqual(period ?? { start: 2016, end: 2020 });
  });

  it("a draft's title keeps its status; a 分工 title is a title", () => {
    expect(parse("西丰县“十四五”科技创新规划（征求意见稿）", BODY).title).toBe(
      "西丰县“十四五”科技创新规划（征求意见稿）",
    );
    const r = parse("西丰县2023年《政府工作报告》重点工作任务分工", BODY);
    expect(r.title).toBe("西丰县2023年《政府工作报告》重点工作任务分工");
    expect(r.period).toEqual({ start: 2023, end: 2023 });
  });

  it("a notice forwarding a notice: the innermost document is the title", () => {
    const r = parse(
      "西丰县人民政府办公室关于转发《铁岭市人民政府办公室关于印发〈铁岭市科技创新三年行动方案〉的通知》的通知",
      "各乡镇人民政府，县政府各部门：",
      "现将《铁岭市人民政府办公室关于印发〈铁岭市科技创新三年行动方案〉的通知》转发给你们，请认真贯彻落实。",
      BODY,
    );
    expect(r.title).toBe("铁岭市科技创新三年行动方案");
    expect(r.jurisdictionName).toBe("铁岭市");
  });

  it("keeps a short line that is not a title, and never takes a prose line ending in 规划", () => {
    const r = parse(
      "根据《西丰县国民经济和社会发展第十四个五年规划",
      "纲要》，结合实际，制定本方案。",
      BODY,
    );
    expect(r.title).toBeNull();
    expect(codes(r)).toContain("TITLE_MISSING");
    expect(r.preface).toBe(
      "根据《西丰县国民经济和社会发展第十四个五年规划纲要》，结合实际，制定本方案。",
    );
  });

  it("no title at all: null with TITLE_MISSING, nothing skipped", () => {
    const r = parse(BODY);
    expect(r.title).toBeNull();
    expect(warning(r, "TITLE_MISSING")?.message).toContain("请在导入时填写标题");
    expect(codes(r)).not.toContain("HEADER_SKIPPED");
    expect(r.nodes).toHaveLength(7);
  });
});

describe("what stands above the document is skipped, and said so", () => {
  it("page navigation alone", () => {
    const r = parse(NAV, TITLE, PREFACE, BODY);
    expect(r.title).toBe(TITLE);
    expect(warning(r, "HEADER_SKIPPED")).toEqual({
      code: "HEADER_SKIPPED",
      message: "第 1–4 行（网页导航或信息公开栏目）不属于文件正文，已略过",
      line: 1,
    });
    expectBodyIntact(r);
  });

  it("a 政府信息公开 metadata table alone: its 标题 names the notice, so the forwarded document is the title", () => {
    const r = parse(METADATA, PREFACE, BODY);
    expect(r.title).toBe(TITLE);
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1–4 行（网页导航或信息公开栏目）不属于文件正文，已略过",
    );
    expectBodyIntact(r);
  });

  it("a metadata table copied without colons (label and value in two cells)", () => {
    const r = parse(
      "索引号 11211200/2023-01234",
      "发布机构 西丰县人民政府办公室",
      "生成日期 2023-03-01",
      "标题 西丰县人民政府办公室关于印发西丰县“十四五”科技创新规划的通知",
      "文号 西政办发〔2023〕2号",
      "主题分类 科技",
      TITLE,
      "（2021－2025年）",
      PREFACE,
      BODY,
    );
    expect(r.title).toBe("西丰县“十四五”科技创新规划（2021－2025年）");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1–4 行（网页导航或信息公开栏目）、第 5 行（文号）、第 6 行（网页导航或信息公开栏目）不属于文件正文，已略过",
    );
    expectBodyIntact(r);
  });

  it("a 文号 alone, in its usual forms", () => {
    for (const number of [
      DOC_NUMBER,
      "〔2023〕2号",
      "西府发[2023]15号",
      "铁市政办发（2022）第3号",
    ]) {
      const r = parse(number, TITLE, PREFACE, BODY);
      expect(r.title, number).toBe(TITLE);
      expect(warning(r, "HEADER_SKIPPED")?.message, number).toBe(
        "第 1 行（文号）不属于文件正文，已略过",
      );
      expectBodyIntact(r);
    }
  });

  it("a 印发通知 alone, followed by the document's own title", () => {
    const r = parse(NOTICE, TITLE_BROKEN, PREFACE, BODY);
    expect(r.title).toBe("西丰县“十四五”科技创新规划（2021—2025年）");
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1–7 行（印发通知）不属于文件正文，已略过",
    );
    expect(r.preface).not.toContain("印发给你们");
    expectBodyIntact(r);
  });

  it("a 印发通知 with no title of the document after it: the forwarded document is the title", () => {
    const r = parse(NOTICE, PREFACE, BODY);
    expect(r.title).toBe(TITLE);
    expect(codes(r)).not.toContain("TITLE_MISSING");
    expect(codes(r)).not.toContain("ORPHAN_TEXT");
    expectBodyIntact(r);
  });

  it("a notice title without 《》 broken after the issuer, an annual document, no date line", () => {
    const r = parse(
      "西丰县人民政府办公室",
      "关于印发西丰县2023年科技工作要点的通知",
      "各乡镇人民政府、县直各部门：",
      "现将《西丰县2023年科技工作要点》印发给你们，请认真贯彻执行。",
      BODY,
    );
    expect(r.title).toBe("西丰县2023年科技工作要点");
    expect(r.period).toEqual({ start: 2023, end: 2023 });
    expect(r.jurisdictionName).toBe("西丰县");
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1–4 行（印发通知）不属于文件正文，已略过",
    );
    expect(r.preface).toBe("");
  });

  it("a 转发 notice with its attachment line, issuer and date, then 附件 and the document", () => {
    const r = parse(
      "铁岭市人民政府办公室关于转发《铁岭市科技创新三年行动方案（2023—2025年）》的通知",
      "各县（市）区人民政府，市政府各部门：",
      "经市政府同意，现将《铁岭市科技创新三年行动方案（2023—2025年）》转发给你们，",
      "请认真组织实施。",
      "附件：铁岭市科技创新三年行动方案（2023—2025年）",
      "铁岭市人民政府办公室",
      "二〇二三年四月十日",
      "附件",
      "铁岭市科技创新三年行动方案",
      "（2023—2025年）",
      BODY,
    );
    expect(r.title).toBe("铁岭市科技创新三年行动方案（2023—2025年）");
    expect(r.period).toEqual({ start: 2023, end: 2025 });
    expect(r.jurisdictionName).toBe("铁岭市");
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1–8 行（印发通知）不属于文件正文，已略过",
    );
    expect(r.preface).toBe("");
  });

  it("a red-head document whose title names the issuer", () => {
    const r = parse(
      "西丰县人民政府文件",
      "西政发〔2023〕5号",
      "西丰县人民政府关于加快推进科技创新的实施意见",
      "各乡镇人民政府，县政府各部门：",
      "为加快推进科技创新，现提出如下意见。",
      BODY,
    );
    expect(r.title).toBe("西丰县人民政府关于加快推进科技创新的实施意见");
    expect(r.jurisdictionName).toBe("西丰县");
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1 行（封面或发文机关）、第 2 行（文号）不属于文件正文，已略过",
    );
    // the addressee of the document's own text stays: it is the document's, not a notice's
    expect(r.preface).toBe("各乡镇人民政府，县政府各部门：为加快推进科技创新，现提出如下意见。");
  });

  it("a web page whose heading repeats the title above the document's own title", () => {
    const r = parse(TITLE, NAV.slice(2), TITLE_BROKEN, PREFACE, BODY);
    expect(r.title).toBe(TITLE);
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 2–3 行（网页导航或信息公开栏目）、第 4–6 行（封面或发文机关）不属于文件正文，已略过",
    );
    expectBodyIntact(r);
  });

  it("a cover: issuer and date under the title", () => {
    const r = parse(TITLE_BROKEN, "西丰县科学技术局", "2021年12月", PREFACE, BODY);
    expect(r.title).toBe("西丰县“十四五”科技创新规划（2021—2025年）");
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 4–5 行（封面或发文机关）不属于文件正文，已略过",
    );
    expectBodyIntact(r);
  });

  // the 目录 itself is the table-of-contents reader's concern; here only what the top yields
  it("a cover, a table of contents, then the title again: the title, the cover and the repeat set aside", () => {
    const r = parse(
      "— 1 —",
      TITLE,
      "西丰县科学技术局",
      "2021年12月",
      "目  录",
      "一、发展基础 ………… 1",
      "二、重点任务 ………… 3",
      TITLE_BROKEN,
      PREFACE,
      BODY,
    );
    expect(r.title).toBe(TITLE);
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 3–4 行（封面或发文机关）、第 8–10 行（封面或发文机关）不属于文件正文，已略过",
    );
  });

  it("page chrome after the text: skipped, and the end is not taken for a truncation", () => {
    const r = parse(TITLE, PREFACE, BODY, FOOTER, "【打印】 【关闭】");
    expect(warning(r, "FOOTER_SKIPPED")).toEqual({
      code: "FOOTER_SKIPPED",
      message: "第 13–14 行（网页导航）不属于文件正文，已略过",
      line: 13,
    });
    expect(codes(r)).not.toContain("TRUNCATED_END");
    expect(r.nodes.at(-1)?.body).toBe("围绕主导产业引进急需紧缺人才。");
  });

  it("everything combined: navigation, metadata, 文号, notice, broken title, preface, body, footer", () => {
    const lines = [NAV, METADATA, DOC_NUMBER, NOTICE, TITLE_BROKEN, PREFACE, BODY, FOOTER].flat();
    const r = parsePlan(lines.join("\n"), { jurisdictions: ["铁岭市", "西丰县", "昌图县"] });
    expect(r.title).toBe("西丰县“十四五”科技创新规划（2021—2025年）");
    expect(r.jurisdictionName).toBe("西丰县");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
    expect(warning(r, "HEADER_SKIPPED")?.message).toBe(
      "第 1–8 行（网页导航或信息公开栏目）、第 9 行（文号）、第 10–16 行（印发通知）不属于文件正文，已略过",
    );
    expect(warning(r, "FOOTER_SKIPPED")?.line).toBe(lines.length);
    expect(codes(r)).not.toContain("TRUNCATED_END");
    expect(codes(r)).not.toContain("ORPHAN_TEXT");
    expectBodyIntact(r);
  });
});

describe("any arrangement of what may stand above the document", () => {
  it("finds the same title and keeps the same text (fast-check)", () => {
    const blocks = [
      ...NAV.map((l) => [l]),
      ...METADATA.map((l) => [l]),
      [DOC_NUMBER],
      NOTICE,
      ["西丰县人民政府文件"],
    ];
    const titles: [string[], string][] = [
      [[TITLE], TITLE],
      [TITLE_BROKEN, "西丰县“十四五”科技创新规划（2021—2025年）"],
      [TITLE_THREE, TITLE],
    ];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(blocks),
        fc.constantFrom(...titles),
        fc.boolean(),
        (header, [titleLines, expected], footer) => {
          const r = parse(...header, titleLines, PREFACE, BODY, footer ? FOOTER : []);
          expect(r.title).toBe(expected);
          expect(r.jurisdictionName).toBe("西丰县");
          expect(r.period).toEqual({ start: 2021, end: 2025 });
          expect(codes(r).includes("HEADER_SKIPPED")).toBe(header.length > 0);
          expect(codes(r).includes("FOOTER_SKIPPED")).toBe(footer);
          expectBodyIntact(r);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("from real files", () => {
  const lines = [NAV, DOC_NUMBER, NOTICE, TITLE_BROKEN, PREFACE, BODY, FOOTER].flat();
  it.each([
    ["notice.docx", docx(lines)],
    ["notice.pdf", chinesePdf(lines)],
  ])("%s: the same title and text as the plain text", async (name, bytes) => {
    const { text } = await extractPlanText(bytes, name);
    const r = parsePlan(text);
    expect(r.title).toBe("西丰县“十四五”科技创新规划（2021—2025年）");
    expect(r.jurisdictionName).toBe("西丰县");
    expect(r.period).toEqual({ start: 2021, end: 2025 });
    expect(codes(r)).toContain("HEADER_SKIPPED");
    expect(codes(r)).toContain("FOOTER_SKIPPED");
    expectBodyIntact(r);
  });
});
