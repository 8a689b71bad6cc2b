// Bytes → plan text for .txt/.md, .docx and .pdf. Validates before and after extraction,
// so callers get one typed error instead of a parser result built from garbage.
import { decodeText, looksBinary } from "./decode.ts";
import { readListDefinitions, withListNumbers } from "./docx-numbering.ts";
import { htmlToPlanText } from "./docx-text.ts";
import { pdfText, type PdfPageItems, type PdfTextItem } from "./pdf-lines.ts";
import { countCjk } from "./text.ts";

export type InputErrorCode =
  | "EMPTY"
  | "BINARY"
  | "NOT_CHINESE"
  | "TOO_LARGE"
  | "TOO_MANY_PAGES"
  | "UNSUPPORTED_FORMAT"
  | "CORRUPT"
  | "NO_HEADER";

const MESSAGES: Record<InputErrorCode, string> = {
  EMPTY: "文件为空 (empty file)",
  BINARY: "文件不是文本文件 (binary content, not text)",
  NOT_CHINESE: "文件中几乎没有中文，不像规划文本 (too little Chinese text)",
  TOO_LARGE: "文件超过 20 MB (file larger than 20 MB)",
  TOO_MANY_PAGES: "PDF 页数超过上限 (the PDF has too many pages)",
  UNSUPPORTED_FORMAT: "不支持的文件格式，请使用 .txt、.md、.docx 或 .pdf (unsupported format)",
  CORRUPT: "文件已损坏，无法读取 (corrupt file)",
  NO_HEADER:
    "未找到分工表表头：需要“重点任务”或“具体措施”列，以及“牵头单位”“责任单位”或“完成时限”列 (no task-division header row: a task column and a lead-unit or deadline column are needed)",
};

export class PlanInputError extends Error {
  readonly code: InputErrorCode;

  constructor(code: InputErrorCode, detail?: string) {
    super(detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]);
    this.name = "PlanInputError";
    this.code = code;
  }
}

export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

const MIN_CJK = 20;

export type ExtractedText = { text: string; format: "text" | "docx" | "pdf" };

/** Bounds the caller sets on the work of extraction (the server's upload limits). */
export type ExtractOptions = {
  /** a PDF with more pages is refused (TOO_MANY_PAGES) before any page is read */
  maxPdfPages?: number;
  /**
   * Called after each PDF page is read (`pagesRead` of `pages`), and once when a .docx has been
   * read (1 of 1), so a caller can show progress on long documents (issue 16). Not called for text.
   */
  onProgress?: (p: { pagesRead: number; pages: number }) => void;
};

export const extractPlanText = async (
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions = {},
): Promise<ExtractedText> => {
  if (bytes.byteLength === 0) throw new PlanInputError("EMPTY");
  if (bytes.byteLength > MAX_INPUT_BYTES)
    throw new PlanInputError("TOO_LARGE", `${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB`);
  const ext = /\.([A-Za-z0-9]+)$/u.exec(fileName)?.[1]?.toLowerCase() ?? "";
  let out: ExtractedText;
  if (ext === "txt" || ext === "md" || ext === "text" || ext === "markdown") {
    if (looksBinary(bytes)) throw new PlanInputError("BINARY");
    out = { text: decodeText(bytes), format: "text" };
  } else if (ext === "docx") {
    out = { text: await extractDocx(bytes), format: "docx" };
    options.onProgress?.({ pagesRead: 1, pages: 1 });
  } else if (ext === "pdf") {
    out = { text: await extractPdf(bytes, options), format: "pdf" };
  } else {
    throw new PlanInputError("UNSUPPORTED_FORMAT", ext ? `.${ext}` : fileName);
  }
  out.text = withUnifiedIdeographs(out.text);
  if (out.text.trim() === "") throw new PlanInputError("EMPTY");
  const cjk = countCjk(out.text.slice(0, 200_000));
  const visible = out.text.slice(0, 200_000).replace(/\s+/gu, "").length;
  if (cjk < MIN_CJK || cjk < visible * 0.1)
    throw new PlanInputError("NOT_CHINESE", `${cjk} 个汉字 (CJK characters)`);
  return out;
};

/**
 * Kangxi radicals (U+2F00–U+2FD5, `⼀` for `一`), CJK radicals and compatibility ideographs
 * (U+F900–U+FAFF) as the ideographs they stand for. Many PDF producers map glyphs to them, and
 * text copied from those PDFs keeps them: `第⼀章` is no heading until it reads `第一章`.
 */
const withUnifiedIdeographs = (text: string): string =>
  text.replace(/[\u2e80-\u2fdf\uf900-\ufaff]/gu, (c) => c.normalize("NFKC"));

const startsWith = (bytes: Uint8Array, magic: number[]): boolean =>
  magic.every((b, i) => bytes[i] === b);

/** .docx through mammoth's HTML (tables kept as rows: docx-text.ts); images are not decoded. */
const extractDocx = async (bytes: Uint8Array): Promise<string> => {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]))
    throw new PlanInputError("CORRUPT", "not a zip/docx container");
  const { default: mammoth } = await import("mammoth");
  try {
    const result = await mammoth.convertToHtml(
      { buffer: await withWordNumbers(bytes) },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })) },
    );
    return htmlToPlanText(result.value);
  } catch (error) {
    throw new PlanInputError("CORRUPT", error instanceof Error ? error.message : String(error));
  }
};

/**
 * The .docx with Word's automatic list numbers (`一、` `（一）` `1.`) written into its paragraphs
 * (docx-numbering.ts), so mammoth's text carries them. The zip is rewritten only when a paragraph
 * is numbered: document.xml is replaced, every other entry is copied still compressed. The
 * document, numbering and styles parts are read at their usual names (word/document.xml …), where
 * Word, WPS, LibreOffice and the `docx` package write them. Anything odd (no numbering part, a
 * list that is not defined, a zip jszip cannot read) leaves the file as it was: mammoth then reads
 * it without numbers, or refuses it as before.
 */
const withWordNumbers = async (bytes: Uint8Array): Promise<Buffer> => {
  const original = Buffer.from(bytes);
  try {
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(original);
    const numbering = zip.file("word/numbering.xml");
    const document = zip.file("word/document.xml");
    if (!numbering || !document) return original;
    const styles = zip.file("word/styles.xml");
    const defs = readListDefinitions(
      await numbering.async("string"),
      styles ? await styles.async("string") : null,
    );
    const numbered = withListNumbers(await document.async("string"), defs);
    if (numbered === null) return original;
    zip.file("word/document.xml", numbered);
    return await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  } catch {
    return original;
  }
};

/** .pdf through pdf.js (unpdf), page by page; lines rebuilt from glyph positions (pdf-lines.ts). */
const extractPdf = async (bytes: Uint8Array, options: ExtractOptions): Promise<string> => {
  const maxPages = options.maxPdfPages ?? Number.POSITIVE_INFINITY;
  if (!startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    throw new PlanInputError("CORRUPT", "missing %PDF- header");
  const { getDocumentProxy } = await import("unpdf");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // pdf.js may detach the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    throw new PlanInputError("CORRUPT", error instanceof Error ? error.message : String(error));
  }
  try {
    // the page tree is read when the document opens; no page has been parsed yet
    if (pdf.numPages > maxPages)
      throw new PlanInputError(
        "TOO_MANY_PAGES",
        `共 ${pdf.numPages} 页，上限 ${maxPages} 页 (${pdf.numPages} pages, limit ${maxPages})`,
      );
    const pages: PdfPageItems[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.filter((i): i is PdfTextItem & typeof i => "str" in i);
      const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
      pages.push({ items, top, bottom, left, right });
      page.cleanup();
      options.onProgress?.({ pagesRead: n, pages: pdf.numPages });
    }
    return pdfText(pages);
  } catch (error) {
    if (error instanceof PlanInputError) throw error;
    throw new PlanInputError("CORRUPT", error instanceof Error ? error.message : String(error));
  } finally {
    // frees the document's parsed objects and fonts now rather than at the next collection
    void pdf.loadingTask.destroy();
  }
};
