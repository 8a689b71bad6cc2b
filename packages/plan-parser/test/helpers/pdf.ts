// Minimal hand-written PDFs for extraction tests. Latin text uses the standard Helvetica font;
// Chinese text uses a Type0 font with Identity-H encoding and a ToUnicode CMap, which is all a
// text extractor needs (no font program is embedded, so it would not render nicely — irrelevant here).

const assemble = (objects: string[]): Uint8Array => {
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
};

const stream = (content: string): string =>
  `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;

export const latinPdf = (lines: readonly string[]): Uint8Array => {
  const text = lines
    .map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 16} Td (${l.replace(/[()\\]/gu, "\\$&")}) Tj ET`)
    .join("\n");
  return assemble([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    stream(text),
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
};

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, "0");

/** Each distinct character gets a CID; ToUnicode maps the CID back to the character. */
export const chinesePdf = (lines: readonly string[]): Uint8Array =>
  chinesePdfPages(lines, Math.max(lines.length, 1));

const chunk = <T>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/** Chinese lines over as many pages as they need (a whole plan: one page holds ~44 lines). */
export const chinesePdfPages = (lines: readonly string[], linesPerPage = 44): Uint8Array => {
  const chars = [...new Set(lines.join(""))];
  const cid = new Map(chars.map((c, i) => [c, i + 1]));
  const pages = chunk(lines, linesPerPage);
  const bf = chars.map((c) => `<${hex4(cid.get(c) ?? 0)}> <${hex4(c.codePointAt(0) ?? 0)}>`);
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ...chunk(bf, 100).map((c) => `${c.length} beginbfchar\n${c.join("\n")}\nendbfchar`),
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  // objects 1–5: catalog, pages, font, descendant font, ToUnicode, descriptor; then page + content per page
  const first = 7;
  const kids = pages.map((_, i) => `${first + i * 2} 0 R`).join(" ");
  return assemble([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>",
    stream(cmap),
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
    ...pages.flatMap((page, p) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${first + p * 2 + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      stream(
        page
          .map(
            (l, i) =>
              `BT /F1 12 Tf 72 ${720 - i * 16} Td <${[...l].map((c) => hex4(cid.get(c) ?? 0)).join("")}> Tj ET`,
          )
          .join("\n"),
      ),
    ]),
  ]);
};
