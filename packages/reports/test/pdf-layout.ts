// Reading a PDF rendered by LibreOffice back as positioned text (pdfjs through unpdf), for the
// official-document layout test. Units: PDF points, origin at the page's bottom left.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { getDocumentProxy } from "unpdf";

import { textWidth } from "../src/official/page-layout.ts";

/** one character with its estimated left edge, baseline and font size */
export type Glyph = { ch: string; x: number; right: number; y: number; size: number };
export type PdfPage = { width: number; height: number; glyphs: Glyph[]; texts: PdfText[] };
export type PdfText = { str: string; x: number; y: number; width: number; size: number };

/**
 * Converts `.docx` files to PDF with LibreOffice in a private profile (several conversions may run
 * on one machine). Fails, never skips, when LibreOffice is not installed.
 */
export function sofficeToPdf(dir: string, files: string[]): void {
  try {
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, ".profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        ...files,
      ],
      { stdio: "pipe", timeout: 180_000 },
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new Error(
      "LibreOffice (soffice) is not installed, so the official documents cannot be checked as a real client lays them out: apt-get install libreoffice-writer-nogui (.ci/run installs it)",
      { cause: error },
    );
  }
}

/**
 * The pages of a PDF with every text item and every character: pdfjs gives runs of text with a
 * start and a width; a run's characters are placed by their display width (textWidth), which is
 * exact for a run of CJK characters and close for Latin ones. Spaces pdfjs inserts between runs
 * that are apart are dropped.
 */
export async function readPdf(path: string): Promise<PdfPage[]> {
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(path)));
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const texts: PdfText[] = [];
    const glyphs: Glyph[] = [];
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      const [size, , , , x, y] = item.transform as number[];
      texts.push({ str: item.str, x: x!, y: y!, width: item.width, size: size! });
      const chars = [...item.str];
      const total = textWidth(item.str) || 1;
      let before = 0;
      for (const ch of chars) {
        const w = textWidth(ch);
        if (ch.trim())
          glyphs.push({
            ch,
            x: x! + (item.width * before) / total,
            right: x! + (item.width * (before + w)) / total,
            y: y!,
            size: size!,
          });
        before += w;
      }
    }
    pages.push({ width, height, glyphs, texts });
  }
  return pages;
}

/** A table cell found in the PDF: its lines (text per baseline) and its horizontal extent. */
export type FoundCell = {
  text: string;
  lines: string[];
  left: number;
  right: number;
  size: number;
};

/**
 * Finds a table's cells in reading order on the pages (LibreOffice writes a table cell by cell,
 * row by row): for each cell, the next run of glyphs smaller than `maxSize` that spells its text
 * (spaces ignored), starting after the previous cell. Returns null for a cell not found.
 */
export function findCells(
  pages: PdfPage[],
  cells: string[],
  maxSize: number,
  startAfter?: string,
): Array<FoundCell | null> {
  const stream = pages.flatMap((p, i) => p.glyphs.map((g) => ({ ...g, page: i })));
  let from = 0;
  if (startAfter) {
    const key = startAfter.replace(/\s/g, "");
    const joined = stream.map((g) => g.ch).join("");
    const at = joined.indexOf(key);
    if (at >= 0) from = at + key.length;
  }
  const small = (i: number) => stream[i]!.size <= maxSize;
  return cells.map((text) => {
    const want = [...text.replace(/\s/g, "")];
    if (!want.length) return null;
    for (let i = from; i + want.length <= stream.length; i++) {
      if (!small(i)) continue;
      let ok = true;
      for (let k = 0; k < want.length && ok; k++)
        ok = stream[i + k]!.ch === want[k] && small(i + k);
      if (!ok) continue;
      const glyphs = stream.slice(i, i + want.length);
      from = i + want.length;
      const lines: string[] = [];
      let lastY: number | null = null;
      for (const g of glyphs) {
        if (lastY === null || Math.abs(g.y - lastY) > g.size * 0.5) lines.push("");
        lines[lines.length - 1] += g.ch;
        lastY = g.y;
      }
      return {
        text,
        lines,
        left: Math.min(...glyphs.map((g) => g.x)),
        right: Math.max(...glyphs.map((g) => g.right)),
        size: glyphs[0]!.size,
      };
    }
    return null;
  });
}

/** The last place `text` (spaces ignored) is spelled on one line, or null. */
export function findLastLine(
  pages: PdfPage[],
  text: string,
): { left: number; right: number; y: number; page: number } | null {
  const want = [...text.replace(/\s/g, "")];
  for (let p = pages.length - 1; p >= 0; p--) {
    const g = pages[p]!.glyphs;
    for (let i = g.length - want.length; i >= 0; i--) {
      const run = g.slice(i, i + want.length);
      if (run.every((x, k) => x.ch === want[k] && Math.abs(x.y - run[0]!.y) < 1))
        return { left: run[0]!.x, right: run.at(-1)!.right, y: run[0]!.y, page: p };
    }
  }
  return null;
}
