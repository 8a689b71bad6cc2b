// A table of contents (目录) at the front of a plan: its lines read as headings, and the plan's
// headings would then all appear twice. Recognised in three forms, all skipped with a warning:
// - a `目录` line followed by the heading list (with or without page numbers);
// - lines `第一章 总体要求 ……… 1` (dot leaders and a page number) without a `目录` line;
// - the heading list repeated at the front without page numbers: a run of headings with no text
//   between them whose first entries come back later as the real headings.
import { isPrefaceHeading, matchBox, matchHeading } from "./headings.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import type { ParseWarning } from "./types.ts";

export type TableOfContents = {
  /** indexes into the source lines: the `目录` line, the entries, page numbers between them */
  indexes: number[];
  warning: ParseWarning;
};

const TOC_HEADING = /^(?:目\s*录|目\s*次|contents)$/iu;
/** Dot leaders (`……`, `……`, `·····`, `.....`, `———`) then a page number. */
const LEADER_ENTRY = /^(.+?)\s*(?:[.．·•・…⋯]{2,}|…|[-—_]{3,})\s*[-—]?\s*\d{1,3}\s*[-—]?$/u;
/** A heading then spaces and a page number, read as an entry only inside a `目录` block. */
const BARE_ENTRY = /^(.+?[^\d\s.．])\s+\d{1,3}$/u;

/** Only the first lines of a plan are searched: a table of contents never comes later. */
const SEARCH_LINES = 120;
/** An entry is a heading and a page number: longer lines are text (and skip the regexes). */
const MAX_ENTRY = 120;
/** A run of headings this long at the front, repeated later, is a table of contents. */
const MIN_RUN = 3;

/** An entry's text without its leaders and page number, and without spaces, for comparing. */
const entryKey = (text: string): string => {
  const m = LEADER_ENTRY.exec(text) ?? BARE_ENTRY.exec(text);
  return (m ? (m[1] ?? "") : text).replace(/\s+/gu, "");
};

const isHeadingLine = (text: string): boolean =>
  matchHeading(text) !== null ||
  matchBox(text) !== null ||
  isPrefaceHeading(text.replace(/\s+/gu, "")) ||
  /^(?:附\s*件|附\s*表|附\s*录|结\s*语|结\s*束\s*语)/u.test(text);

const entryOf = (text: string, inBlock: boolean): boolean => {
  if (text.length > MAX_ENTRY) return false;
  if (LEADER_ENTRY.test(text)) return true;
  if (inBlock && BARE_ENTRY.test(text) && isHeadingLine(entryKey(text))) return true;
  return inBlock && isHeadingLine(text) && text.length <= 60;
};

const warningFor = (lines: readonly SourceLine[], indexes: readonly number[]): ParseWarning => {
  const first = lines[indexes[0] ?? 0]?.no ?? 0;
  const last = lines[indexes[indexes.length - 1] ?? 0]?.no ?? first;
  return {
    code: "TOC_SKIPPED",
    message: `第 ${first}–${last} 行是目录（${indexes.length} 行），已跳过，标题只按正文计`,
    line: first,
  };
};

/** True when the entry's heading text comes back later in the document (the real heading). */
const recurs = (lines: readonly SourceLine[], from: number, key: string): boolean => {
  for (let i = from; i < lines.length; i++)
    if (lines[i]?.text.replace(/\s+/gu, "") === key) return true;
  return false;
};

/** Entries from `start` on: leader lines anywhere; plain headings only after a `目录` line. */
const entryRun = (lines: readonly SourceLine[], start: number, inBlock: boolean): number[] => {
  const run: number[] = [];
  const firstKey = { value: "" };
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] as SourceLine).text;
    if (isPageNumber(text) && run.length > 0) {
      run.push(i);
      continue;
    }
    if (!entryOf(text, inBlock)) break;
    const key = entryKey(text);
    // the first entry again, written as a heading: the table is over, the plan begins
    if (firstKey.value === key && !LEADER_ENTRY.test(text)) break;
    if (firstKey.value === "") firstKey.value = key;
    run.push(i);
  }
  while (run.length > 0 && isPageNumber(lines[run[run.length - 1] as number]?.text ?? ""))
    run.pop();
  return run;
};

/**
 * Finds the table of contents in the first SEARCH_LINES lines, if any. Returns the line indexes to
 * skip and a `TOC_SKIPPED` warning naming the line range, or null. Plain heading lines count as
 * entries only after a `目录` line, or when at least MIN_RUN of them stand together and the first
 * two come back later in the text (so a plan that opens with nested headings is left alone).
 */
export const findTableOfContents = (lines: readonly SourceLine[]): TableOfContents | null => {
  const limit = Math.min(lines.length, SEARCH_LINES);
  for (let i = 0; i < limit; i++) {
    const text = (lines[i] as SourceLine).text;
    if (text.length > MAX_ENTRY) continue;
    if (TOC_HEADING.test(text.replace(/\s+/gu, ""))) {
      const run = entryRun(lines, i + 1, true);
      if (run.length === 0) continue;
      const indexes = [i, ...run];
      return { indexes, warning: warningFor(lines, indexes) };
    }
    if (LEADER_ENTRY.test(text) && isHeadingLine(entryKey(text))) {
      const run = entryRun(lines, i, false);
      if (run.length >= 2) return { indexes: run, warning: warningFor(lines, run) };
    }
    if (isHeadingLine(text)) {
      const run = entryRun(lines, i, true);
      const after = (run[run.length - 1] ?? i) + 1;
      const keys = run.slice(0, 2).map((r) => entryKey((lines[r] as SourceLine).text));
      if (run.length >= MIN_RUN && keys.every((k) => recurs(lines, after, k)))
        return { indexes: run, warning: warningFor(lines, run) };
      // the first heading that is not a table of contents starts the plan: stop looking
      return null;
    }
  }
  return null;
};
