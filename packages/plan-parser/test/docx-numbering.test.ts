// Word's automatic list numbering read into the text: .docx files written in the test by the
// `docx` package (numbering.xml levels with chineseCounting `%1、`, `（%2）`, decimal `%3.`, one
// list instance running through the sections) and by LibreOffice (an HTML page with <ol> lists
// converted with `soffice`). LibreOffice must be installed: without it that test fails, never skips.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  type ILevelsOptions,
} from "docx";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";

import { readListDefinitions, withListNumbers } from "../src/docx-numbering.ts";
import { extractPlanText, parsePlan, type DepartmentDirectoryEntry } from "../src/index.ts";
import { formatListNumber } from "../src/list-format.ts";
import { soffice } from "./helpers/soffice.ts";

const DIRECTORY: DepartmentDirectoryEntry[] = [
  { name: "科学技术局", shortName: "科技局" },
  { name: "市场监督管理局", shortName: "市场监管局" },
  { name: "住房和城乡建设局", shortName: "住建局" },
  { name: "发展和改革局", shortName: "发展改革局", aliases: ["发改局"] },
];

const level = (lvl: number, format: string, text: string): ILevelsOptions => ({
  level: lvl,
  format: format as ILevelsOptions["format"],
  text,
  alignment: AlignmentType.START,
});

/**
 * Headings 一、 / （一） in one list, items 1. in another: the items run 1…N through the sections,
 * as in many 分工方案, because no heading restarts a list it is not part of.
 */
const HEADING_LEVELS = [
  level(0, LevelFormat.CHINESE_COUNTING, "%1、"),
  level(1, LevelFormat.CHINESE_COUNTING, "（%2）"),
];
const ITEM_LEVELS = [level(0, LevelFormat.DECIMAL, "%1.")];

const numbered = (text: string, lvl: number, reference = "headings") =>
  new Paragraph({ text, numbering: { reference, level: lvl } });
const item = (text: string) => numbered(text, 0, "items");

const wordFile = async (
  children: (Paragraph | Table)[],
  headings: ILevelsOptions[] = HEADING_LEVELS,
): Promise<Uint8Array> => {
  const doc = new Document({
    numbering: {
      config: [
        { reference: "headings", levels: headings },
        { reference: "items", levels: ITEM_LEVELS },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
};

const DIVISION = [
  new Paragraph("××县优化营商环境重点任务分工方案"),
  new Paragraph("为持续优化营商环境，结合我县实际，制定本方案。"),
  numbered("重点任务", 0),
  numbered("提升政务服务效能", 1),
  item("推行企业开办一网通办，全程网上办理。（牵头单位：县市场监管局，配合单位：县政务服务中心）"),
  item("压缩工程建设项目审批时限。（牵头单位：县住建局；完成时限：2024年6月底前）"),
  numbered("强化科技支撑", 1),
  item("新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇（街道））"),
  numbered("保障措施", 0),
  item("加强督促检查，定期通报进展。（牵头单位：县发改局；完成时限：每季度）"),
];

describe(".docx automatic list numbering (docx package)", () => {
  it("writes 一、 （一） 1. in front of the numbered paragraphs, running 1…N across sections", async () => {
    const { text } = await extractPlanText(await wordFile(DIVISION), "分工方案.docx");
    expect(text.split("\n")).toEqual([
      "××县优化营商环境重点任务分工方案",
      "为持续优化营商环境，结合我县实际，制定本方案。",
      "一、重点任务",
      "（一）提升政务服务效能",
      "1. 推行企业开办一网通办，全程网上办理。（牵头单位：县市场监管局，配合单位：县政务服务中心）",
      "2. 压缩工程建设项目审批时限。（牵头单位：县住建局；完成时限：2024年6月底前）",
      "（二）强化科技支撑",
      "3. 新增高新技术企业10家。（牵头单位：县科技局；责任单位：各乡镇（街道））",
      "二、保障措施",
      "4. 加强督促检查，定期通报进展。（牵头单位：县发改局；完成时限：每季度）",
    ]);
  });

  it("parses to the tasks in their sections with their lead units", async () => {
    const { text } = await extractPlanText(await wordFile(DIVISION), "分工方案.docx");
    const r = parsePlan(text, { departments: DIRECTORY });
    expect(r.kind).toBe("division");
    const tasks = r.candidateTasks.map((t) => [t.nodeCode, t.leadText]);
    expect(tasks).toEqual([
      ["一.（一）.1", "县市场监管局"],
      ["一.（一）.2", "县住建局"],
      ["一.（二）.3", "县科技局"],
      ["二.4", "县发改局"],
    ]);
  });

  it("keeps one list's items running across subsections when the level is never restarted", async () => {
    // one list 一、/（一）/1.; Word writes w:lvlRestart 0 on the item level (the docx package
    // cannot, so it is added to numbering.xml here)
    const levels = [...HEADING_LEVELS, level(2, LevelFormat.DECIMAL, "%3.")];
    const zip = await JSZip.loadAsync(
      await wordFile(
        [
          numbered("重点任务", 0),
          numbered("提升政务服务效能", 1),
          numbered("推行企业开办一网通办。（牵头单位：县市场监管局）", 2),
          numbered("强化科技支撑", 1),
          numbered("新增高新技术企业10家。（牵头单位：县科技局）", 2),
        ],
        levels,
      ),
    );
    const numberingXml = await zip.file("word/numbering.xml")?.async("string");
    const patched = numberingXml?.replace(
      /(<w:lvl [^>]*w:ilvl="2"[^>]*>)/gu,
      '$1<w:lvlRestart w:val="0"/>',
    );
    expect(patched).not.toBe(numberingXml);
    zip.file("word/numbering.xml", patched ?? "");
    const bytes = new Uint8Array(await zip.generateAsync({ type: "uint8array" }));
    const { text } = await extractPlanText(bytes, "running.docx");
    expect(text.split("\n")).toEqual([
      "一、重点任务",
      "（一）提升政务服务效能",
      "1. 推行企业开办一网通办。（牵头单位：县市场监管局）",
      "（二）强化科技支撑",
      "2. 新增高新技术企业10家。（牵头单位：县科技局）",
    ]);
    const r = parsePlan(text, { departments: DIRECTORY, kind: "division" });
    expect(r.candidateTasks.map((t) => [t.nodeCode, t.leadText])).toEqual([
      ["一.（一）.1", "县市场监管局"],
      ["一.（二）.2", "县科技局"],
    ]);
  });

  it("restarts deeper levels under a new heading and numbers table cells in document order", async () => {
    // a decimal list whose second level restarts under each first-level item; one item in a table
    const levels = [level(0, LevelFormat.DECIMAL, "%1."), level(1, LevelFormat.DECIMAL, "%1.%2")];
    const cell = new TableCell({ children: [numbered("表中的第二项工作", 0)] });
    const bytes = await wordFile(
      [
        numbered("第一项工作", 0),
        numbered("细化措施甲", 1),
        numbered("细化措施乙", 1),
        new Table({ rows: [new TableRow({ children: [cell] })] }),
        numbered("细化措施丙", 1),
        numbered("", 1),
        numbered("细化措施丁", 1),
      ],
      levels,
    );
    const { text } = await extractPlanText(bytes, "list.docx");
    expect(text.split("\n")).toEqual([
      "1. 第一项工作",
      "1.1 细化措施甲",
      "1.2 细化措施乙",
      "2. 表中的第二项工作",
      "2.1 细化措施丙",
      // the empty paragraph is counted (Word shows 2.2 on it) but writes no line
      "2.3 细化措施丁",
    ]);
  });

  it("writes Word's number formats as Word shows them", () => {
    const cases: [number, string, string][] = [
      [1, "chineseCounting", "一"],
      [10, "chineseCounting", "十"],
      [11, "chineseCounting", "十一"],
      [20, "chineseCounting", "二十"],
      [35, "chineseCountingThousand", "三十五"],
      [105, "chineseCounting", "一百〇五"],
      [105, "chineseCountingThousand", "一百零五"],
      [110, "chineseCountingThousand", "一百一十"],
      [3, "ideographTraditional", "丙"],
      [12, "decimalFullWidth", "１２"],
      [3, "decimalEnclosedCircle", "③"],
      [28, "lowerLetter", "bb"],
      [14, "upperRoman", "XIV"],
      [4, "bullet", ""],
    ];
    for (const [n, format, expected] of cases) expect(formatListNumber(n, format)).toBe(expected);
  });

  it("numbers paragraphs through their style, a numbering-style link and a start override", () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const para = (pPr: string, text: string) =>
      `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const numPr = (id: string, ilvl?: number) =>
      `<w:numPr>${ilvl === undefined ? "" : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${id}"/></w:numPr>`;
    const body = [
      para('<w:pStyle w:val="H1"/>', "总体要求"),
      para('<w:pStyle w:val="H2"/>', "指导思想"),
      para('<w:pStyle w:val="H2"/>', "工作目标"),
      para('<w:pStyle w:val="H1"/>', "重点任务"),
      para('<w:pStyle w:val="H2"/>', "优化营商环境"),
      para(numPr("5", 0), "另起一组"),
      para(numPr("5", 0), "继续计数"),
      para('<w:pStyle w:val="H2"/>' + numPr("0"), "不编号的段落"),
    ].join("");
    const doc = `<w:document ${W}><w:body>${body}</w:body></w:document>`;
    const lvl = (i: number, fmt: string, text: string, style?: string) =>
      `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/>` +
      `${style ? `<w:pStyle w:val="${style}"/>` : ""}<w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering =
      `<w:numbering ${W}>` +
      `<w:abstractNum w:abstractNumId="1">${lvl(0, "chineseCounting", "第%1部分", "H1")}` +
      `${lvl(1, "chineseCounting", "（%2）", "H2")}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="PlanList"/></w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="3">${lvl(0, "decimalEnclosedCircle", "%1")}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="2"/></w:num>` +
      `<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>` +
      `<w:num w:numId="5"><w:abstractNumId w:val="3"/>` +
      `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>` +
      `<w:num w:numId="9"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
    const styles =
      `<w:styles ${W}>` +
      `<w:style w:type="numbering" w:styleId="PlanList"><w:pPr>${numPr("9")}</w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="H1"><w:pPr>${numPr("1")}</w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/></w:style></w:styles>`;
    const out = withListNumbers(doc, readListDefinitions(numbering, styles)) ?? "";
    const lines = out.split("</w:p>").map((p) => p.replace(/<[^>]+>/gu, ""));
    expect(lines.filter((l) => l !== "")).toEqual([
      "第一部分 总体要求",
      "（一）指导思想",
      "（二）工作目标",
      "第二部分 重点任务",
      "（一）优化营商环境",
      "⑦ 另起一组",
      "⑧ 继续计数",
      "不编号的段落",
    ]);
  });

  it("leaves paragraphs alone when the numbering they name is not defined", () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const numPr = (id: string) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${id}"/></w:numPr></w:pPr>` +
      `<w:r><w:t>工作</w:t></w:r></w:p>`;
    const doc = `<w:document ${W}><w:body>${numPr("7")}${numPr("0")}${numPr("1")}</w:body></w:document>`;
    const numbering =
      `<w:numbering ${W}><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0">` +
      `<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>` +
      `</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num></w:numbering>`;
    const out = withListNumbers(doc, readListDefinitions(numbering, null));
    expect(out?.match(/<w:t[^>]*>[^<]*<\/w:t>/gu)).toEqual([
      "<w:t>工作</w:t>",
      "<w:t>工作</w:t>",
      '<w:t xml:space="preserve">1) </w:t>',
      "<w:t>工作</w:t>",
    ]);
    // nothing defined at all, or a broken part: no numbers, no error
    expect(withListNumbers(doc, readListDefinitions(null, "<w:styles"))).toBeNull();
    expect(withListNumbers(doc, readListDefinitions("<<<", null))).toBeNull();
  });
});

describe(".docx automatic list numbering (LibreOffice)", () => {
  const dir = mkdtempSync(join(tmpdir(), "duban-docx-numbering-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads <ol> lists converted to Word numbering by soffice", async () => {
    const html = [
      "<html><head><meta charset='utf-8'></head><body>",
      "<p>××县科技创新工作要点</p>",
      "<ol><li>推动创新平台建设。（牵头单位：县科技局）</li>",
      "<li>加快质量基础设施建设。（牵头单位：县市场监管局）</li>",
      "<li>落实研发费用加计扣除政策。（牵头单位：县发改局）</li></ol>",
      "</body></html>",
    ].join("");
    writeFileSync(join(dir, "points.html"), html);
    soffice(dir, ["--convert-to", "docx:MS Word 2007 XML", join(dir, "points.html")]);
    const bytes = new Uint8Array(readFileSync(join(dir, "points.docx")));
    const { text } = await extractPlanText(bytes, "points.docx");
    expect(text.split("\n").slice(1)).toEqual([
      "1. 推动创新平台建设。（牵头单位：县科技局）",
      "2. 加快质量基础设施建设。（牵头单位：县市场监管局）",
      "3. 落实研发费用加计扣除政策。（牵头单位：县发改局）",
    ]);
    const r = parsePlan(text, { departments: DIRECTORY });
    expect(r.candidateTasks.map((t) => t.leadText)).toEqual([
      "县科技局",
      "县市场监管局",
      "县发改局",
    ]);
  }, 120_000);
});
