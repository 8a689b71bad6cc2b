import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from "docx";

import { chineseDate } from "@duban/domain/i18n";

import { documentData } from "../xml-text.ts";
import type { OfficialBlock, OfficialDocument } from "./official-types.ts";

// GB/T 9704-2012: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (in twips);
// title 小标宋 二号 (22 pt), body 仿宋 三号 (16 pt), 22 lines of 28 characters.
const FONT = {
  body: "仿宋_GB2312",
  title: "方正小标宋简体",
  heading: "黑体",
  kai: "楷体_GB2312",
  latin: "Times New Roman",
};
const SIZE = { title: 44, body: 32, table: 24, footer: 28 };
const LINE = 579; // exact line pitch for 22 lines in the 225 mm type area
const MM = 56.7; // twips per millimetre

const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({
    text,
    font: { eastAsia: font, ascii: FONT.latin, hAnsi: FONT.latin },
    size,
    ...extra,
  });

function blockParagraphs(block: OfficialBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case "heading": {
      const font = block.level === 1 ? FONT.heading : block.level === 2 ? FONT.kai : FONT.body;
      return [
        new Paragraph({
          children: [run(block.text, font, SIZE.body, { bold: block.level === 3 })],
          indent: { firstLine: 640 },
          spacing: { line: LINE, lineRule: "exact" },
        }),
      ];
    }
    case "paragraph":
      return [
        new Paragraph({
          children: [run(block.text, FONT.body, SIZE.body)],
          indent: { firstLine: 640 },
          spacing: { line: LINE, lineRule: "exact" },
        }),
      ];
    case "table": {
      const cell = (text: string, header: boolean) =>
        new TableCell({
          children: [
            new Paragraph({
              children: [run(text, header ? FONT.heading : FONT.body, SIZE.table)],
              alignment: AlignmentType.CENTER,
            }),
          ],
        });
      const out: Array<Paragraph | Table> = [];
      if (block.caption)
        out.push(
          new Paragraph({
            children: [run(block.caption, FONT.heading, SIZE.body)],
            alignment: AlignmentType.CENTER,
          }),
        );
      out.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: block.columns.map((c) => cell(c.title, true)),
            }),
            ...block.rows.map((r) => new TableRow({ children: r.map((v) => cell(v, false)) })),
          ],
        }),
      );
      return out;
    }
    case "chart":
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: "png",
              data: block.png,
              transformation: { width: block.widthMm * 3.78, height: block.heightMm * 3.78 },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(block.caption, FONT.body, SIZE.table)],
        }),
      ];
  }
}

/**
 * An official document as a Word file (GB/T 9704-2012 党政机关公文格式): A4 with the standard's
 * margins, 标题 in 小标宋 二号, body in 仿宋 三号 at 22 lines per page, headings 黑体 / 楷体, page
 * numbers `— N —` at the foot, 发文机关署名 and 成文日期 at the end. Every text goes through
 * documentText first (xml-text.ts). Returns the .docx bytes.
 */
export async function buildOfficialDocx(input: OfficialDocument): Promise<Buffer> {
  // documentData passes the charts' PNG bytes (not plain objects) through untouched
  const d = documentData(input, "xml");
  const children: Array<Paragraph | Table> = [];
  if (d.docNumber)
    children.push(
      new Paragraph({
        children: [run(d.docNumber, FONT.body, SIZE.body)],
        alignment: AlignmentType.CENTER,
      }),
    );
  children.push(
    new Paragraph({
      children: [run(d.title, FONT.title, SIZE.title)],
      alignment: AlignmentType.CENTER,
      spacing: { after: LINE },
    }),
  );
  if (d.recipients)
    children.push(new Paragraph({ children: [run(`${d.recipients}：`, FONT.body, SIZE.body)] }));
  for (const block of d.blocks) children.push(...blockParagraphs(block));
  children.push(
    new Paragraph({ children: [], spacing: { before: LINE * 2 } }),
    new Paragraph({
      children: [run(d.issuer, FONT.body, SIZE.body)],
      alignment: AlignmentType.RIGHT,
    }),
    new Paragraph({
      children: [run(chineseDate(d.date), FONT.body, SIZE.body)],
      alignment: AlignmentType.RIGHT,
    }),
  );
  if (d.copiedTo?.length)
    children.push(
      new Paragraph({
        children: [run(`抄送：${d.copiedTo.join("，")}。`, FONT.body, SIZE.footer)],
      }),
    );
  const doc = new Document({
    creator: "督办 Duban",
    title: d.title,
    styles: {
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
            size: { width: 210 * MM, height: 297 * MM },
            margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ["— ", PageNumber.CURRENT, " —"],
                    font: { eastAsia: "宋体", ascii: FONT.latin, hAnsi: FONT.latin },
                    size: SIZE.footer,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
