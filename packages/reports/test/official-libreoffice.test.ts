// The official documents as a real client lays them out (issue #18): each kind is written as
// .docx, converted to PDF by LibreOffice (soffice --headless; it must be installed — the test
// fails, never skips, without it) and read back with pdfjs: A4 and the GB/T 9704 margins, the
// 22 × 28 grid, `— N —` at the outside edge of the foot, and every table cell where it belongs:
// no name column under six characters, no number wrapped, no cell wrapped character by character.
// The PDFs stay in packages/reports/test-artifacts/official-docs/ (gitignored) for a human to look at.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

import { chineseDate } from "@duban/domain/i18n";

import { bulletinOfficialDocument } from "../src/bulletin-docx.ts";
import { evaluationOfficialDocument } from "../src/evaluation-docx.ts";
import { noticeOfficialDocument } from "../src/notice-docx.ts";
import { buildOfficialDocx } from "../src/official/official-docx.ts";
import type { OfficialDocument } from "../src/official/official-types.ts";
import { textWidth } from "../src/official/page-layout.ts";
import { annual, bulletin, final, midterm, notice } from "./official-fixtures.ts";
import { findCells, findLastLine, readPdf, sofficeToPdf, type PdfPage } from "./pdf-layout.ts";

const DIR = resolve(import.meta.dirname, "../test-artifacts/official-docs");
const PT_PER_MM = 72 / 25.4;
const A4 = { width: 210 * PT_PER_MM, height: 297 * PT_PER_MM };
/** the type area's edges in PDF points (origin bottom left) */
const AREA = {
  left: 28 * PT_PER_MM,
  right: (210 - 26) * PT_PER_MM,
  top: (297 - 37) * PT_PER_MM,
  bottom: 35 * PT_PER_MM,
};

const HANGING = /[，。、；：！？）》”’]/;
const HANGING_END = /[，。、；：！？）》”’]$/;

const kinds: Array<[string, () => OfficialDocument]> = [
  ["evaluation-midterm", () => evaluationOfficialDocument(midterm)],
  ["evaluation-final", () => evaluationOfficialDocument(final)],
  ["evaluation-annual", () => evaluationOfficialDocument(annual)],
  ["notice-red", () => noticeOfficialDocument(notice)],
  ["bulletin", () => bulletinOfficialDocument(bulletin)],
];

/** the 3号 body lines of a page: text per baseline */
function bodyLines(page: PdfPage): Array<{ y: number; text: string }> {
  const byY = new Map<number, string>();
  for (const g of page.glyphs.filter((g) => Math.abs(g.size - 16) < 0.5)) {
    const y = Math.round(g.y * 10) / 10;
    byY.set(y, (byY.get(y) ?? "") + g.ch);
  }
  return [...byY.entries()].sort((a, b) => b[0] - a[0]).map(([y, text]) => ({ y, text }));
}

describe("official documents laid out by LibreOffice (GB/T 9704-2012)", () => {
  const docs = new Map<string, OfficialDocument>();
  const pdfs = new Map<string, PdfPage[]>();

  it("converts every kind to PDF (renders kept in test-artifacts/official-docs)", async () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const files: string[] = [];
    for (const [name, make] of kinds) {
      const doc = make();
      docs.set(name, doc);
      const file = join(DIR, `${name}.docx`);
      writeFileSync(file, await buildOfficialDocx(doc));
      files.push(file);
    }
    sofficeToPdf(DIR, files);
    for (const [name] of kinds) pdfs.set(name, await readPdf(join(DIR, `${name}.pdf`)));
    console.log(`official-document PDFs: ${DIR}`);
    expect([...pdfs.keys()]).toEqual(kinds.map(([n]) => n));
  }, 240_000);

  it.each(kinds.map(([n]) => n))(
    "%s: A4, the standard's margins, 22 lines of 28 characters, — N — at the outside edge",
    (name) => {
      const pages = pdfs.get(name)!;
      expect(pages.length).toBeGreaterThan(0);
      for (const [i, page] of pages.entries()) {
        expect(page.width).toBeCloseTo(A4.width, 0);
        expect(page.height).toBeCloseTo(A4.height, 0);
        // (a closing punctuation mark may hang past the last character, 标点悬挂, in Word too)
        const inArea = page.glyphs.filter((g) => g.y > AREA.bottom - 1 && !HANGING.test(g.ch));
        // nothing left of 订口 28 mm or right of the 156 mm type area
        expect(Math.min(...inArea.map((g) => g.x))).toBeGreaterThan(AREA.left - 1.5);
        expect(Math.max(...inArea.map((g) => g.right))).toBeLessThan(AREA.right + 1.5);
        // the first line hangs from 天头 37 mm: a page that starts with text has its first
        // baseline within the first grid line (a page may start with a chart or a table)
        const first = page.glyphs.reduce((a, g) => (g.y > a.y ? g : a));
        expect(first.y).toBeLessThan(AREA.top);
        if (Math.abs(first.size - 16) < 0.5) expect(first.y).toBeGreaterThan(AREA.top - 29);
        // the page number: `— N —` in 4号 under the type area, 7 mm below it or more
        const folio = page.texts.find((t) => /^—\s*\d+\s*—$/.test(t.str.trim()));
        expect(folio?.str.replace(/\s/g, "")).toBe(`—${i + 1}—`);
        expect(folio!.size).toBeCloseTo(14, 0);
        expect(folio!.y).toBeLessThan(AREA.bottom - 7 * PT_PER_MM);
        // 单页码居右空一字, 双页码居左空一字 (one 4号 character in from the edge)
        if (i % 2 === 0) expect(folio!.x + folio!.width).toBeCloseTo(AREA.right - 14, -1);
        else expect(folio!.x).toBeCloseTo(AREA.left + 14, -1);
      }
      const lines = pages.flatMap(bodyLines);
      // 28 characters a line: no 3号 line is longer, and full lines are that long
      const widths = lines.map((l) => textWidth(l.text.replace(HANGING_END, "")));
      expect(Math.max(...widths)).toBeLessThanOrEqual(28.5);
      expect(widths.filter((w) => w >= 27).length).toBeGreaterThan(0);
      // 22 lines a page: the usual distance between 3号 lines is 225 mm / 22 (≈ 28.95 pt)
      const gaps = pages.flatMap((p) => {
        const ys = bodyLines(p).map((l) => l.y);
        return ys.slice(1).map((y, k) => Math.round((ys[k]! - y) * 10) / 10);
      });
      const common = [...new Set(gaps)].sort(
        (a, b) => gaps.filter((g) => g === b).length - gaps.filter((g) => g === a).length,
      )[0]!;
      expect(common).toBeGreaterThan(28.7);
      expect(common).toBeLessThan((225 * PT_PER_MM) / 22 + 0.05);
    },
  );

  it.each(kinds.map(([n]) => n))(
    "%s: 发文机关署名 right with two characters to spare, 成文日期 two characters further right",
    (name) => {
      const doc = docs.get(name)!;
      const pages = pdfs.get(name)!;
      const issuer = findLastLine(pages, doc.issuer);
      const date = findLastLine(pages, chineseDate(doc.date));
      expect(issuer).not.toBeNull();
      expect(date).not.toBeNull();
      const pitch = 15.75; // 3号 less the 0.25 pt tracking
      expect(issuer!.right).toBeCloseTo(AREA.right - 2 * pitch, -0.5);
      expect(date!.left).toBeCloseTo(issuer!.left + 2 * pitch, -0.5);
      // the date on the line under the signature
      expect(issuer!.y - date!.y).toBeCloseTo(28.95, 0);
    },
  );

  it.each(kinds.map(([n]) => n))(
    "%s: table columns fit their content — names ≥ 6 characters, numbers on one line, no cell wrapped character by character",
    (name) => {
      const doc = docs.get(name)!;
      const pages = pdfs.get(name)!;
      const tables = doc.blocks.filter((b) => b.kind === "table");
      if (name.startsWith("evaluation")) expect(tables.length).toBeGreaterThan(2);
      const problems: string[] = [];
      for (const table of tables) {
        const cells = [table.columns.map((c) => c.title), ...table.rows];
        const found = findCells(pages, cells.flat(), 12.5, table.caption);
        found.forEach((cell, k) => {
          const col = table.columns[k % table.columns.length]!;
          const text = cells.flat()[k]!;
          const where = `${table.caption} «${text}»`;
          if (!cell) {
            if (text.replace(/\s/g, "") !== "") problems.push(`${where}: not found in the PDF`);
            return;
          }
          const chars = [...text.replace(/\s/g, "")].length;
          if (chars >= 3 && cell.lines.every((l) => [...l].length <= 2))
            problems.push(`${where}: wrapped character by character ${JSON.stringify(cell.lines)}`);
          const body = k >= table.columns.length;
          if (body && col.role === "number" && cell.lines.length > 1)
            problems.push(`${where}: a number wrapped ${JSON.stringify(cell.lines)}`);
          if (body && col.role === "name") {
            if (textWidth(text) <= 6 && cell.lines.length > 1)
              problems.push(`${where}: a short name wrapped ${JSON.stringify(cell.lines)}`);
            // the column is at least six characters wide: a longer name's first line fills six
            if (textWidth(text) > 6 && cell.right - cell.left < 6 * cell.size * 0.95)
              problems.push(`${where}: name column narrower than six characters`);
          }
        });
      }
      expect(problems).toEqual([]);
      if (name.startsWith("evaluation")) {
        const [rd] = findCells(pages, ["R&D 经费支出"], 12.5, tables[0]!.caption);
        expect(rd?.lines).toEqual(["R&D经费支出"]);
      }
    },
  );

  it("the annual evaluation reads its own sections and the published scores", () => {
    const text = pdfs
      .get("evaluation-annual")!
      .flatMap((p) => p.glyphs.map((g) => g.ch))
      .join("");
    for (const heading of [
      "一、总体情况",
      "二、年度重点工作完成情况",
      "三、未完成事项及原因",
      "四、主要指标年度目标完成情况",
      "五、规划调整情况",
      "六、年度考核结果",
    ])
      expect(text).toContain(heading);
    expect(text).toContain("2026年度考核得分表");
    expect(text).toContain("西丰县科技创新工作领导小组办公室");
    expect(text).toContain("2026年12月31日");
  });
});
