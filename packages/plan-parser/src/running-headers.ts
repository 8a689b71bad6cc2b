// Running page headers and footers: a line a word processor prints on every page (the document's
// title, `××县人民政府公报`), which PDF text puts between the pages' text, next to the page number.
import { matchHeading } from "./headings.ts";
import { isPageNumber, type SourceLine } from "./lines.ts";
import type { ParseWarning } from "./types.ts";

const compact = (s: string): string => s.replace(/\s+/gu, "");
const CJK = /[\u4e00-\u9fff]/gu;

/**
 * Lines that are a running page header or footer, as indexes into `lines`, with one
 * PAGE_HEADER_SKIPPED warning naming them. A line is one when its text (spaces ignored) is short
 * (≤ 40 characters, at least 6 Chinese ones), is no heading and does not end a sentence, and
 * either stands next to a page number at least twice, or is the document's title (`title`) and
 * stands next to a page number or comes back at least twice after the title block (`from`).
 * Tab- or space-separated table rows are never taken (a table's repeated header is the table
 * reader's). Linear in the number of lines.
 */
export const findRunningHeaders = (
  lines: readonly SourceLine[],
  title: string | null,
  from: number,
): { indexes: Set<number>; warning: ParseWarning | null } => {
  const groups = new Map<string, { at: number[]; byPage: number }>();
  const titleKey = title ? compact(title) : null;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] as SourceLine;
    if (line.cells || line.text.length > 40 || /[。；;！？!?]$/u.test(line.text)) continue;
    const prev = lines[i - 1];
    const next = lines[i + 1];
    const byPage = (prev && isPageNumber(prev.text)) || (next && isPageNumber(next.text));
    const key = compact(line.text);
    // only a line by a page number or the title can be one: most lines stop here
    if (!byPage && key !== titleKey) continue;
    if ((key.match(CJK)?.length ?? 0) < 6 || matchHeading(line.text)) continue;
    const g = groups.get(key) ?? { at: [], byPage: 0 };
    g.at.push(i);
    if (byPage) g.byPage++;
    groups.set(key, g);
  }
  const indexes = new Set<number>();
  let shown = "";
  for (const [key, g] of groups) {
    const isTitle = key === titleKey;
    if (g.byPage >= 2 || (isTitle && (g.byPage >= 1 || g.at.length >= 2))) {
      for (const i of g.at) indexes.add(i);
      shown ||= key;
    }
  }
  if (indexes.size === 0) return { indexes, warning: null };
  const sorted = [...indexes].sort((a, b) => a - b);
  const nos = sorted.map((i) => lines[i]?.no ?? 0);
  const listed = nos.length > 8 ? `${nos.slice(0, 8).join("、")} 等` : nos.join("、");
  return {
    indexes,
    warning: {
      code: "PAGE_HEADER_SKIPPED",
      message: `第 ${listed} 行是每页重复的页眉或页脚（如“${shown.slice(0, 30)}”），已略过`,
      line: nos[0] ?? 0,
    },
  };
};
