// Hostile files for the upload limits, generated in the test: zip bombs (huge, lying, many
// entries), XML that nests or repeats without end, PDFs whose streams inflate to gigabytes. Each is
// built without ever holding its inflated content: a deflate "kernel" compressed once is repeated.
import { constants, crc32, deflateRawSync, deflateSync } from "node:zlib";

/** Content given as parts: plain bytes, or `chunk` repeated `times` (never materialised). */
export type Content = Array<string | Uint8Array | { chunk: string | Uint8Array; times: number }>;
export type ZipEntry = {
  name: string;
  content: Content;
  /** written into both headers instead of the true size (a lying header); the true size otherwise */
  declaredSize?: number;
  /** 0: stored (content must be plain parts); 8: deflate (default) */
  method?: 0 | 8;
};

const bytesOf = (s: string | Uint8Array) =>
  typeof s === "string" ? Buffer.from(s, "utf8") : Buffer.from(s);

/** One raw deflate stream for the parts; a repeated chunk is compressed once and its segment repeated. */
function deflateParts(parts: Content): { data: Buffer; size: number; crc: number } {
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  for (const part of parts) {
    const [chunk, times] =
      typeof part === "object" && "times" in part
        ? [bytesOf(part.chunk), part.times]
        : [bytesOf(part), 1];
    // a full flush ends the segment byte-aligned with no back-reference into it: it can repeat
    const segment = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) {
      out.push(segment);
      crc = crc32(chunk, crc);
    }
    size += chunk.length * times;
  }
  out.push(Buffer.from([0x03, 0x00])); // an empty final block
  return { data: Buffer.concat(out), size, crc };
}

function storedParts(parts: Content) {
  const data = Buffer.concat(
    parts.map((p) =>
      typeof p === "object" && "times" in p
        ? Buffer.concat(Array.from({ length: p.times }, () => bytesOf(p.chunk)))
        : bytesOf(p),
    ),
  );
  return { data, size: data.length, crc: crc32(data) };
}

/** A zip file with the entries as given (sizes honest unless `declaredSize` lies). */
export function zipFile(entries: ZipEntry[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const method = entry.method ?? 8;
    const { data, size, crc } =
      method === 8 ? deflateParts(entry.content) : storedParts(entry.content);
    const declared = entry.declaredSize ?? size;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(declared, 22);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, data);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(declared, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  if (entries.length < 0xffff) return Buffer.concat([...local, directory, end]);
  // more entries than the classic record counts: a zip64 end record and its locator say how many
  const zip64 = Buffer.alloc(56 + 20);
  zip64.writeUInt32LE(0x06064b50, 0);
  zip64.writeBigUInt64LE(44n, 4);
  zip64.writeUInt16LE(45, 12);
  zip64.writeUInt16LE(45, 14);
  zip64.writeBigUInt64LE(BigInt(entries.length), 24);
  zip64.writeBigUInt64LE(BigInt(entries.length), 32);
  zip64.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64.writeBigUInt64LE(BigInt(offset), 48);
  zip64.writeUInt32LE(0x07064b50, 56);
  zip64.writeBigUInt64LE(BigInt(offset + directory.length), 64);
  zip64.writeUInt32LE(1, 72);
  return Buffer.concat([...local, directory, zip64, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/** The parts of a minimal valid .xlsx around a sheet and shared strings given as content. */
export function xlsxEntries(
  sheet: Content,
  sharedStrings: Content = [`${XML}<sst xmlns="${SHEET_NS}" count="0" uniqueCount="0"/>`],
): ZipEntry[] {
  return [
    {
      name: "[Content_Types].xml",
      content: [
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
      ],
    },
    {
      name: "_rels/.rels",
      content: [
        `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
    },
    {
      name: "xl/workbook.xml",
      content: [
        `${XML}<workbook xmlns="${SHEET_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      content: [
        `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ],
    },
    { name: "xl/worksheets/sheet1.xml", content: sheet },
    { name: "xl/sharedStrings.xml", content: sharedStrings },
  ];
}

/** The parts of a minimal valid .docx around a document body given as content. */
export function docxEntries(body: Content): ZipEntry[] {
  return [
    {
      name: "[Content_Types].xml",
      content: [
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ],
    },
    {
      name: "_rels/.rels",
      content: [
        `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>`,
      ],
    },
    {
      name: "word/document.xml",
      content: [
        `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`,
        ...body,
        "</w:body></w:document>",
      ],
    },
  ];
}

const MB = 1024 * 1024;
/** `unit` repeated to about `bytes` bytes of UTF-8 */
const kernel = (unit: string, bytes: number) =>
  unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));

/** The bombs of the issue, by name; each a few KB to ~1 MB that claims or expands to far more. */
export const bombs = {
  /** .xlsx whose sharedStrings.xml inflates to `gb` GB of text in one string (~1 MB per GB) */
  xlsxSharedStrings: (gb = 1) =>
    zipFile(
      xlsxEntries(
        [
          `${XML}<worksheet xmlns="${SHEET_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
        ],
        [
          `${XML}<sst xmlns="${SHEET_NS}" count="1" uniqueCount="1"><si><t>`,
          { chunk: kernel("督办", MB), times: gb * 1024 },
          "</t></si></sst>",
        ],
      ),
    ),
  /** .xlsx whose sheet XML is `millions` million cells (2 elements, 22 bytes each: 2M cells inflate to 44 MB): the objects exceljs builds */
  xlsxCells: (millions = 2) =>
    zipFile(
      xlsxEntries([
        `${XML}<worksheet xmlns="${SHEET_NS}"><sheetData><row r="1">`,
        { chunk: '<c t="n"><v>1</v></c>'.repeat(50_000), times: millions * 20 },
        "</row></sheetData></worksheet>",
      ]),
    ),
  /** .xlsx whose headers claim `gb` GB for a tiny sheet */
  xlsxClaimsHuge: (gb = 3) =>
    zipFile(
      xlsxEntries([`${XML}<worksheet xmlns="${SHEET_NS}"><sheetData/></worksheet>`]).map((e) =>
        e.name === "xl/worksheets/sheet1.xml" ? { ...e, declaredSize: gb * 1024 * MB } : e,
      ),
    ),
  /** .xlsx whose sheet declares 1 KB and inflates to `gb` GB */
  xlsxLyingHeader: (gb = 1) =>
    zipFile(
      xlsxEntries([
        `${XML}<worksheet xmlns="${SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`,
        { chunk: kernel("x", MB), times: gb * 1024 },
        "</t></is></c></row></sheetData></worksheet>",
      ]).map((e) => (e.name === "xl/worksheets/sheet1.xml" ? { ...e, declaredSize: 1024 } : e)),
    ),
  /** .xlsx with `count` extra (stored, empty-ish) entries */
  xlsxManyEntries: (count = 100_000) =>
    zipFile([
      ...xlsxEntries([`${XML}<worksheet xmlns="${SHEET_NS}"><sheetData/></worksheet>`]),
      ...Array.from({ length: count }, (_, i) => ({
        name: `x/${i.toString(36)}`,
        content: ["1"],
        method: 0 as const,
      })),
    ]),
  /** .xlsx whose sheet nests `depth` elements */
  xlsxDeepXml: (depth = 100_000) =>
    zipFile(
      xlsxEntries([
        `${XML}<worksheet xmlns="${SHEET_NS}"><sheetData><row r="1"><c r="A1"><v>`,
        { chunk: "<a>", times: depth },
        { chunk: "</a>", times: depth },
        "</v></c></row></sheetData></worksheet>",
      ]),
    ),
  /** .docx whose document.xml inflates to `gb` GB of paragraphs */
  docx: (gb = 1) =>
    zipFile(
      docxEntries([
        {
          chunk: "<w:p><w:r><w:t>一、科技创新</w:t></w:r></w:p>".repeat(20_000),
          times: Math.ceil((gb * 1024 * MB) / (20_000 * 52)),
        },
      ]),
    ),
  /** .docx nested `depth` deep */
  docxDeepXml: (depth = 100_000) =>
    zipFile(
      docxEntries([
        { chunk: "<w:p>", times: depth },
        { chunk: "</w:p>", times: depth },
      ]),
    ),
};

export type PdfBombOptions = {
  /** the stream dictionary's /Filter value as written (default /FlateDecode) */
  filter?: string;
  /** written into the stream dictionary before /Filter, e.g. a decoy nested dictionary */
  extra?: string;
  /** the Flate data breaks off after the kernels (no final block): pdf.js keeps what it inflated */
  truncated?: boolean;
  /** Flate inside Flate: the whole bomb compressed once more (a few KB for a GB) */
  double?: boolean;
};

/** A PDF whose one content stream inflates to `gb` GB. */
export function pdfBomb(gb = 1, options: PdfBombOptions = {}): Buffer {
  const segment = deflateRawSync(Buffer.from(kernel("BT ET\n", MB)), {
    finishFlush: constants.Z_FULL_FLUSH,
  });
  // zlib wrapper (pdf.js wants one): header, raw segments, final block; the checksum is never reached
  const ending = options.truncated
    ? Buffer.from("garbage that is not deflate \xff\xff", "latin1")
    : Buffer.from([0x03, 0x00, 0, 0, 0, 0]);
  const inner = Buffer.concat([
    Buffer.from([0x78, 0x9c]),
    ...Array.from({ length: gb * 1024 }, () => segment),
    ending,
  ]);
  const data = options.double ? deflateSync(inner) : inner;
  const filter =
    options.filter ?? (options.double ? "[/FlateDecode /FlateDecode]" : "/FlateDecode");
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
    Buffer.concat([
      Buffer.from(
        `<< /Length ${data.length} ${options.extra ?? ""} /Filter ${filter} >>\nstream\n`,
        "latin1",
      ),
      data,
      Buffer.from("\nendstream", "latin1"),
    ]),
  ]);
}

/** A PDF of `pages` empty pages sharing one tiny content stream. */
export function pdfPages(pages: number): Buffer {
  const content = deflateSync(Buffer.from("BT ET\n"));
  const kids = Array.from({ length: pages }, (_, i) => `${i + 4} 0 R`).join(" ");
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    Buffer.concat([
      Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, "latin1"),
      content,
      Buffer.from("\nendstream", "latin1"),
    ]),
    ...Array.from(
      { length: pages },
      () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>",
    ),
  ]);
}

function pdfFile(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n", "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, "latin1"),
      typeof body === "string" ? Buffer.from(body, "latin1") : body,
      Buffer.from("\nendobj\n", "latin1"),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`),
  ].join("");
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
      "latin1",
    ),
  );
  return Buffer.concat(parts);
}
