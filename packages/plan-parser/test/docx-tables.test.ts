// Word tables read as tables: .docx files written in the test by the `docx` package (merged cells,
// cells of several paragraphs, a heading right before the table) and by LibreOffice (a seed plan
// and an HTML table converted with `soffice`). LibreOffice must be installed (CI installs
// libreoffice-writer-nogui): without it these tests fail, they never skip.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { afterAll, describe, expect, it } from "vitest";

import { htmlToPlanText } from "../src/docx-text.ts";
import { extractPlanText, parsePlan } from "../src/index.ts";
import { XIFENG } from "./helpers/seeds.ts";
import { soffice } from "./helpers/soffice.ts";

const cell = (text: string | string[], span: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({
    children: (Array.isArray(text) ? text : [text]).map((t) => new Paragraph(t)),
    ...span,
  });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

const wordFile = async (children: (Paragraph | Table)[]): Promise<Uint8Array> =>
  new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));

describe(".docx tables from the docx package", () => {
  it("reads each row as one line of TAB-separated cells, merged cells laid on the grid", async () => {
    const bytes = await wordFile([
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun("某县“十四五”科技创新规划")],
      }),
      new Paragraph("一、主要指标"),
      new Table({
        rows: [
          row(cell("表1 主要指标", { columnSpan: 7 })),
          row(
            cell("类别"),
            cell("序号"),
            cell("指标名称"),
            cell("单位"),
            cell("2020年"),
            cell("2025年"),
            cell("属性"),
          ),
          row(
            cell("创新投入", { rowSpan: 2 }),
            cell("1"),
            cell(["研究与试验发展经费", "投入强度"]),
            cell("%"),
            cell("0.9"),
            cell("2.5"),
            cell("预期性", { rowSpan: 3 }),
          ),
          row(cell("2"), cell("规上企业研发机构数"), cell("个"), cell("12"), cell("30")),
          row(
            cell("创新产出"),
            cell("3"),
            cell("每万人发明专利拥有量"),
            cell("件"),
            cell("1.2"),
            cell("〔3〕"),
          ),
        ],
      }),
      new Paragraph("二、重点任务"),
      new Paragraph("1.培育科技型企业"),
    ]);
    const { text, format } = await extractPlanText(bytes, "plan.docx");
    expect(format).toBe("docx");
    expect(text.split("\n")).toEqual([
      "某县“十四五”科技创新规划",
      "一、主要指标",
      "表1 主要指标",
      "类别\t序号\t指标名称\t单位\t2020年\t2025年\t属性",
      // a category and 属性 merged down the rows are labels: repeated on each row they span
      "创新投入\t1\t研究与试验发展经费 投入强度\t%\t0.9\t2.5\t预期性",
      "创新投入\t2\t规上企业研发机构数\t个\t12\t30\t预期性",
      "创新产出\t3\t每万人发明专利拥有量\t件\t1.2\t〔3〕\t预期性",
      "二、重点任务",
      "1.培育科技型企业",
    ]);
    // the table's cells never glue onto the heading before it
    expect(parsePlan(text).nodes.find((n) => n.code === "一")?.title).toBe("主要指标");
  });

  it("leaves a merged sequence number or sentence empty on the rows below, keeping columns", async () => {
    const bytes = await wordFile([
      new Paragraph("一、重点任务分工"),
      new Table({
        rows: [
          row(cell("序号"), cell("重点任务"), cell("具体措施"), cell("牵头单位")),
          row(
            cell("1", { rowSpan: 2 }),
            cell("优化营商环境，推行企业开办一网通办。", { rowSpan: 2 }),
            cell("压缩开办时间"),
            cell("县市场监管局", { rowSpan: 2 }),
          ),
          row(cell("推行电子营业执照"), cell("")),
        ],
      }),
    ]);
    const { text } = await extractPlanText(bytes, "plan.docx");
    expect(text.split("\n").slice(1)).toEqual([
      "序号\t重点任务\t具体措施\t牵头单位",
      "1\t优化营商环境，推行企业开办一网通办。\t压缩开办时间\t县市场监管局",
      "\t\t推行电子营业执照\t县市场监管局",
    ]);
  });
});

describe(".docx table of contents", () => {
  it("skips Word's 目录 (entry, tab, page number) and reads each heading once", async () => {
    const entry = (title: string, pageNo: number) =>
      new Paragraph({
        children: [new TextRun(title), new TextRun({ children: [new Tab(), String(pageNo)] })],
      });
    const bytes = await wordFile([
      new Paragraph("某县“十四五”科技创新规划"),
      new Paragraph("目录"),
      entry("第一章 发展基础", 1),
      entry("第二章 重点任务", 3),
      new Paragraph("第一章 发展基础"),
      new Paragraph("一、发展成效"),
      new Paragraph("全县研究与试验发展经费投入持续增长。"),
      new Paragraph("第二章 重点任务"),
      new Paragraph("一、培育创新主体"),
      new Paragraph("建立科技型企业培育库，开展精准服务。"),
    ]);
    const { text } = await extractPlanText(bytes, "plan.docx");
    expect(text.split("\n").slice(1, 4)).toEqual([
      "目录",
      "第一章 发展基础 1",
      "第二章 重点任务 3",
    ]);
    const r = parsePlan(text);
    expect(r.nodes.map((n) => n.code)).toEqual(["第一章", "第一章.一", "第二章", "第二章.一"]);
    expect(r.warnings.find((w) => w.code === "TOC_SKIPPED")?.message).toContain("第 2–4 行是目录");
  });
});

describe("htmlToPlanText", () => {
  it("reads a table inside a cell as that cell's text and drops footnote markers", () => {
    const html =
      '<p>一、发展基础<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p>' +
      "<table><tr><td><p>甲</p><table><tr><td>乙</td><td>丙</td></tr></table></td><td>丁&amp;戊</td></tr></table>" +
      "<p>面积 10 km<sup>2</sup></p>" +
      '<ol><li id="footnote-1"><p>注释。 <a href="#footnote-ref-1">↑</a></p></li></ol>';
    expect(htmlToPlanText(html)).toBe("一、发展基础\n甲 乙 丙\t丁&戊\n面积 10 km2");
  });

  it("starts a new line at a line break, except inside a cell", () => {
    const html =
      "<p>一、总体要求<br />坚持创新驱动。</p><table><tr><td>研发<br />投入</td></tr></table>";
    expect(htmlToPlanText(html)).toBe("一、总体要求\n坚持创新驱动。\n研发 投入");
  });
});

describe(".docx files written by LibreOffice", () => {
  const dir = mkdtempSync(join(tmpdir(), "duban-docx-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a seed plan converted from text parses like the text", async () => {
    writeFileSync(join(dir, "xifeng.txt"), XIFENG);
    soffice(dir, [
      "--infilter=Text (encoded):UTF8,LF,,,",
      "--convert-to",
      "docx:MS Word 2007 XML",
      join(dir, "xifeng.txt"),
    ]);
    const { text } = await extractPlanText(readFileSync(join(dir, "xifeng.docx")), "x.docx");
    const got = parsePlan(text);
    const want = parsePlan(XIFENG);
    expect(got.title).toBe(want.title);
    expect(got.nodes.map((n) => `${n.code}|${n.title}`)).toEqual(
      want.nodes.map((n) => `${n.code}|${n.title}`),
    );
    expect(got.indicatorTables.map((t) => t.rows.map((r) => [r.name, r.target]))).toEqual(
      want.indicatorTables.map((t) => t.rows.map((r) => [r.name, r.target])),
    );
    expect(got.boxes.map((b) => b.items.length)).toEqual(want.boxes.map((b) => b.items.length));
    expect(got.candidateTasks.length).toBe(want.candidateTasks.length);
  }, 150_000);

  it("a table with merged cells made by LibreOffice comes out row by row", async () => {
    writeFileSync(
      join(dir, "table.html"),
      `<html><head><meta charset="utf-8"></head><body><p>一、主要指标</p><table border="1">
      <tr><th>类别</th><th>序号</th><th>指标</th><th>2020年</th><th>2025年</th></tr>
      <tr><td rowspan="2">创新投入</td><td>1</td><td>R&amp;D经费投入强度（%）</td><td>0.9</td><td>2.5</td></tr>
      <tr><td>2</td><td>高新技术企业数（家）</td><td>5</td><td>10</td></tr>
      </table><p>二、重点任务</p></body></html>`,
    );
    soffice(dir, [
      "--infilter=HTML (StarWriter)",
      "--convert-to",
      "docx:MS Word 2007 XML",
      join(dir, "table.html"),
    ]);
    const { text } = await extractPlanText(readFileSync(join(dir, "table.docx")), "t.docx");
    expect(text.split("\n")).toEqual([
      "一、主要指标",
      "类别\t序号\t指标\t2020年\t2025年",
      "创新投入\t1\tR&D经费投入强度（%）\t0.9\t2.5",
      "创新投入\t2\t高新技术企业数（家）\t5\t10",
      "二、重点任务",
    ]);
  }, 150_000);
});
