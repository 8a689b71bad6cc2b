// .docx files written with the `docx` package: paragraphs, and tables given as rows of cells.
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";

/** A block of the document: a paragraph's text, or a table's rows of cell texts. */
export type WordBlock = string | { rows: string[][] };

const table = (rows: string[][]) =>
  new Table({
    rows: rows.map(
      (cells) =>
        new TableRow({
          children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })),
        }),
    ),
  });

/** The blocks in order, one section, as the bytes of a .docx. */
export const wordDocument = async (blocks: readonly WordBlock[]): Promise<Uint8Array> => {
  const children = blocks.map((b) => (typeof b === "string" ? new Paragraph(b) : table(b.rows)));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
};
