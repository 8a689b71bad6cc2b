// What an uploaded file may cost the server, per kind, as named numbers. Every upload is held to
// these before a parser sees it (see open-upload.ts); the README's "Uploads" section states them.

const MB = 1024 * 1024;

/** Bounds on a zip container (.xlsx, .docx), checked from its central directory and while inflating. */
export type ZipLimits = {
  /** entries in the central directory */
  maxEntries: number;
  /** sum of every entry's size once inflated: declared in the directory, and counted while inflating */
  maxUncompressedBytes: number;
  /** XML parts are scanned while inflating when the parser builds a tree or objects from them */
  xml?: XmlLimits;
};

/** Bounds on the XML a parser builds objects from. */
export type XmlLimits = {
  /** element nesting */
  maxDepth: number;
  /** start tags over all XML parts of one file */
  maxElements: number;
};

/** Bounds on a PDF before pdf.js reads its text. */
export type PdfLimits = {
  /** pages, from the document's page tree */
  maxPages: number;
  /** sum of every FlateDecode stream's output (content streams, fonts, object streams, images) */
  maxDecodedBytes: number;
};

export type UploadKindLimits = { label: string; maxBytes: number; zip: ZipLimits; pdf?: PdfLimits };

/**
 * The 台账 workbook a unit fills in (`ledger.importWorkbook`, read by exceljs).
 *
 * Scale: the template the app exports for the province benchmark's large plan (5,000 tasks, 50
 * units, 7,500 unit rows; bench/README.md) is 2.6 MB, inflates to 9.6 MB and holds 302k XML
 * elements in 66 entries with 150-character reports; with 600-character reports 8 MB → 18.6 MB.
 * exceljs keeps ~240 bytes of objects per XML element (1M elements: +250 MB, 3 s; 3.15M:
 * +730 MB, 24 s: the size of the bomb) and the whole text of each part as a string. So:
 * 64 MB inflated (3.5× the long-report template), 1M elements (3.3×), 1,000 entries (two per
 * unit sheet plus ~15; a jurisdiction has at most a few hundred units). Depth: a sheet's XML is
 * 7 deep (worksheet/sheetData/row/c/is/r/t); 64 leaves room for any extension.
 */
export const LEDGER_WORKBOOK_LIMITS: UploadKindLimits = {
  label: "台账文件",
  maxBytes: 20 * MB,
  zip: {
    maxEntries: 1_000,
    maxUncompressedBytes: 64 * MB,
    xml: { maxDepth: 64, maxElements: 1_000_000 },
  },
};

/**
 * A plan document (`plan.preview`, `plan.import`, `pnpm duban import|parse`): .docx read by mammoth,
 * .pdf by pdf.js (unpdf), .xlsx (an Excel 分工表) by exceljs, .txt as is.
 *
 * mammoth is the costly one: it keeps ~1.6 KB per XML element and takes ~45 µs each (measured on
 * paragraphs formatted as government documents are, 23 elements each: 2,000 paragraphs, 46k
 * elements, +105 MB, 3.3 s; 20,000 paragraphs, 460k elements, +756 MB, 22 s). A long plan (150
 * pages, ~5,000 paragraphs) is ~115k elements. So: 250k elements (2×; at most ~400 MB and ~12 s),
 * 64 MB inflated (the upload is at most 20 MB and photos do not shrink when zipped, so real files
 * stay near their own size), 2,000 entries, depth 128 (tables in tables and text boxes reach ~30).
 * PDF: 2,000 pages (10× the longest plan), 256 MB of inflated streams (embedded CJK fonts are
 * 5–20 MB each once inflated).
 * .xlsx: the same zip bounds, stricter than a ledger workbook's (LEDGER_WORKBOOK_LIMITS: 1M
 * elements) because they are mammoth's: exceljs keeps ~240 bytes per element, so 250k elements
 * cost ~60 MB and ~1 s. A 分工表 of 1,000 task rows × 8 columns is ~25k elements.
 */
export const PLAN_DOCUMENT_LIMITS: UploadKindLimits = {
  label: "规划文件",
  maxBytes: 20 * MB,
  zip: {
    maxEntries: 2_000,
    maxUncompressedBytes: 64 * MB,
    xml: { maxDepth: 128, maxElements: 250_000 },
  },
  pdf: { maxPages: 2_000, maxDecodedBytes: 256 * MB },
};

/**
 * Evidence files (佐证材料). The server stores them and never parses them, but a .docx/.xlsx is
 * still unpacked once (without keeping anything) so that no zip bomb is stored for an office's
 * computer to open: 200 MB inflated (a Word file full of photos is about its own size inflated),
 * 5,000 entries. No XML limits: nothing here builds a tree.
 */
export const EVIDENCE_LIMITS: UploadKindLimits = {
  label: "佐证材料",
  maxBytes: 20 * MB,
  zip: { maxEntries: 5_000, maxUncompressedBytes: 200 * MB },
};

/**
 * Heavy parses (unpacking and parsing a container) at once in one process, and per user.
 * Two: the machine the product targets has two cores, and two of the largest files the limits
 * allow cost at most ~2 × 400 MB (a real template or plan: 50–250 MB). Four more wait their turn
 * (each parse is bounded above, so the wait is too); beyond that, and beyond one per user, the
 * answer is "server busy" at once, never an unbounded queue.
 */
export const HEAVY_PARSE_LIMITS = { running: 2, waiting: 4, perUser: 1 } as const;

export const UPLOAD_LIMITS = {
  ledgerWorkbook: LEDGER_WORKBOOK_LIMITS,
  planDocument: PLAN_DOCUMENT_LIMITS,
  evidence: EVIDENCE_LIMITS,
} as const;
export type UploadKind = keyof typeof UPLOAD_LIMITS;

/** "64 MB", "1 KB": sizes in messages */
export const formatBytes = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
