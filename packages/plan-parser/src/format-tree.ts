// Human-readable outline for `duban parse --format tree`.
import { truncate } from "./text.ts";
import type { CandidateTask, Deadline, ParsedNode, ParseResult } from "./types.ts";

const label = (n: ParsedNode): string => {
  switch (n.kind) {
    case "box":
      return `【专栏 ${n.number}】${n.title}`;
    case "boxItem":
      return `· ${n.number.startsWith("a") ? "" : `${n.number} `}${truncate(n.title, 40)}`;
    case "item":
      return `${n.number}. ${n.title}`;
    case "section":
      return /^第/u.test(n.number) ? `${n.number} ${n.title}` : `${n.number}、${n.title}`;
    default:
      return `${n.number} ${n.title}`;
  }
};

export const formatTree = (result: ParseResult): string => {
  const depth = new Map<string, number>();
  const out: string[] = [];
  const period = result.period ? `（${result.period.start}—${result.period.end}）` : "";
  out.push(
    `${result.title ?? "（无标题）"}${period}${result.jurisdictionName ? ` · ${result.jurisdictionName}` : ""}`,
  );
  for (const n of result.nodes) {
    const d = n.parentCode ? (depth.get(n.parentCode) ?? 0) + 1 : 1;
    depth.set(n.code, d);
    out.push(`${"  ".repeat(d)}${label(n)}  [${n.code}, 第${n.lineStart}–${n.lineEnd}行]`);
  }
  for (const t of result.indicatorTables) {
    out.push(
      "",
      `指标表：${t.title ?? "（无标题）"}（${t.baselineYear ?? "?"} → ${t.targetYear ?? "?"}，${t.rows.length} 项，位于 ${t.nodeCode ?? "文首"}）`,
    );
    for (const r of t.rows) {
      out.push(
        `  ${r.number}. ${r.name}${r.unit ? `（${r.unit}）` : ""}：${r.baselineText} → ${r.targetText}${r.nature ? ` [${r.nature === "BINDING" ? "约束性" : "预期性"}]` : ""}`,
      );
    }
  }
  const assigned = result.candidateTasks.filter((t) => t.leadText || t.supportText || t.deadline);
  if (result.kind === "division" || assigned.length > 0) {
    out.push(
      "",
      `任务分工（${result.kind === "division" ? "分工方案" : "规划"}，${result.candidateTasks.length} 项任务）：`,
    );
    for (const t of result.kind === "division" ? result.candidateTasks : assigned)
      out.push(...division(t));
  }
  const s = result.stats;
  out.push(
    "",
    `统计：${s.parts} 部分，${s.chapters} 章，${s.sections} 节，${s.subsections} 小节，${s.items} 条，${s.boxes} 个专栏（${s.boxItems} 项），${s.indicators} 项指标；候选任务 ${result.candidateTasks.length} 项`,
  );
  if (result.warnings.length > 0) {
    out.push("", `警告（${result.warnings.length}）：`);
    for (const w of result.warnings)
      out.push(`  [${w.code}]${w.line ? ` 第${w.line}行` : ""} ${w.message}`);
  }
  return `${out.join("\n")}\n`;
};

const deadlineLabel = (d: Deadline): string => {
  if (d.kind === "date") return `${d.date}（${d.text}）`;
  if (d.kind === "ongoing") return `长期（${d.text}）`;
  const every = { month: "每月", quarter: "每季度", halfYear: "每半年", year: "每年" }[d.every];
  return d.text === every ? every : `${every}（${d.text}）`;
};

/** One task of a division document: what is written, and what it matched in the directory. */
const division = (t: CandidateTask): string[] => {
  const matched = (written: string | null | undefined, name: string | null) =>
    written
      ? `${written} → ${name ?? "目录中无此单位"}`
      : name
        ? `（未写明，建议 ${name}）`
        : "（未写明）";
  const lines = [
    `  ${t.nodeCode}  ${truncate(t.title, 40)}`,
    `    牵头：${matched(t.leadText, t.suggestedLead)}`,
  ];
  const written = !!(t.leadText || t.supportText);
  const names = t.suggestedSupporting.join("、");
  if (t.supportText) lines.push(`    配合：${t.supportText} → ${names || "目录中无匹配单位"}`);
  else if (written && names) lines.push(`    配合：${names}（共同牵头单位）`);
  else if (!written && names) lines.push(`    配合：（未写明，建议 ${names}）`);
  if (t.deadline) lines.push(`    时限：${deadlineLabel(t.deadline)}`);
  return lines;
};
