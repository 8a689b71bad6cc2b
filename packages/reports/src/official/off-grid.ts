import JSZip from "jszip";

/**
 * Takes the paragraphs whose runs are off the character grid (w:rPr/w:snapToGrid 0: tables,
 * title, captions, the 版记, the page number) off the line grid too, with w:pPr/w:snapToGrid 0:
 * the docx library writes only the run-level element, and LibreOffice would otherwise give every
 * line of a table cell a whole 29 pt grid line. ECMA-376 puts snapToGrid just before w:spacing
 * in w:pPr; every such paragraph of ours has a w:spacing. Returns the rewritten .docx bytes.
 */
export async function paragraphsOffGrid(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  for (const name of Object.keys(zip.files).filter((n) =>
    /^word\/(document|footer\d*)\.xml$/.test(n),
  )) {
    const xml = await zip.file(name)!.async("string");
    const out = xml.replace(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g, (p) =>
      p.includes('<w:snapToGrid w:val="false"/>') && !p.includes("<w:pPr><w:snapToGrid")
        ? p.replace(
            /<w:pPr>((?:(?!<w:spacing|<\/w:pPr>)[\s\S])*?)<w:spacing/,
            '<w:pPr>$1<w:snapToGrid w:val="0"/><w:spacing',
          )
        : p,
    );
    zip.file(name, out);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
