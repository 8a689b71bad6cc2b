import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

import type { OfficialBlock } from "./official-types.ts";
import { FONT, SIZE, TYPE_AREA } from "./page-layout.ts";
import { planColumns } from "./table-widths.ts";

type TableBlock = Extract<OfficialBlock, { kind: "table" }>;

/** cell padding left and right, twips (1 mm): narrower than Word's 1.9 mm default */
const PAD = 45;
/** a little slack per cell for borders and the renderer's rounding, in characters */
const SLACK = 0.1;

/**
 * The widths (twips) and the font size of a table: the first of the attempts (font size, names
 * kept whole up to N characters) at which the content-sized columns fit the 156 mm type area
 * (planColumns); failing all, equal columns at 9 pt.
 */
export function tableLayout(block: Pick<TableBlock, "columns" | "rows">): {
  size: number;
  widths: number[];
} {
  const n = block.columns.length;
  // names kept on one line up to 12, then 8 characters at 12 or 10.5 pt, then at 9 pt; only then
  // names wrap at six characters (a wrapped short name reads worse than a smaller font)
  const attempts = [
    [24, 12],
    [21, 12],
    [21, 8],
    [18, 12],
    [18, 8],
    [24, 6],
    [21, 6],
    [18, 6],
  ] as const;
  for (const [size, whole] of attempts) {
    const charTwips = size * 10;
    const available = (TYPE_AREA.width - n * 2 * PAD) / charTwips - n * SLACK;
    const plan = planColumns(block.columns, block.rows, available, whole);
    if (plan)
      return {
        size,
        widths: fitToArea(plan.chars.map((c) => (c + SLACK) * charTwips + 2 * PAD)),
      };
  }
  // even the minimum does not fit at 9 pt: equal shares of the type area (a table of ~20 columns)
  return { size: 18, widths: fitToArea(block.columns.map(() => 1)) };
}

/** integer twips that add up to exactly the type area's width */
function fitToArea(raw: number[]): number[] {
  const total = raw.reduce((s, x) => s + x, 0);
  const widths = raw.map((x) => Math.floor((x / total) * TYPE_AREA.width));
  widths[widths.length - 1]! += TYPE_AREA.width - widths.reduce((s, x) => s + x, 0);
  return widths;
}

/**
 * A table of an official document: 表题 in 黑体 above it, the header row in 黑体 repeated on every
 * page, fixed layout with explicit column widths (w:tblGrid gridCol + each cell's w:tcW) computed
 * from the content (tableLayout), numbers right-aligned, text left, off the document grid so the
 * rows are as tall as their text.
 */
export function officialTable(block: TableBlock): Array<Paragraph | Table> {
  const { size, widths } = tableLayout(block);
  const align = (role: string | undefined, header: boolean) =>
    header ? AlignmentType.CENTER : role === "number" ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { left: PAD, right: PAD, top: 20, bottom: 20 },
      verticalAlign: VerticalAlign.CENTER,
      children: [
        new Paragraph({
          alignment: align(block.columns[i]?.role, header),
          // exact line height: off the line grid (LibreOffice applies it inside cells too)
          spacing: { line: Math.round(size * 10 * 1.25), lineRule: "exact" },
          children: [
            new TextRun({
              text,
              size,
              snapToGrid: false,
              font: {
                eastAsia: header ? FONT.heading : FONT.body,
                ascii: FONT.latin,
                hAnsi: FONT.latin,
              },
            }),
          ],
        }),
      ],
    });
  const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const out: Array<Paragraph | Table> = [];
  if (block.caption)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 120, after: 60, line: 400, lineRule: "exact" },
        children: [
          new TextRun({
            text: block.caption,
            snapToGrid: false,
            size: SIZE.small,
            font: { eastAsia: FONT.heading, ascii: FONT.latin, hAnsi: FONT.latin },
          }),
        ],
      }),
    );
  out.push(
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: TYPE_AREA.width, type: WidthType.DXA },
      columnWidths: widths,
      borders: {
        top: line,
        bottom: line,
        left: line,
        right: line,
        insideHorizontal: line,
        insideVertical: line,
      },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: block.columns.map((c, i) => cell(c.title, i, true)),
        }),
        ...block.rows.map(
          (r) =>
            new TableRow({
              cantSplit: true,
              children: block.columns.map((_, i) => cell(r[i] ?? "", i, false)),
            }),
        ),
      ],
    }),
    // a table directly followed by a table or the signature would fuse with it
    new Paragraph({ children: [], spacing: { line: 240, lineRule: "exact" } }),
  );
  return out;
}
