// Suggestions for one task: roadmap phase and 牵头/配合单位, each with reasons in Chinese.
import { DEFAULT_LEAD } from "./departments.ts";
import type { DepartmentDirectoryEntry, KeywordRule, PhaseKey } from "./types.ts";

const PHASES: { key: PhaseKey; label: string; words: string[] }[] = [
  { key: "CLOSE", label: "总结收官", words: ["总结", "验收", "收官", "期末评估", "终期"] },
  { key: "MIDTERM", label: "中期评估", words: ["中期评估", "评估", "考核", "督查", "监测"] },
  {
    key: "LAUNCH",
    label: "启动实施",
    words: [
      "建立",
      "健全",
      "制定",
      "出台",
      "编制",
      "组建",
      "设立",
      "成立",
      "领导小组",
      "机制",
      "制度",
      "办法",
      "细则",
    ],
  },
];

const count = (text: string, word: string): number => {
  if (word === "") return 0;
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
};

export const suggestPhase = (
  title: string,
  description: string,
): { phase: PhaseKey; reason: string } => {
  let best: { key: PhaseKey; label: string; score: number; hits: string[] } | null = null;
  for (const p of PHASES) {
    let score = 0;
    const hits: string[] = [];
    for (const w of p.words) {
      const s = count(title, w) * 3 + count(description, w);
      if (s > 0) hits.push(w);
      score += s;
    }
    if (score >= 3 && (!best || score > best.score)) best = { ...p, score, hits };
  }
  if (!best) return { phase: "ADVANCE", reason: "常规推进类任务 → 全面推进" };
  return {
    phase: best.key,
    reason: `含${best.hits
      .slice(0, 3)
      .map((h) => `“${h}”`)
      .join("")}等用语 → ${best.label}`,
  };
};

export type Directory = { entries: DepartmentDirectoryEntry[]; rules: KeywordRule[] };

const resolve = (dir: Directory, name: string): DepartmentDirectoryEntry | null =>
  dir.entries.find((e) => e.name === name || e.shortName === name) ?? null;

const label = (e: DepartmentDirectoryEntry): string => e.shortName ?? e.name;

export type DepartmentSuggestion = { lead: string | null; supporting: string[]; reasons: string[] };

export const suggestDepartments = (
  dir: Directory,
  title: string,
  description: string,
): DepartmentSuggestion => {
  const scores = new Map<
    string,
    { entry: DepartmentDirectoryEntry; score: number; words: Map<string, number> }
  >();
  const add = (entry: DepartmentDirectoryEntry, word: string, n: number) => {
    const s = scores.get(entry.name) ?? { entry, score: 0, words: new Map<string, number>() };
    s.score += n;
    s.words.set(word, (s.words.get(word) ?? 0) + n);
    scores.set(entry.name, s);
  };
  const reasons: string[] = [];
  const explicit = explicitLead(dir, description);
  for (const rule of dir.rules) {
    const entry = resolve(dir, rule.department) ?? { name: rule.department };
    for (const w of rule.keywords) {
      const n = count(title, w) * 3 + count(description, w);
      if (n > 0) add(entry, w, n);
    }
  }
  const ranked = [...scores.values()].sort((a, b) => b.score - a.score);
  let lead: DepartmentDirectoryEntry | null = null;
  if (explicit) {
    lead = explicit.entry;
    reasons.push(`正文写明“${explicit.phrase}” → ${label(lead)}牵头`);
  } else if (ranked[0]) {
    lead = ranked[0].entry;
  } else {
    lead = resolve(dir, DEFAULT_LEAD) ?? dir.entries.find((e) => /科技/u.test(e.name)) ?? null;
    if (lead) reasons.push(`未匹配到部门关键词，科技规划默认由${label(lead)}牵头`);
  }
  const supporting = ranked.filter((r) => r.entry.name !== lead?.name && r.score >= 2).slice(0, 3);
  for (const r of ranked) {
    if (r.entry.name !== lead?.name && !supporting.includes(r)) continue;
    const words = [...r.words.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    reasons.push(
      `关键词${words.map(([w, n]) => `“${w}”${n > 1 ? `×${n}` : ""}`).join("")} → ${label(r.entry)}`,
    );
  }
  return { lead: lead?.name ?? null, supporting: supporting.map((s) => s.entry.name), reasons };
};

/** "工信部门牵头" / "由市科技局负责": the plan names the lead itself. */
const explicitLead = (
  dir: Directory,
  text: string,
): { entry: DepartmentDirectoryEntry; phrase: string } | null => {
  for (const entry of dir.entries) {
    const aliases = [entry.name, entry.shortName, ...(entry.keywords ?? [])].filter(
      (a): a is string => !!a && a.length >= 2,
    );
    for (const alias of aliases) {
      for (const suffix of ["部门牵头", "牵头", "部门负责", "负责"]) {
        if (text.includes(alias + suffix)) return { entry, phrase: alias + suffix };
      }
    }
  }
  return null;
};
