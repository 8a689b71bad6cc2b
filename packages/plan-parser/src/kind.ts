// Which kind of document this is: a plan (规划/纲要) or a task-division document (分工方案…).
import { simplify } from "./responsibility.ts";
import type { DocumentKind } from "./types.ts";

/** Title words of the documents that assign each task to units. */
export const DIVISION_TITLE =
  /分工方案|任务分工|分工安排|责任分工|任务清单|责任清单|实施意见|实施方案|工作要点|行动方案|行动计划|工作方案|工作计划|推进方案|攻坚方案|分工表|分工意见/u;

/** A 牵头/责任单位 label, simplified or traditional, as task-division documents write it. */
const ANNOTATION =
  /(?:牵头单位|牵头部门|主责单位|责任单位|责任部门)\s*[：:]|[（(][^（）()\n]{1,40}牵头[，,；;）)]/gu;

/** A numbered heading line: `1.` `1、` `（一）` `一、`. */
const NUMBERED =
  /^\s*(?:\d{1,3}\s*[.．、](?!\d)|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)/u;

export type KindDecision = { kind: DocumentKind; reason: string };

/**
 * `division` when the document's title (or, when no title was found, one of its first short
 * lines, which is where a 实施方案's title sits) names a task-division document, or when at least
 * 3 lines carry a 牵头单位/责任单位 annotation and they are at least 30 % of the numbered heading
 * lines (a plan's project 专栏 naming units on a few lines stays a plan); else `plan`. A title with 规划/纲要 and no such
 * words is a plan even when it quotes a 实施方案. Linear in the text.
 */
export const detectKind = (title: string | null, text: string): KindDecision => {
  if (title !== null) {
    const m = DIVISION_TITLE.exec(simplify(title));
    if (m) return { kind: "division", reason: `标题含“${m[0]}”` };
  } else {
    let seen = 0;
    for (const raw of text.split("\n", 200)) {
      const line = raw.trim();
      if (line === "") continue;
      if (++seen > 8) break;
      if (line.length > 50 || /[。《]/u.test(line) || /^(?:根据|按照|为|依据)/u.test(line))
        continue;
      const m = DIVISION_TITLE.exec(simplify(line));
      if (m) return { kind: "division", reason: `开头第 ${seen} 行含“${m[0]}”` };
    }
  }
  // a plan's 重大项目 专栏 may name units on a few lines: it takes many, relative to the items
  let annotated = 0;
  let items = 0;
  for (const line of text.split("\n")) {
    if (NUMBERED.test(line)) items++;
    ANNOTATION.lastIndex = 0;
    if (ANNOTATION.test(simplify(line))) annotated++;
  }
  if (annotated >= 3 && annotated >= items * 0.3)
    return { kind: "division", reason: `${annotated} 处写明牵头/责任单位（${items} 个编号条目）` };
  return { kind: "plan", reason: "规划文本" };
};
