import type ExcelJS from "exceljs";

/**
 * What a spreadsheet cell says, in the terms an import needs. Every exceljs cell value type maps
 * to one of these; nothing becomes "[object Object]" and nothing is guessed:
 * - empty, or text that is only spaces → blank (a missing value, never 0)
 * - text, shared strings, rich text (runs joined), hyperlinks (their text, else the address) → text
 * - numbers → number, with whether the cell's format shows it as a percentage (`0%`)
 * - booleans, dates → as such (the caller decides whether they fit the column)
 * - formulas → what their saved result is; no saved result, or an error result, is a problem
 * - error values (#N/A, #DIV/0! …) → a problem naming the error
 * - a cell merged into another (not the merge's top-left cell) → a problem: which row it belongs to
 *   would be a guess
 */
export type CellReading =
  | { kind: "blank" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number; percentFormat: boolean }
  | { kind: "boolean"; value: boolean }
  | { kind: "date"; value: Date }
  | { kind: "problem"; message: string };

const ERROR_MEANING: Record<string, string> = {
  "#N/A": "值不可用",
  "#DIV/0!": "除以零",
  "#REF!": "引用无效",
  "#NAME?": "名称无法识别",
  "#VALUE!": "值的类型不对",
  "#NUM!": "数字无效",
  "#NULL!": "区域不相交",
};
const errorProblem = (code: string, viaFormula: boolean): CellReading => ({
  kind: "problem",
  message: `${viaFormula ? "公式的结果" : "单元格"}是错误值 ${code}（${ERROR_MEANING[code] ?? "错误"}），请改为实际内容 (the ${viaFormula ? "formula's result" : "cell"} is the error value ${code}; enter a real value)`,
});

/**
 * True when an Excel number format scales by 100 and shows "%": a `%` outside quotes and not
 * escaped (`0"%"` and `0\%` only print the sign, as the summary workbook's columns do).
 */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /%/.test(numFmt.replace(/"[^"]*"/g, "").replace(/\\./g, ""));
}

function fromText(text: string): CellReading {
  return text.trim() ? { kind: "text", text } : { kind: "blank" };
}

/** The reading of a cell value (and the cell's number format, for percentages). Pure: no workbook needed. */
export function readCellValue(value: ExcelJS.CellValue | unknown, numFmt?: string): CellReading {
  return read(value, numFmt, false);
}

function read(value: unknown, numFmt: string | undefined, viaFormula: boolean): CellReading {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value === "string") return fromText(value);
  if (typeof value === "number")
    return Number.isFinite(value)
      ? { kind: "number", value, percentFormat: isPercentFormat(numFmt) }
      : { kind: "problem", message: "数字无效 (not a finite number)" };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value instanceof Date)
    return Number.isNaN(value.getTime())
      ? { kind: "problem", message: "日期无效 (invalid date)" }
      : { kind: "date", value };
  if (typeof value !== "object")
    return { kind: "problem", message: "无法识别的单元格内容 (unrecognised cell content)" };
  const v = value as Record<string, unknown>;
  if (typeof v.error === "string") return errorProblem(v.error, viaFormula);
  if (Array.isArray(v.richText)) return fromText(richText(v.richText));
  if ("formula" in v || "sharedFormula" in v) {
    if (v.result === undefined || v.result === null) {
      const formula = String(v.formula ?? v.sharedFormula ?? "");
      return {
        kind: "problem",
        message: `公式 =${formula} 没有保存计算结果，请在 Excel 中重新计算并保存，或直接填写内容 (the formula =${formula} has no saved result: recalculate and save in Excel, or type the value)`,
      };
    }
    return read(v.result, numFmt, true);
  }
  if ("hyperlink" in v) {
    const text =
      typeof v.text === "string"
        ? v.text
        : v.text &&
            typeof v.text === "object" &&
            Array.isArray((v.text as { richText?: unknown }).richText)
          ? richText((v.text as { richText: unknown[] }).richText)
          : "";
    return fromText(text.trim() ? text : String(v.hyperlink ?? ""));
  }
  return { kind: "problem", message: "无法识别的单元格内容 (unrecognised cell content)" };
}

const richText = (runs: unknown[]) =>
  runs
    .map((r) =>
      r && typeof r === "object" && typeof (r as { text?: unknown }).text === "string"
        ? (r as { text: string }).text
        : "",
    )
    .join("");

/** A cell of a loaded sheet: its value, its number format, and whether it is hidden under a merge. */
export function readCell(cell: ExcelJS.Cell): CellReading {
  if (cell.isMerged && cell.master.address !== cell.address) {
    return {
      kind: "problem",
      message: `该单元格与 ${cell.master.address} 合并，请取消合并后逐行填写 (merged into ${cell.master.address}: unmerge and fill each row)`,
    };
  }
  return readCellValue(cell.value, cell.numFmt);
}

/** A date as Excel shows it by default: the day, plus the time of day when there is one. */
export function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.slice(11, 19) === "00:00:00"
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** A reading as the text a person sees in the cell; a problem stays a problem. */
export function readingAsText(r: CellReading): { text: string } | { problem: string } {
  switch (r.kind) {
    case "blank":
      return { text: "" };
    case "text":
      return { text: r.text };
    case "number":
      return {
        text: String(r.percentFormat ? scaled(r.value) : r.value) + (r.percentFormat ? "%" : ""),
      };
    case "boolean":
      return { text: r.value ? "TRUE" : "FALSE" };
    case "date":
      return { text: dateText(r.value) };
    case "problem":
      return { problem: r.message };
  }
}

/** value × 100 without floating noise (0.07 × 100 is 7.000000000000001). */
const scaled = (v: number) => Math.round(v * 100 * 1e9) / 1e9;

/**
 * A reading for a number column: blank → undefined (missing); a number as the cell shows it
 * (a `0%`-formatted 0.8 shows "80%" and is 80: what the person sees, not a guess); text that is a
 * plain number, optionally with "%" and in full-width digits ("８０％"), → that number; anything
 * else → its text, for the schema to refuse with its own message.
 */
export function readingAsNumber(
  r: CellReading,
): { value: number | string | undefined } | { problem: string } {
  if (r.kind === "blank") return { value: undefined };
  if (r.kind === "number") return { value: r.percentFormat ? scaled(r.value) : r.value };
  if (r.kind === "text") {
    const t = r.text.normalize("NFKC").trim();
    return {
      value: /^[+-]?(\d+(\.\d*)?|\.\d+)\s*%?$/.test(t)
        ? Number(t.replace(/\s*%$/, ""))
        : r.text.trim(),
    };
  }
  const shown = readingAsText(r);
  return "problem" in shown ? shown : { value: shown.text };
}
