// Issue 16's acceptance for PDFs: each seed plan typeset by pdfkit with a real CJK font, at 0, 1, 2
// and 4 pt of letter spacing, with quotes in a second font drawn before the rest of the line, a
// running title and `— n —` on every page, parses to the same structure as its .txt.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, describe, expect, it } from "vitest";

import { extractPlanText, parsePlan, type ParseResult } from "../src/index.ts";
import { pdfText, type PdfTextItem } from "../src/pdf-lines.ts";
import { XIFENG, ZUNYI } from "./helpers/seeds.ts";
import { soffice } from "./helpers/soffice.ts";
import { typesetPdf } from "./helpers/typeset.ts";

const shape = (r: ParseResult) => ({
  title: r.title,
  period: r.period,
  nodes: r.nodes.map((n) => `${n.code}|${n.kind}|${n.title}|${n.parentCode ?? ""}`),
  // bodies without whitespace: the .txt has `2020 年` where a PDF may give `2020年`
  bodies: r.nodes.map((n) => n.body.replace(/\s+/gu, "")),
  rows: r.indicatorTables.map((t) =>
    t.rows.map((row) => [
      row.name,
      row.unit,
      row.baselineText,
      row.targetText,
      row.baseline,
      row.target,
      row.direction,
    ]),
  ),
  boxes: r.boxes.map((b) => `${b.code}|${b.title}|${b.items.map((i) => i.title).join("/")}`),
  tasks: r.candidateTasks.map((t) => t.nodeCode),
});

const SEEDS = [
  ["息烽县", XIFENG],
  ["遵义市", ZUNYI],
] as const;

describe("a seed plan typeset as a PDF parses like its .txt", () => {
  for (const [name, seed] of SEEDS) {
    const want = shape(parsePlan(seed));
    for (const letterSpacing of [0, 1, 2, 4]) {
      it(`${name}, ${letterSpacing} pt letter spacing`, async () => {
        const pdf = await typesetPdf(seed.split("\n"), {
          letterSpacing,
          header: `${name}科技局印发 内部资料`,
        });
        const { text, format } = await extractPlanText(pdf, "plan.pdf");
        expect(format).toBe("pdf");
        // the running title and the page footers are gone, not glued into the text
        expect(text).not.toMatch(/— \d+ —/u);
        expect(text).not.toContain("内部资料");
        expect(shape(parsePlan(text))).toEqual(want);
      }, 60_000);
    }
  }
});

describe("a seed plan printed to PDF by LibreOffice parses like its .txt", () => {
  const dir = mkdtempSync(join(tmpdir(), "duban-pdf-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("息烽县, justified with 2 pt letter spacing", async () => {
    const escape = (s: string) => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;");
    const paragraphs = XIFENG.split("\n")
      .filter((l) => l.trim() !== "")
      .map(
        (l) =>
          `<p style="text-align:justify;letter-spacing:2pt;font-size:8pt;margin:0">${escape(l)}</p>`,
      );
    writeFileSync(
      join(dir, "xifeng.html"),
      `<html><head><meta charset="utf-8"></head><body>${paragraphs.join("")}</body></html>`,
    );
    soffice(dir, ["--infilter=HTML (StarWriter)", "--convert-to", "pdf", join(dir, "xifeng.html")]);
    const bytes = new Uint8Array(readFileSync(join(dir, "xifeng.pdf")));
    // LibreOffice really spaced the glyphs: pdf.js's own text reads 为 深 入 贯 彻
    const raw = await extractText(await getDocumentProxy(bytes.slice()), { mergePages: true });
    expect(raw.text).toContain("为 深 入 贯 彻");
    const { text } = await extractPlanText(bytes, "plan.pdf");
    expect(text.split("\n")[0]).toBe("为深入贯彻党的二十大及十九大和十九届历次全会精");
    expect(shape(parsePlan(text))).toEqual(shape(parsePlan(XIFENG)));
  }, 150_000);
});

/** An item as pdf.js gives it: text, font size `size`, baseline `y`, starting at `x`. */
const item = (str: string, x: number, y: number, width: number, size = 10): PdfTextItem => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width,
});
const page = (items: PdfTextItem[]) => [{ items, top: 800, bottom: 0 }];

describe("pdfText: lines from glyph positions", () => {
  it("drops letter spacing inside words and numbers, keeps the gaps between columns", () => {
    // 2 pt of letter spacing at 10 pt: pdf.js writes a space between every two glyphs
    const line = [
      item("第 一 部 分", 60, 700, 46),
      item("发 展 基 础", 116, 700, 46),
      item("7 5 2 9 . 2", 200, 680, 35),
      item("3 0 0 0 0", 260, 680, 35),
    ];
    expect(pdfText(page(line))).toBe("第一部分 发展基础\n7529.2\t30000");
  });

  it("reads a line spaced so widely that every glyph is an item of its own", () => {
    // 8 pt between 10 pt glyphs; a word space adds 4 pt more before "5G"
    const glyphs = [..."建设基站"].map((g, i) => item(g, 60 + i * 18, 700, 10));
    const line = [...glyphs, item("5", 144, 700, 5.5), item("G", 157.5, 700, 6)];
    expect(pdfText(page(line))).toBe("建设基站 5G");
  });

  it("separates table columns, 2 em or more apart, with a TAB", () => {
    const row = [
      item("1", 60, 700, 5),
      item("R&D经费支出（万元）", 90, 700, 95),
      item("7529.2", 220, 700, 30),
      item("30000", 280, 700, 25),
      item("预期性", 330, 700, 30),
    ];
    expect(pdfText(page(row))).toBe("1\tR&D经费支出（万元）\t7529.2\t30000\t预期性");
  });

  it("keeps word spaces in a line without letter spacing", () => {
    expect(pdfText(page([item("1 R&D 经费支出（万元） 7529.2 30000", 60, 700, 200)]))).toBe(
      "1 R&D 经费支出（万元） 7529.2 30000",
    );
  });

  it("puts quotes drawn by a second font, before the line, back where they stand", () => {
    const items = [
      item("“", 80, 702, 3.3),
      item("”“", 143.3, 702, 6.7),
      item("”", 210, 702, 3.3),
      item("围绕 汇川娄山天麻", 60, 700, 83.3),
      item("赤水金钗石斛 等特色", 150, 700, 93.3),
    ];
    expect(pdfText(page(items))).toBe("围绕“汇川娄山天麻”“赤水金钗石斛”等特色");
  });

  it("reads a heading drawn twice for fake bold once", () => {
    const items = [item("第一章 总则", 60, 700, 55), item("第一章 总则", 60.3, 700, 55)];
    expect(pdfText(page(items))).toBe("第一章 总则");
  });

  it("keeps a watermark out of the lines, and drops it when every page has it", () => {
    const diagonal = (str: string, x: number, y: number): PdfTextItem => ({
      str,
      transform: [30, 30, -30, 30, x, y],
      width: 42,
    });
    const pages = [1, 2, 3].map((n) => ({
      top: 800,
      bottom: 0,
      items: [
        item(`第${n}章 发展基础`, 60, 400, 70),
        diagonal("内", 100, 395),
        diagonal("部", 130, 425),
        item("全县科技投入持续增长。", 60, 380, 110),
      ],
    }));
    expect(pdfText(pages)).toBe(
      "第1章 发展基础\n全县科技投入持续增长。\n第2章 发展基础\n全县科技投入持续增长。\n" +
        "第3章 发展基础\n全县科技投入持续增长。",
    );
    // on one page it is not a watermark: kept, after the page's lines
    expect(pdfText(pages.slice(0, 1))).toBe("第1章 发展基础\n全县科技投入持续增长。\n内\n部");
  });

  it("reads a page whose text runs sideways (a landscape table drawn turned)", () => {
    // the upright layout turned a quarter counter-clockwise: (x, y) → (-y, x)
    const upright = [
      item("表1 主要指标", 60, 500, 60),
      item("1", 60, 480, 5),
      item("R&D经费支出（万元）", 90, 480, 95),
      item("7529.2", 220, 480, 30),
    ];
    const turned = upright.map((i) => {
      const [s = 10, , , , x = 0, y = 0] = i.transform;
      return { ...i, transform: [0, s, -s, 0, -y, x] };
    });
    expect(pdfText([{ items: turned, top: 600, bottom: 0, left: -800, right: 0 }])).toBe(
      "表1 主要指标\n1\tR&D经费支出（万元）\t7529.2",
    );
  });

  it("orders lines top to bottom whatever the content order", () => {
    const items = [item("二、主要任务", 60, 600, 60), item("一、发展基础", 60, 700, 60)];
    expect(pdfText(page(items))).toBe("一、发展基础\n二、主要任务");
  });

  it("drops a running header and footer repeated on the pages, keeps body lines", () => {
    const pages = [1, 2, 3, 4].map((n) => ({
      top: 800,
      bottom: 0,
      items: [
        item("某县科技创新规划", 60, 780, 80),
        item(`第${n}章 内容`, 60, 700, 60),
        item(`— ${n} —`, 280, 20, 30),
      ],
    }));
    expect(pdfText(pages)).toBe("第1章 内容\n第2章 内容\n第3章 内容\n第4章 内容");
    // on two pages a top line is not furniture
    expect(pdfText(pages.slice(0, 2))).toContain("某县科技创新规划");
  });
});
