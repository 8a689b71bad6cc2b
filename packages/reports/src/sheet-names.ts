/**
 * Excel's rules for a worksheet name, all of which a unit name (or any user text) can break:
 * - 1 to 31 characters, counted in UTF-16 units (a character outside the BMP counts 2);
 * - none of  : \ / ? * [ ]  and no control characters (XML cannot carry most of them);
 * - not starting or ending with an apostrophe;
 * - not "History", in any case (Excel reserves it for change tracking);
 * - unique within the workbook, compared case-insensitively.
 * Sources: Excel's rename-sheet dialog and the SpreadsheetML schema (ECMA-376 §18.2.19, `sheet@name`).
 */
export const MAX_SHEET_NAME = 31;
const RESERVED = ["History"];
const FORBIDDEN = /[:\\/?*[\]\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu;

const segmenter = new Intl.Segmenter("zh", { granularity: "grapheme" });

/** The longest prefix of `text` within `max` UTF-16 units that ends on a character (grapheme) boundary. */
export function cutToUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  // a single grapheme longer than the limit (a long combining sequence): cut between code points
  if (!out)
    for (const ch of text) {
      if (out.length + ch.length > max) break;
      out += ch;
    }
  return out;
}

/** Trims spaces and the apostrophes Excel refuses at either end, until neither is left. */
const trimEnds = (s: string) => s.replace(/^[\s']+|[\s']+$/gu, "");

/** The name with forbidden characters replaced and its ends cleaned, before any length cut. */
export function cleanSheetName(name: string): string {
  // a lone surrogate (a name cut inside a pair elsewhere) is a forbidden character here
  return trimEnds(name.normalize("NFC").replace(FORBIDDEN, "_"));
}

/** Both case foldings: Excel's case-insensitive comparison also covers ß/SS-like pairs. */
const keys = (name: string) => [name.toLowerCase(), name.toUpperCase().toLowerCase()];

/**
 * Hands out legal, unique worksheet names for one workbook. `take(text)` cleans the text (above),
 * cuts it to 31 UTF-16 units on a character boundary, and when the result is taken (or reserved)
 * appends " (2)", " (3)" … within the same 31 units. Empty text becomes `fallback`.
 */
export class SheetNames {
  private readonly used = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const name of [...RESERVED, ...reserved]) this.mark(name);
  }

  private mark(name: string) {
    for (const k of keys(name)) this.used.add(k);
  }

  private isFree(name: string) {
    return keys(name).every((k) => !this.used.has(k));
  }

  take(text: string, fallback = "Sheet"): string {
    const base = cleanSheetName(text) || cleanSheetName(fallback) || "Sheet";
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? "" : ` (${n})`;
      // base starts with a visible character, so the cut keeps at least that one
      const name = trimEnds(cutToUnits(base, MAX_SHEET_NAME - suffix.length)) + suffix;
      if (this.isFree(name)) {
        this.mark(name);
        return name;
      }
    }
  }
}

/** True when `name` obeys every rule above on its own (uniqueness is the caller's, see SheetNames). */
export function isLegalSheetName(name: string): boolean {
  return (
    name.length >= 1 &&
    name.length <= MAX_SHEET_NAME &&
    !/[:\\/?*[\]\p{Cc}\uFFFE\uFFFF]/u.test(name) &&
    !/\p{Cs}/u.test(name) &&
    !/^'|'$/.test(name) &&
    name.toLowerCase() !== "history"
  );
}
