import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { buildEvaluationXlsx } from "./evaluation-xlsx.ts";
import { parseLedgerWorkbook } from "./ledger-workbook-parse.ts";
import { buildLedgerWorkbook, type LedgerWorkbookData } from "./ledger-workbook.ts";
import { isLegalSheetName, MAX_SHEET_NAME, SheetNames } from "./sheet-names.ts";
import { buildSummaryWorkbook } from "./summary-xlsx.ts";

/** Names that break one of Excel's rules each, and their mixtures. */
const HOSTILE = [
  "History",
  "history",
  "HISTORY",
  "'",
  "''",
  "'科技局",
  "科技局'",
  "' '",
  "科技局",
  "科技局",
  "科技局 ",
  "[科技]局",
  "a:b",
  "a/b\\c",
  "?*",
  "_duban",
  "_DUBAN",
  "Sheet",
  "sheet",
  "ABC",
  "abc",
  "Abc",
  "ß",
  "SS",
  "e\u0301",
  "\u00e9",
  "\u0001控制\u001f字符",
  "\t",
  "\uFFFE\uFFFF",
  "\ud800孤立代理",
  "孤立代理\udc00",
  "x".repeat(30) + "😀",
  "y".repeat(31) + "z",
  "单位".repeat(20),
  "😀".repeat(20),
  "👨‍👩‍👧‍👦".repeat(8),
  "'".repeat(40) + "a",
  " ".repeat(5),
  "",
];
const hostileName = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      "'",
      "[",
      "]",
      ":",
      "*",
      "?",
      "/",
      "\\",
      " ",
      "a",
      "A",
      "史",
      "😀",
      "\ud83d",
      "\u0000",
    ),
    maxLength: 40,
  }),
  fc
    .tuple(fc.constantFrom(...HOSTILE), fc.constantFrom("", " ", "'", "(2)", " (2)"))
    .map(([a, b]) => a + b),
);
const hostileNames = fc.array(hostileName, { minLength: 1, maxLength: 12 });

async function reopen(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function expectLegalAndUnique(names: string[]) {
  for (const n of names) expect(isLegalSheetName(n), JSON.stringify(n)).toBe(true);
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
}

const row = (taskId: string, lead: string) => ({
  taskId,
  code: null,
  chapter: null,
  title: `任务 ${taskId}`,
  role: "牵头",
  lead,
  supporting: lead,
  dueDate: "2025-12-31",
  taskStatus: "推进中",
  progressText: "",
  percentComplete: null,
  status: "",
  problems: "",
  nextSteps: "",
  reviewState: null,
});

describe("SheetNames", () => {
  it("makes every name legal and unique, case-insensitively, within 31 UTF-16 units on a character boundary", () => {
    fc.assert(
      fc.property(hostileNames, (input) => {
        const names = new SheetNames(["_duban"]);
        const out = input.map((n) => names.take(n, "单位"));
        expectLegalAndUnique([...out, "_duban"]);
        for (const n of out) {
          expect(n.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
          expect(/\p{Cs}/u.test(n)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a legal name as it is and says plainly what it changed", () => {
    const names = new SheetNames();
    expect(
      ["科学技术局", "History", "history", "'审计局'", "a/b", "", "ABC", "abc"].map((n) =>
        names.take(n, "单位"),
      ),
    ).toEqual([
      "科学技术局",
      "History (2)",
      "history (3)",
      "审计局",
      "a_b",
      "单位",
      "ABC",
      "abc (2)",
    ]);
    expect(new SheetNames().take("x".repeat(30) + "😀")).toBe("x".repeat(30));
    expect(new SheetNames().take("😀".repeat(20))).toBe("😀".repeat(15));
  });
});

describe("every workbook builder, with hostile names from the data", () => {
  it("the ledger workbook builds, opens again, has legal unique names, and each sheet's rows come back with their unit", async () => {
    await fc.assert(
      fc.asyncProperty(hostileNames, async (input) => {
        const data: LedgerWorkbookData = {
          plan: { id: "11111111-1111-4111-8111-111111111111", title: "规划", jurisdiction: "甲县" },
          period: "2025Q4",
          departments: input.map((name, i) => ({ id: `d${i}`, name, rows: [row(`t${i}`, name)] })),
        };
        const wb = await reopen(await buildLedgerWorkbook(data));
        const visible = wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name);
        expect(visible).toHaveLength(input.length);
        expectLegalAndUnique(wb.worksheets.map((w) => w.name));
        // the import finds each unit through the hidden map, whatever its sheet was renamed to
        for (const [i, ws] of wb.worksheets.filter((w) => w.state === "visible").entries()) {
          ws.getCell("J2").value = `进展 ${i}`;
        }
        const parsed = await parseLedgerWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()));
        expect(
          parsed.rows.map((r) => [r.departmentId, r.taskId, r.cells.progressText.value]),
        ).toEqual(input.map((_, i) => [`d${i}`, `t${i}`, `进展 ${i}`]));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("the summary workbook names its sections' sheets legally", async () => {
    await fc.assert(
      fc.asyncProperty(hostileNames, async (input) => {
        const bytes = await buildSummaryWorkbook({
          title: "汇总",
          sections: input.map((name) => ({
            name,
            columns: [{ header: "单位", key: "name" }],
            rows: [{ name }],
          })),
        });
        const wb = await reopen(bytes);
        expect(wb.worksheets).toHaveLength(input.length);
        expectLegalAndUnique(wb.worksheets.map((w) => w.name));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("the evaluation workbook keeps its fixed sheet names", async () => {
    const totals = {
      name: "合计",
      total: 1,
      completed: 0,
      onSchedule: 1,
      lagging: 0,
      overdue: 0,
      completionRate: 0,
      averageProgress: 10,
      expectedProgress: 10,
    };
    const wb = await reopen(
      await buildEvaluationXlsx({
        totals,
        indicators: [],
        departments: [],
        chapters: [],
        lagging: [],
        adjustments: [],
      } as unknown as Parameters<typeof buildEvaluationXlsx>[0]),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "总体情况",
      "主要指标",
      "各单位",
      "各章节",
      "滞后事项",
      "规划调整",
    ]);
  });
});
