// Indicator tables: recognise the header and parse one row from the text of one to three lines.
import { cleanInline } from "./text.ts";
import type { IndicatorRow } from "./types.ts";

export type Columns = {
  headers: string[];
  unit: boolean;
  nature: boolean;
  category: boolean;
  baselineYear: number | null;
  targetYear: number | null;
};

const YEAR = /(?:19|20)\d{2}/gu;

/** Header text → columns, or null when the text is not an indicator table header. */
export const parseHeader = (text: string): Columns | null => {
  if (text.length > 120 || /[。；;]/u.test(text)) return null;
  if (!/指标|项目名称|名称/u.test(text)) return null;
  const hasSerial = /序号|编号/u.test(text);
  const hasColumnWords = /单位|属性|性质|类别|领域/u.test(text);
  const years = Array.from(text.matchAll(YEAR), (m) => Number(m[0]));
  const hasValueWords = years.length > 0 || /目标|基期|现状|基数/u.test(text);
  if (!(hasSerial || hasColumnWords) || !hasValueWords) return null;
  const headers = cleanHeader(text);
  const baselineYear =
    years.length >= 2
      ? (years[0] ?? null)
      : years.length === 1 && !/目标/u.test(text)
        ? (years[0] ?? null)
        : null;
  const targetYear =
    years.length >= 2
      ? (years[years.length - 1] ?? null)
      : years.length === 1 && /目标/u.test(text)
        ? (years[0] ?? null)
        : null;
  return {
    headers,
    unit: headers.some((h) => /^(?:计量)?单位$/u.test(h)),
    nature: headers.some((h) => /属性|性质/u.test(h)),
    category: headers.some((h) => /^(?:类别|领域|分类|类型|一级指标|维度)$/u.test(h)),
    baselineYear,
    targetYear,
  };
};

const cleanHeader = (text: string): string[] =>
  text
    .replace(/((?:19|20)\d{2})\s+(年)/gu, "$1$2")
    .replace(/(年)\s+(目标|基期|现状)/gu, "$1$2")
    .split(" ")
    .map((t) => t.trim())
    .filter((t) => t !== "");

/** Does this short line continue a header broken over lines ("2025 年目标")? */
export const isHeaderContinuation = (text: string): boolean =>
  text.length <= 40 &&
  !/[。，；]/u.test(text) &&
  !/^\d{1,3}\s/u.test(text) &&
  /(?:19|20)\d{2}|目标|基期|现状|单位|属性|类别|备注|值/u.test(text);

const VALUE = /^[〔[【(（]?[<>≤≥＞＜]?[-+]?\d+(?:\.\d+)?(?:%|‰)?(?:以上|以下|左右)?[〕\]】)）]?$/u;
const MISSING = /^(?:[-—–－/／─]+|无|暂无|—)$/u;
const NATURE = /^(预期性|约束性|预期|约束)$/u;

const isValueToken = (t: string): boolean => VALUE.test(t) || MISSING.test(t);

export const parseValue = (text: string): number | null => {
  if (MISSING.test(text)) return null;
  const m = /[-+]?\d+(?:\.\d+)?/u.exec(text);
  return m ? Number(m[0]) : null;
};

const DECREASE =
  /能耗|排放|污染|碳强度|用水量|耗水|下降|降低|减少|事故|死亡|失业|发病|贫困|不良率|空置/u;

export type ParsedRow = Omit<IndicatorRow, "line" | "category"> & {
  category: string | null;
  numbered: boolean;
};

/** Parse the tokens of one row. Returns null when the text does not end with two value cells. */
export const parseRow = (text: string, columns: Columns): ParsedRow | null => {
  const tokens = text
    .replace(/((?:19|20)\d{2})\s+(年)/gu, "$1$2")
    .split(" ")
    .filter((t) => t !== "");
  let nature: IndicatorRow["nature"] = null;
  const last = tokens[tokens.length - 1];
  if (last !== undefined && NATURE.test(last)) {
    nature = last.startsWith("约束") ? "BINDING" : "EXPECTED";
    tokens.pop();
  }
  const targetText = tokens.pop();
  const baselineText = tokens.pop();
  if (
    targetText === undefined ||
    baselineText === undefined ||
    !isValueToken(targetText) ||
    !isValueToken(baselineText)
  )
    return null;
  let unitColumn: string | null = null;
  if (columns.unit && tokens.length > 1) {
    const u = tokens[tokens.length - 1] ?? "";
    if (u.length <= 8 && !/^\d+$/u.test(u)) unitColumn = tokens.pop() ?? null;
  }
  let category: string | null = null;
  const serialAt = tokens.findIndex((t) => /^\d{1,3}$/u.test(t));
  if (columns.category && serialAt > 0) category = tokens.splice(0, serialAt).join("");
  let number = 0;
  let numbered = false;
  if (tokens[0] !== undefined && /^\d{1,3}$/u.test(tokens[0])) {
    number = Number(tokens.shift());
    numbered = true;
  }
  const rawName = cleanInline(tokens.join(" "));
  if (rawName === "" || !/[\u4e00-\u9fffA-Za-z]/u.test(rawName)) return null;
  const { name, unit: nameUnit } = splitUnit(rawName);
  const unitText = unitColumn ?? nameUnit;
  const cumulative =
    /累计/u.test(rawName) || /累计/u.test(unitText ?? "") || /^[〔[【]/u.test(targetText);
  const unit = unitText ? unitText.replace(/累计|[，,、\s]/gu, "") || null : null;
  return {
    number,
    numbered,
    name,
    unit,
    baseline: parseValue(baselineText),
    target: parseValue(targetText),
    baselineText,
    targetText,
    nature,
    direction: DECREASE.test(name) ? "DECREASE" : "INCREASE",
    cumulative,
    category,
  };
};

const UNIT_CHARS =
  /^[%‰个家件项人万亿千百元吨米公里平方亩台套次篇部所座岁年户床名张辆条处间只头标准kmwhKWhtT/／·]+$/u;

/** "R&D 经费支出（万元）" → name "R&D 经费支出", unit "万元". */
export const splitUnit = (raw: string): { name: string; unit: string | null } => {
  const m = /[（(]([^（）()]{1,16})[）)]$/u.exec(raw);
  if (!m) return { name: raw, unit: null };
  const inner = (m[1] ?? "").trim();
  const core = inner.replace(/累计|[，,、\s]/gu, "");
  const looksLikeUnit =
    core === "" ? /累计/u.test(inner) : core.length <= 6 && UNIT_CHARS.test(core);
  if (!looksLikeUnit) return { name: raw, unit: null };
  return { name: raw.slice(0, m.index).trim(), unit: inner.replace(/／/gu, "/") || null };
};
