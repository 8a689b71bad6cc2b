// Prose vs indicator table: a sentence about the baseline (or target) year that names an
// indicator and gives a different figure in the same unit is worth a warning.
import { fiveYearPeriod } from "./meta.ts";
import { parseNumeral } from "./numerals.ts";
import { lineAt, mapPieces, type Piece } from "./text-map.ts";
import type { IndicatorRow, IndicatorTable, ParseWarning } from "./types.ts";

type Scope = { pieces: readonly Piece[] };

export const checkProseAgainstTables = (
  scopes: readonly Scope[],
  tables: readonly IndicatorTable[],
): ParseWarning[] => {
  const out: ParseWarning[] = [];
  const usable = tables.filter((t) => t.baselineYear !== null || t.targetYear !== null);
  if (usable.length === 0) return out;
  const seen = new Set<string>();
  for (const scope of scopes) {
    const mapped = mapPieces(scope.pieces);
    if (mapped.text.length > 2_000_000) continue;
    let year: number | null = null;
    for (const s of mapped.text.matchAll(/[^。！？!?]+[。！？!?]?/gu)) {
      const sentence = s[0];
      const offset = s.index ?? 0;
      year = sentenceYear(sentence, year);
      if (year === null || /分别/u.test(sentence)) continue;
      for (const f of figures(sentence)) {
        for (const t of usable) {
          const which =
            year === t.baselineYear ? "baseline" : year === t.targetYear ? "target" : null;
          if (!which) continue;
          const hit = bestRow(t.rows, f);
          if (!hit) continue;
          const expected = which === "baseline" ? hit.row.baseline : hit.row.target;
          if (
            expected === null ||
            Math.abs(expected - hit.value) <= Math.abs(expected) * 1e-6 + 1e-9
          )
            continue;
          // A figure of another order of magnitude is more likely a different measure than a contradiction.
          if (!sameOrder(expected, hit.value)) continue;
          const line = lineAt(mapped, offset + f.at);
          const key = `${line}|${hit.row.number}|${f.raw}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const label = which === "baseline" ? "基期值" : "目标值";
          out.push({
            code: "PROSE_TABLE_MISMATCH",
            message: `正文第 ${line} 行称“${f.subject} ${f.raw}”（${year} 年），与指标表第 ${hit.row.number} 行“${hit.row.name}”的${label} ${which === "baseline" ? hit.row.baselineText : hit.row.targetText} ${hit.row.unit ?? ""} 不一致`,
            line,
          });
        }
      }
    }
  }
  return out;
};

const sameOrder = (a: number, b: number): boolean => a > 0 && b > 0 && a / b <= 2 && b / a <= 2;

const COMPARISON = /[较比与同于从自]\s*$/u;

/** The year a sentence talks about; sentences without one inherit the previous sentence's year. */
const sentenceYear = (sentence: string, inherited: number | null): number | null => {
  if (/(?:19|20)\d{2}\s*年?\s*(?:[—\-–~～至到])\s*(?:19|20)\d{2}/u.test(sentence)) return null;
  for (const m of sentence.matchAll(/((?:19|20)\d{2})\s*年/gu)) {
    const before = sentence.slice(Math.max(0, (m.index ?? 0) - 2), m.index ?? 0);
    if (!COMPARISON.test(before)) return Number(m[1]);
  }
  const fyp = /十([一二三四五六七八九])五[”"’]?\s*(期间|以来|末|期末|时期)/u.exec(sentence);
  if (fyp) {
    const period = fiveYearPeriod(10 + (parseNumeral(fyp[1] ?? "") ?? 0));
    if (period && fyp[2] !== "时期") return period.end;
  }
  return inherited;
};

type Figure = { value: number; unitText: string; subject: string; raw: string; at: number };

const NUMBER = /(\d+(?:\.\d+)?)\s*((?:%|‰|[^\s\d，。；：、,;:（）()“”]){1,6})/gu;
const APPROXIMATE = /(?:约|近|预计|超过|左右|将超)\s*$/u;

const figures = (sentence: string): Figure[] => {
  const out: Figure[] = [];
  for (const m of sentence.matchAll(NUMBER)) {
    const at = m.index ?? 0;
    const unitText = m[2] ?? "";
    if (/^年/u.test(unitText)) continue;
    if (at > 0 && /[\d.]/u.test(sentence[at - 1] ?? "")) continue;
    const before = sentence.slice(Math.max(0, at - 40), at);
    if (APPROXIMATE.test(before) || /^左右/u.test(unitText)) continue;
    const cut = Math.max(
      before.lastIndexOf("，"),
      before.lastIndexOf("；"),
      before.lastIndexOf("、"),
      before.lastIndexOf("："),
      before.lastIndexOf("（"),
      before.lastIndexOf(","),
    );
    const subject = before.slice(cut + 1).replace(/\s+/gu, "");
    out.push({
      value: Number(m[1]),
      unitText,
      subject,
      raw: `${m[1]} ${unitText.replace(/[以上下的]+$/u, "")}`.trim(),
      at,
    });
  }
  return out;
};

const normalise = (s: string): string =>
  s
    .replace(/\s+/gu, "")
    .replace(/研究与试验发展|研究与发展/gu, "R&D")
    .toUpperCase();

const bigrams = (s: string): string[] => {
  const out: string[] = [];
  for (const w of s.match(/[A-Z&]{2,}/gu) ?? []) out.push(w);
  for (const run of s.match(/[\u4e00-\u9fff]+/gu) ?? [])
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
};

const VERB_TAIL =
  /(?:已?达到|达|为|仅为|突破|提高到|提升至|增至|增长到|共|总计|累计达?|已达|拥有|共有|力争|将)+$/u;
/** Qualifiers prose often leaves out: "有效发明专利拥有量" is written "发明专利拥有量". */
const SOFT_PREFIX = /^(?:有效|全社会|全市|全县|全区|全省|年度|年均)/u;

/**
 * Score how well the words just before a figure name this indicator (0 = not at all): the
 * name's head and tail must both sit at the end of the phrase, and most of its bigrams in it.
 */
export const nameScore = (name: string, rawSubject: string): number => {
  const n = normalise(name).replace(SOFT_PREFIX, "");
  const subject = normalise(rawSubject).replace(VERB_TAIL, "");
  if (n.length < 2 || subject.length < 2) return 0;
  for (const word of n.match(/[A-Z&]{2,}/gu) ?? []) if (!subject.includes(word)) return 0;
  const nb = bigrams(n);
  const head = /^[A-Z&]{2,}/u.exec(n)?.[0] ?? n.slice(0, 2);
  const last = nb[nb.length - 1];
  if (!last || !subject.slice(-3).includes(last)) return 0;
  const headAt = subject.lastIndexOf(head);
  if (headAt < 0 || subject.length - headAt > n.length + 4) return 0;
  const sb = new Set(bigrams(subject));
  const containment = nb.filter((b) => sb.has(b)).length / nb.length;
  return containment >= 0.6 ? containment : 0;
};

const convert = (f: Figure, unit: string): number | null => {
  const u = f.unitText.replace(/\s+/gu, "");
  const perTenThousand = /^万人|^每万人/u.test(f.subject);
  if (u.startsWith(unit)) return f.value;
  if (perTenThousand && unit.endsWith("/万人") && u.startsWith(unit.slice(0, -3))) return f.value;
  if (unit === "万元" && u.startsWith("亿元")) return f.value * 10000;
  if (unit === "亿元" && u.startsWith("万元")) return f.value / 10000;
  return null;
};

const bestRow = (
  rows: readonly IndicatorRow[],
  f: Figure,
): { row: IndicatorRow; value: number } | null => {
  let best: { row: IndicatorRow; value: number; score: number } | null = null;
  for (const row of rows) {
    if (!row.unit) continue;
    const value = convert(f, row.unit);
    if (value === null) continue;
    const score = nameScore(row.name, f.subject);
    if (score > 0 && (!best || score > best.score)) best = { row, value, score };
  }
  return best;
};
