// Human-readable outline for `duban parse --format tree`.
import { truncate } from "./text.ts";
import type { ParsedNode, ParseResult } from "./types.ts";

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
