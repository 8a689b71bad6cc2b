// Typeset PDFs of a plan text, made with pdfkit and a real CJK font (fonts-wqy-microhei), the way
// an office's PDF looks to pdf.js: letter spacing, quotes set in a second font and drawn before the
// rest of the line, a running title at the top of every page and `— n —` at the bottom.
import { existsSync } from "node:fs";

import PDFDocument from "pdfkit";

export const CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

export type TypesetOptions = {
  /** extra space after every glyph, in points (pdfkit's `characterSpacing`) */
  letterSpacing?: number;
  /** font size in points */
  size?: number;
  /** a running title printed at the top of every page */
  header?: string;
  /** lines per page (blank lines of the text are dropped, as a PDF has no blank lines) */
  linesPerPage?: number;
};

const QUOTES = /[“”]/u;

/** Renders `lines` one per printed line. Throws when the CJK font is not installed. */
export const typesetPdf = (lines: readonly string[], options: TypesetOptions = {}) => {
  if (!existsSync(CJK_FONT))
    throw new Error(`CJK font missing: ${CJK_FONT} (apt-get install fonts-wqy-microhei)`);
  const spacing = options.letterSpacing ?? 0;
  const size = options.size ?? 10;
  const perPage = options.linesPerPage ?? 50;
  const leading = size * 1.6;
  const width = 60 + 48 * (size + spacing) + 60;
  const height = 120 + perPage * leading + 120;
  const doc = new PDFDocument({ size: [width, height], margin: 0, autoFirstPage: false });
  doc.registerFont("cjk", CJK_FONT, "WenQuanYiMicroHei");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) =>
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks)))),
  );
  const draw = (text: string, x: number, y: number, font: string) =>
    doc.font(font).fontSize(size).text(text, x, y, { lineBreak: false, characterSpacing: spacing });
  const measure = (text: string, font: string) =>
    doc.font(font).fontSize(size).widthOfString(text, { characterSpacing: spacing });

  /** Quotes in Helvetica, drawn first; the rest in the CJK font, each piece at its own x. */
  const drawLine = (line: string, y: number) => {
    const pieces = line.split(/([“”])/u).filter((p) => p !== "");
    const placed: { text: string; x: number; font: string }[] = [];
    let x = 60;
    for (const p of pieces) {
      const font = QUOTES.test(p) ? "Helvetica" : "cjk";
      placed.push({ text: p, x, font });
      x += measure(p, font);
    }
    for (const p of placed.filter((q) => q.font === "Helvetica")) draw(p.text, p.x, y, p.font);
    for (const p of placed.filter((q) => q.font !== "Helvetica")) draw(p.text, p.x, y, p.font);
  };

  const printed = lines.map((l) => l.trim()).filter((l) => l !== "");
  for (let start = 0, page = 1; start < printed.length; start += perPage, page++) {
    doc.addPage({ size: [width, height], margin: 0 });
    if (options.header) draw(options.header, 60, 40, "cjk");
    printed.slice(start, start + perPage).forEach((l, i) => drawLine(l, 120 + i * leading));
    draw(`— ${page} —`, width / 2 - 20, height - 50, "cjk");
  }
  doc.end();
  return done;
};
