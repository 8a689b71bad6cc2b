// The title block at the top of a plan: short lines before the first heading, one naming a 规划.
import { isPrefaceHeading, matchHeading } from "./headings.ts";
import type { SourceLine } from "./lines.ts";
import { cleanInline } from "./text.ts";

const PLAN_WORD = /规划|纲要|计划|方案/u;
const PERIOD_LINE = /^[（(]\s*(?:19|20)\d{2}\s*[—\-–~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[）)]$/u;

export type TitleBlock = { title: string; lineIndexes: number[] } | null;

export const findTitleBlock = (lines: readonly SourceLine[]): TitleBlock => {
  const block: number[] = [];
  for (let i = 0; i < lines.length && i < 10; i++) {
    const l = lines[i];
    if (!l) break;
    if (matchHeading(l.text) || isPrefaceHeading(l.text)) break;
    if (l.width > 40 || /[。，；,;]/u.test(l.text)) break;
    block.push(i);
  }
  const planAt = block.findIndex((i) => PLAN_WORD.test(lines[i]?.text ?? ""));
  if (planAt < 0) return null;
  // A title broken over two lines: "息烽县“十四五”科技创新" + "规划".
  let first = planAt;
  while (
    first > 0 &&
    (lines[block[first - 1] ?? -1]?.width ?? 99) >= 6 &&
    !/人民政府|办公室|\d{4}\s*年\s*\d/u.test(lines[block[first - 1] ?? -1]?.text ?? "")
  )
    first--;
  const used = block.slice(first, planAt + 1);
  const next = block[planAt + 1];
  if (next !== undefined && PERIOD_LINE.test(lines[next]?.text ?? "")) used.push(next);
  const title = cleanInline(used.map((i) => lines[i]?.text ?? "").join(""));
  return { title, lineIndexes: block };
};
