// Every document builder (Word and Excel) with hostile text in every text it takes: each file must
// be XML every part of which a strict parser accepts (as Word and Excel demand), open in the reader
// we use for it (mammoth, exceljs), and give the text back, with "�" where XML cannot carry a character.
import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import mammoth from "mammoth";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";

import { buildEvaluationDocx } from "./evaluation-docx.ts";
import type { EvaluationDocument } from "./evaluation-types.ts";
import { buildEvaluationXlsx } from "./evaluation-xlsx.ts";
import { parseLedgerWorkbook } from "./ledger-workbook-parse.ts";
import { buildLedgerWorkbook } from "./ledger-workbook.ts";
import { buildSummaryWorkbook } from "./summary-xlsx.ts";
import { documentText } from "./xml-text.ts";

const ODD = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000B",
  "\u001F",
  "\uFFFE",
  "\uFFFF",
  "\uD83D",
  "\uDE00",
  "_x0000_",
  "_x0041_",
  "_xFFFE_",
  "&",
  "<",
  "]]>",
  "\"'",
  "😀",
  "\t",
  "\r\n",
  "\r",
  "督办",
];
/** text with characters XML cannot carry, Excel's escapes, markup, emoji and halves of emoji, or anything at all */
const hostile = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...ODD), fc.string({ maxLength: 4 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((parts) => parts.join("")),
  fc.string({ unit: "binary", minLength: 1, maxLength: 30 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    minLength: 1,
    maxLength: 30,
  }),
);

/** Every XML part of the file through a strict XML 1.0 parser: what Word and Excel require before they show anything. */
async function strictXmlParts(file: Buffer): Promise<void> {
  const zip = await JSZip.loadAsync(file);
  for (const part of Object.values(zip.files).filter(
    (f) => !f.dir && /\.(xml|rels)$/.test(f.name),
  )) {
    const parser = new SaxesParser({ xmlns: false });
    parser.on("error", (error) => {
      throw new Error(`${part.name}: ${error.message}`);
    });
    parser.write(await part.async("string")).close();
  }
}

/** What a reader gives back for text the builder was given: documentText's, with XML's line ends (CR becomes LF). */
const readBack = (text: string) => documentText(text, "xml").replace(/\r\n?/g, "\n");
/** Word paragraphs reflow white space: compare without it */
const squeeze = (text: string) => text.replace(/\s+/gu, "");

const row = (name: string) => ({
  name,
  total: 3,
  completed: 1,
  onSchedule: 1,
  lagging: 1,
  overdue: 0,
  completionRate: 33.3,
  averageProgress: 40,
  expectedProgress: 50,
});
const evaluation = (t: string[]): EvaluationDocument => ({
  kind: "FINAL",
  title: `${t[0]}评估报告`,
  plan: { id: "p", title: t[1]!, jurisdiction: t[2]!, periodStart: 2021, periodEnd: 2025 },
  asOf: "2025-12-31",
  totals: row("合计"),
  indicators: [
    {
      number: 1,
      name: t[3]!,
      unit: t[4]!,
      nature: "预期性",
      baseline: 1,
      target: 2,
      latestPeriod: "2025Q4",
      latestValue: 1.5,
      expected: 1.8,
      status: "滞后",
      attainment: 50,
    },
  ],
  departments: [row(t[5]!)],
  chapters: [row(t[6]!)],
  lagging: [
    {
      title: t[7]!,
      department: t[5]!,
      state: "滞后",
      progress: 30,
      expected: 50,
      dueDate: "2025-12-31",
      explanation: t[8]!,
    },
  ],
  adjustments: [
    {
      title: t[7]!,
      department: t[5]!,
      kind: "调整完成时限",
      from: "2024-12-31",
      to: "2025-06-30",
      reason: t[9]!,
      at: "2024-10-01",
    },
  ],
});
const texts = fc.array(hostile, { minLength: 10, maxLength: 10 });

describe("documents from hostile text open and read back", () => {
  it("the evaluation as Word: strict XML, opens in mammoth, every text there", async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (t) => {
        const file = await buildEvaluationDocx(evaluation(t));
        await strictXmlParts(file);
        const { value } = await mammoth.extractRawText({ buffer: file });
        for (const text of [`${t[0]}评估报告`, t[3]!, t[5]!, t[7]!, t[8]!, t[9]!])
          expect(squeeze(value)).toContain(squeeze(readBack(text)));
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("DEL and C1 controls, which exceljs drops on reading, become U+FFFD like any non-XML character", async () => {
    const t = ["开", "x", "x", "\u007f\ud800指标", "x", "单位\u0085", "x", "x", "\u009f", "x"];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildEvaluationXlsx(evaluation(t))) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("主要指标")!.getCell("B2").value).toBe("\ufffd\ufffd指标");
    expect(wb.getWorksheet("各单位")!.getCell("A2").value).toBe("单位\ufffd");
  });

  it("the evaluation as Excel: strict XML, opens in exceljs, every cell as written", async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (t) => {
        const file = await buildEvaluationXlsx(evaluation(t));
        await strictXmlParts(file);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(file as unknown as ArrayBuffer);
        expect(wb.getWorksheet("主要指标")!.getCell("B2").value).toBe(readBack(t[3]!));
        expect(wb.getWorksheet("各单位")!.getCell("A2").value).toBe(readBack(t[5]!));
        expect(wb.getWorksheet("滞后事项")!.getCell("G2").value).toBe(readBack(t[8]!));
        expect(wb.getWorksheet("规划调整")!.getCell("E2").value).toBe(readBack(t[9]!));
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("the quarterly summary workbook: title, sheet, header and cell", async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (t) => {
        const file = await buildSummaryWorkbook({
          title: t[0]!,
          sections: [
            {
              name: t[1]!,
              columns: [
                { header: t[2]!, key: "a" },
                { header: "完成率", key: "b", percent: true },
              ],
              rows: [{ a: t[3]!, b: 50 }],
            },
          ],
        });
        await strictXmlParts(file);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(file as unknown as ArrayBuffer);
        expect(wb.title).toBe(readBack(t[0]!));
        const ws = wb.worksheets[0]!;
        expect(ws.getCell("A1").value).toBe(readBack(t[2]!));
        expect(ws.getCell("A2").value).toBe(readBack(t[3]!));
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it("the ledger workbook: unit names and reports, exported and imported again", async () => {
    await fc.assert(
      fc.asyncProperty(texts, async (t) => {
        const file = await buildLedgerWorkbook({
          plan: { id: "11111111-1111-4111-8111-111111111111", title: t[0]!, jurisdiction: t[1]! },
          period: "2025Q4",
          departments: [
            {
              id: "d1",
              name: t[2]!,
              rows: [
                {
                  taskId: "t1",
                  code: null,
                  chapter: t[3]!,
                  title: t[4]!,
                  role: "牵头",
                  lead: t[2]!,
                  supporting: t[5]!,
                  dueDate: "2025-12-31",
                  taskStatus: "推进中",
                  progressText: t[6]!,
                  percentComplete: 50,
                  status: "推进中",
                  problems: t[7]!,
                  nextSteps: t[8]!,
                  reviewState: null,
                },
              ],
            },
          ],
        });
        await strictXmlParts(file);
        const parsed = await parseLedgerWorkbook(new Uint8Array(file));
        const cells = parsed.rows[0]!.cells;
        // the import reads a cell of white space only as blank
        const imported = (text: string) => (readBack(text).trim() ? readBack(text) : "");
        expect(
          [cells.progressText.value, cells.problems.value, cells.nextSteps.value].map(
            (v) => v ?? "",
          ),
        ).toEqual([t[6]!, t[7]!, t[8]!].map(imported));
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
