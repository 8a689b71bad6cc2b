import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type IRunOptions,
  type Table,
} from "docx";

import { chineseDate } from "@duban/domain/i18n";

import { documentData } from "../xml-text.ts";
import { paragraphsOffGrid } from "./off-grid.ts";
import { officialTable } from "./official-table.ts";
import type { OfficialBlock, OfficialDocument } from "./official-types.ts";
import {
  BODY_TRACKING,
  CHAR_PITCH,
  FONT,
  GRID_CHAR_SPACE,
  LINE_PITCH,
  MARGIN,
  PAGE,
  signatureIndents,
  SIZE,
  titleLines,
} from "./page-layout.ts";

/** a run in an East Asian font with Times New Roman for Latin letters and digits */
export const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({
    text,
    font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin },
    size,
    ...(size === SIZE.body ? { characterSpacing: BODY_TRACKING } : {}),
    ...extra,
  });

/**
 * Text in another size than 3号 stays off the character grid (w:snapToGrid 0 on the run): on the
 * grid a 2号 character would take two 15.8 pt cells. Its paragraphs set an exact line height, which
 * overrides the line grid in Word and LibreOffice alike.
 */
export const OFF_GRID = { snapToGrid: false } as const;

const INDENT_2 = Math.round(2 * CHAR_PITCH);
/** one line of the grid, exactly (Word and LibreOffice agree on exact spacing) */
const GRID_LINE = { line: LINE_PITCH, lineRule: "exact" } as const;
const blank = () => new Paragraph({ children: [], spacing: GRID_LINE });

/** §7.3.3 正文 and its 结构层次序数: 一、 黑体; （一） 楷体; 1. 仿宋 bold; paragraphs 左空二字 */
function blockParagraphs(block: OfficialBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case "heading": {
      const font = block.level === 1 ? FONT.heading : block.level === 2 ? FONT.kai : FONT.body;
      return [
        new Paragraph({
          children: [run(block.text, font, SIZE.body, { bold: block.level === 3 })],
          indent: { firstLine: INDENT_2 },
          spacing: GRID_LINE,
          keepNext: true,
        }),
      ];
    }
    case "paragraph":
      return [
        new Paragraph({
          children: [
            ...(block.label ? [run(`${block.label}：`, FONT.heading, SIZE.body)] : []),
            run(block.text, FONT.body, SIZE.body),
          ],
          indent: { firstLine: INDENT_2 },
          spacing: GRID_LINE,
          alignment: AlignmentType.BOTH,
        }),
      ];
    case "table":
      return officialTable(block);
    case "chart":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          // an exact line height would clip the picture: at least one grid line instead
          keepNext: true,
          spacing: { before: 120, line: 240, lineRule: "atLeast" },
          children: [
            new ImageRun({
              type: "png",
              data: block.png,
              // docx sizes pictures in pixels at 96 dpi
              transformation: {
                width: Math.round((block.widthMm / 25.4) * 96),
                height: Math.round((block.heightMm / 25.4) * 96),
              },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240, line: 400, lineRule: "exact" },
          children: [run(block.caption, FONT.heading, SIZE.small, OFF_GRID)],
        }),
      ];
  }
}

/** §7.5 页码: 4号 半角 digits between two 一字线, 单页码居右空一字, 双页码居左空一字 */
function pageNumberFooter(side: "odd" | "even"): Footer {
  const oneChar = SIZE.small * 10;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: oneChar } : { left: oneChar },
        spacing: { line: 320, lineRule: "exact" },
        children: [
          new TextRun({
            children: ["— ", PageNumber.CURRENT, " —"],
            snapToGrid: false,
            font: { eastAsia: FONT.pageNumber, ascii: FONT.pageNumber, hAnsi: FONT.pageNumber },
            size: SIZE.small,
          }),
        ],
      }),
    ],
  });
}

/** the 版头 (when there is a 发文字号) and the 标题, §7.2 and §7.3.1 */
function head(d: OfficialDocument): Paragraph[] {
  const out: Paragraph[] = [];
  if (d.mark)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 2 * LINE_PITCH, line: 900, lineRule: "exact" },
        children: [run(d.mark, FONT.title, 2 * SIZE.title - 16, { color: "C00000", ...OFF_GRID })],
      }),
    );
  if (d.docNumber)
    out.push(
      // §7.2.4 发文字号 居中; §7.2.6 the red rule 4 mm under it, as wide as the type area
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: GRID_LINE,
        border: {
          bottom: { style: BorderStyle.SINGLE, size: 8, color: "C00000", space: 11 },
        },
        children: [run(d.docNumber, FONT.body, SIZE.body)],
      }),
      blank(),
      blank(),
    );
  const lines = titleLines(d.title);
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE_PITCH * 1.1), lineRule: "exact" },
      children: lines.map(
        (line, i) =>
          new TextRun({
            text: line,
            break: i > 0 ? 1 : 0,
            font: { eastAsia: FONT.title, ascii: FONT.latin, hAnsi: FONT.latin },
            size: SIZE.title,
            color: d.titleColor,
            ...OFF_GRID,
          }),
      ),
    }),
    blank(),
  );
  // §7.3.2 主送机关: 标题下空一行, 居左顶格, then a full-width colon
  if (d.recipients)
    out.push(
      new Paragraph({
        spacing: GRID_LINE,
        children: [run(`${d.recipients}：`, FONT.body, SIZE.body)],
      }),
    );
  return out;
}

/** a line set from the left or the right edge of the type area, `at` in characters of 3号 */
function placed(text: TextRun, at: { left?: number; right?: number }, keepNext: boolean) {
  const twips = (chars: number) => Math.round(chars * CHAR_PITCH);
  return new Paragraph({
    alignment: at.left !== undefined ? AlignmentType.LEFT : AlignmentType.RIGHT,
    indent: at.left !== undefined ? { left: twips(at.left) } : { right: twips(at.right ?? 0) },
    spacing: GRID_LINE,
    keepNext,
    children: [text],
  });
}

/** §7.3.5.2 发文机关署名 and 成文日期 (signatureIndents); §7.4.2 抄送 in the 版记 */
function tail(d: OfficialDocument): Paragraph[] {
  const date = chineseDate(d.date);
  const indents = signatureIndents(d.issuer, date);
  const out = [
    blank(),
    placed(run(d.issuer, FONT.body, SIZE.body), indents.issuer, true),
    placed(run(date, FONT.body, SIZE.body), indents.date, false),
  ];
  if (d.copiedTo?.length) {
    // 4号 仿宋, 左右各空一字, wrapped lines aligned after the colon; the 版记's rules above and below
    const oneChar = SIZE.small * 10;
    const rule = { style: BorderStyle.SINGLE, size: 8, color: "000000", space: 4 };
    out.push(
      blank(),
      new Paragraph({
        spacing: { line: 560, lineRule: "exact" },
        indent: { left: oneChar + 3 * oneChar, hanging: 3 * oneChar, right: oneChar },
        border: { top: rule, bottom: rule },
        children: [run(`抄送：${d.copiedTo.join("，")}。`, FONT.body, SIZE.small, OFF_GRID)],
      }),
    );
  }
  return out;
}

/**
 * An official document as a Word file, GB/T 9704-2012 党政机关公文格式:
 * - A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (page-layout.ts);
 * - a document grid of 22 lines × 28 characters of 3号 仿宋 (w:docGrid linesAndChars with
 *   linePitch and charSpace), body paragraphs at exactly one grid line, 左空二字;
 * - 标题 in 小标宋 2号, centred, a long title broken into balanced lines (titleLines);
 *   an optional 发文机关标志 and 发文字号 with the red rule under it; 主送 居左顶格;
 * - headings 一、 黑体 / （一） 楷体 / 1. 仿宋 bold; tables sized to their content within the
 *   156 mm type area (official-table.ts); charts as PNG pictures with their caption;
 * - 发文机关署名 and 成文日期 right-aligned with the standard's offsets; 抄送 in the 版记;
 * - page numbers `— N —` in 4号, odd pages at the right and even pages at the left, one character
 *   in from the edge (§7.5).
 * Every text goes through documentText first (xml-text.ts). Returns the .docx bytes.
 */
export async function buildOfficialDocx(input: OfficialDocument): Promise<Buffer> {
  // documentData passes the charts' PNG bytes (not plain objects) through untouched
  const d = documentData(input, "xml");
  const children: Array<Paragraph | Table> = [...head(d)];
  for (const block of d.blocks) children.push(...blockParagraphs(block));
  children.push(...tail(d));
  const doc = new Document({
    creator: "督办 Duban",
    title: d.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      // LibreOffice derives the grid's character pitch from the Normal style's size: set it there too
      paragraphStyles: [
        {
          id: "Normal",
          name: "Normal",
          run: {
            font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin },
            size: SIZE.body,
          },
        },
      ],
      default: {
        document: {
          run: {
            font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin },
            size: SIZE.body,
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: MARGIN,
          },
          grid: {
            type: DocumentGridType.LINES,
            linePitch: LINE_PITCH,
            charSpace: GRID_CHAR_SPACE,
          },
        },
        footers: { default: pageNumberFooter("odd"), even: pageNumberFooter("even") },
        children,
      },
    ],
  });
  return paragraphsOffGrid(await Packer.toBuffer(doc));
}
