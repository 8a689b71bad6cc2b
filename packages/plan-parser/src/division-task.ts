// A task row of an Excel 分工表 → CandidateTask: written units kept verbatim, matched to the
// directory by matchUnit (never a keyword guess when a unit is written), deadline read.
import { readDeadline } from "./deadline.ts";
import { readResponsibility } from "./responsibility.ts";
import { suggestDepartments, suggestPhase, type Directory } from "./suggest.ts";
import type {
  CandidateTask,
  Deadline,
  DepartmentDirectoryEntry,
  ParsedNode,
  ParseWarning,
} from "./types.ts";
import { isCollectiveUnit, matchUnit, splitUnits, type UnitMatch } from "./units.ts";

// A table names the same few dozen units on every row: each written name is matched once per
// directory (matchUnit compares against every entry, in several forms).
const matches = new WeakMap<readonly DepartmentDirectoryEntry[], Map<string, UnitMatch | null>>();
const matchOnce = (written: string, entries: readonly DepartmentDirectoryEntry[]) => {
  let cache = matches.get(entries);
  if (!cache) matches.set(entries, (cache = new Map()));
  if (!cache.has(written)) cache.set(written, matchUnit(written, entries));
  return cache.get(written)!;
};

/** A task row as read, before its units and deadline are resolved. */
export type TaskRow = {
  node: ParsedNode;
  /** `工作表“X”第 N 行`, for warnings */
  where: string;
  title: string;
  body: string;
  /** other headed columns, `备注：…` */
  extras: string[];
  lead: string[];
  support: string[];
  responsible: string[];
  leaders: string[];
  deadlines: string[];
  /** a 完成时限 typed as a date: its day */
  date?: string;
  /** the header has a 牵头 or 责任单位 column */
  leadColumn: boolean;
  /** the units were written on the section row above (`工作表“X”第 N 行`) */
  inheritedFrom?: string;
};

export type UnitCells = {
  lead: string;
  support: string;
  responsible: string;
  leader: string;
  deadline: string;
};

/** Adds one row's unit and deadline cells to a task (its own row, or a merged continuation). */
export const addUnits = (task: TaskRow, cells: UnitCells, date: string | undefined) => {
  const add = (list: string[], text: string) => {
    if (text !== "" && !list.includes(text)) list.push(text);
  };
  add(task.lead, cells.lead);
  add(task.support, cells.support);
  add(task.responsible, cells.responsible);
  add(task.leaders, cells.leader);
  add(task.deadlines, cells.deadline);
  if (date && !task.date) task.date = date;
};

/**
 * A task's title from its text: the first sentence (up to `。；：`) when it is 2–60 characters,
 * else the first line when ≤ 60, else its first 40 characters and `…`. The text stays whole in
 * the body.
 */
export const headOf = (text: string): string => {
  const line = (text.split("\n")[0] ?? "").trim();
  const sentence = /^(.{2,60}?)[。；;：:]/u.exec(line);
  if (sentence) return sentence[1]!;
  return line.length <= 60 ? line : `${line.slice(0, 40)}…`;
};

/**
 * The CandidateTask of a task row. Units: the 牵头 cells are leadText verbatim; 配合/协同 cells,
 * and 责任单位 cells when a 牵头 cell is written, are supportText; 责任单位 alone is read as it
 * says (`牵头单位：X；配合单位：Y`, `X牵头，Y配合`), else as a 责任单位 list whose first unit (or the
 * one marked `（牵头）`) leads (readResponsibility's rule); with no unit cell at all, annotations in
 * the task text (`（牵头单位：X）`) are read. Warns DIVISION_MISSING_LEAD when no lead is written
 * and DEADLINE_UNREADABLE when a 完成时限 cannot be read (its text is then kept in the description).
 */
export const candidateOf = (
  t: TaskRow,
  dir: Directory,
  period: { start: number; end: number } | null,
  warnings: ParseWarning[],
): CandidateTask => {
  let leadText: string | null = t.lead.length > 0 ? t.lead.join("；") : null;
  const support = [...t.support];
  const deadlines = [...t.deadlines];
  if (leadText) support.push(...t.responsible);
  else if (t.responsible.length > 0) {
    // a cell that says who leads itself (`牵头单位：X；配合单位：Y`, `X牵头，Y配合`), else a list
    const joined = t.responsible.join("\n");
    const own = readResponsibility(joined);
    const r = own.leadText ? own : readResponsibility(`责任单位：${t.responsible.join("、")}`);
    leadText = r.leadText;
    if (r.supportText) support.unshift(r.supportText);
  } else if (support.length === 0) {
    const r = readResponsibility(t.body);
    leadText = r.leadText;
    if (r.supportText) support.push(r.supportText);
    if (deadlines.length === 0 && r.deadlineText) deadlines.push(r.deadlineText);
  }
  const supportText = support.length > 0 ? support.join("；") : null;
  const leadUnits = leadText ? splitUnits(leadText) : [];
  const supportUnits = supportText
    ? splitUnits(supportText).filter((u) => !leadUnits.includes(u))
    : [];
  if (!leadText && t.leadColumn)
    warnings.push({
      code: "DIVISION_MISSING_LEAD",
      message: `${t.where}“${t.title.slice(0, 30)}”没有写牵头单位，已按关键词建议，请确认`,
      line: t.node.lineStart,
    });

  const extras = [...t.extras];
  if (t.leaders.length > 0) extras.push(`牵头领导：${t.leaders.join("；")}`);
  let deadline: Deadline | null = null;
  const deadlineText = deadlines.join("；");
  if (t.date) deadline = { kind: "date", date: t.date, text: deadlineText };
  else if (deadlineText !== "") {
    deadline = readDeadline(deadlineText, period);
    if (!deadline) {
      extras.push(`完成时限：${deadlineText}`);
      warnings.push({
        code: "DEADLINE_UNREADABLE",
        message: `${t.where}的完成时限“${deadlineText.slice(0, 30)}”无法识别为日期，已保留原文`,
        line: t.node.lineStart,
      });
    }
  }
  const description = [t.body, ...extras].join("\n");
  const phase = suggestPhase(t.title, description);
  const units = suggestUnits(dir, leadUnits, supportUnits, t.title, description);
  return {
    nodeCode: t.node.code,
    kind: "task",
    title: t.title,
    description,
    suggestedPhase: phase.phase,
    suggestedLead: units.lead,
    suggestedSupporting: units.supporting,
    reasons: [
      `分工表${t.where} → 任务`,
      ...(t.inheritedFrom ? [`单位写在所属类别行（${t.inheritedFrom}）`] : []),
      phase.reason,
      ...units.reasons,
    ],
    leadText,
    supportText,
    leadUnits,
    supportUnits,
    deadline,
  };
};

/**
 * Directory units for the written ones: the first written lead unit that matchUnit finds leads
 * (null when none is found: a written unit is never replaced by a keyword guess); other matched
 * lead units and the matched supporting units support. With no unit written, the keyword
 * suggestion (suggestDepartments). Reasons say, per written unit, what it matched or that it is
 * new or collective.
 */
export const suggestUnits = (
  dir: Directory,
  leadUnits: readonly string[],
  supportUnits: readonly string[],
  title: string,
  description: string,
): { lead: string | null; supporting: string[]; reasons: string[] } => {
  if (leadUnits.length === 0 && supportUnits.length === 0) {
    const s = suggestDepartments(dir, title, description);
    return { lead: s.lead, supporting: s.supporting, reasons: s.reasons };
  }
  const reasons: string[] = [];
  const matched = (units: readonly string[], role: string) =>
    units.flatMap((u) => {
      const m = matchOnce(u, dir.entries);
      if (m) reasons.push(`${role}“${u}” → ${m.name}`);
      else if (isCollectiveUnit(u)) reasons.push(`${role}“${u}”是统称，不对应单个单位`);
      else reasons.push(`${role}“${u}”不在单位目录中，请确认是否新增`);
      return m ? [m.name] : [];
    });
  const leads = matched(leadUnits, "牵头单位");
  const supports = matched(supportUnits, "配合单位");
  const lead = leads[0] ?? null;
  const supporting = [...new Set([...leads.slice(1), ...supports])].filter((n) => n !== lead);
  if (leadUnits.length === 0) {
    const s = suggestDepartments(dir, title, description);
    reasons.push(...s.reasons);
    return { lead: s.lead, supporting: supporting.filter((n) => n !== s.lead), reasons };
  }
  return { lead, supporting, reasons };
};
