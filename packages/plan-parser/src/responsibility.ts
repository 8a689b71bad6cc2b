// 牵头单位 / 配合单位 / 完成时限 annotations in a task's text (task-division documents: 分工方案,
// 实施意见, 工作要点, Excel 分工表 cells). Pure, linear in the text, never throws.
import { readDeadline } from "./deadline.ts";
import { isCollectiveUnit, splitUnits } from "./units.ts";

export type Responsibility = {
  /** the lead unit text exactly as written (`县市场监管局、县发改局`), or null */
  leadText: string | null;
  /** the supporting units as written (配合/协同/参与, and 责任单位 when a 牵头单位 is written), or null */
  supportText: string | null;
  leadUnits: string[];
  supportUnits: string[];
  /** the 完成时限 text as written, for readDeadline */
  deadlineText: string | null;
  /** the text without the annotations it was read from */
  rest: string;
  /** annotation-like fragments that could not be split into units, verbatim (→ DIVISION_UNREADABLE) */
  unreadable: string[];
};

// Traditional → simplified for the characters of labels and unit names. One character for one, so
// positions in the normalised text are positions in the written text, which is what is kept.
const TRADITIONAL: Record<string, string> = {
  牽: "牵",
  頭: "头",
  單: "单",
  責: "责",
  負: "负",
  時: "时",
  協: "协",
  門: "门",
  參: "参",
  與: "与",
  間: "间",
  辦: "办",
  縣: "县",
  鄉: "乡",
  鎮: "镇",
  關: "关",
  會: "会",
  區: "区",
  節: "节",
  點: "点",
  領: "领",
  導: "导",
  聯: "联",
  繫: "系",
  繼: "继",
  續: "续",
  務: "务",
  長: "长",
  堅: "坚",
  進: "进",
  級: "级",
  計: "计",
  劃: "划",
  發: "发",
  財: "财",
  監: "监",
  管: "管",
  農: "农",
  業: "业",
  環: "环",
  衛: "卫",
  資: "资",
  園: "园",
  處: "处",
  組: "组",
  織: "织",
  體: "体",
  廣: "广",
  電: "电",
  醫: "医",
  療: "疗",
  學: "学",
  實: "实",
  見: "见",
  動: "动",
  書: "书",
  於: "于",
  創: "创",
  強: "强",
  隊: "队",
  價: "价",
  機: "机",
  構: "构",
  術: "术",
  審: "审",
  議: "议",
  質: "质",
  達: "达",
  標: "标",
  項: "项",
  號: "号",
  際: "际",
  優: "优",
  營: "营",
  態: "态",
  設: "设",
  規: "规",
  擴: "扩",
  總: "总",
  權: "权",
  歸: "归",
  稅: "税",
  檢: "检",
  測: "测",
  網: "网",
  銷: "销",
  產: "产",
  廠: "厂",
  濟: "济",
  經: "经",
  歷: "历",
  範: "范",
  證: "证",
  舉: "举",
  應: "应",
  將: "将",
  們: "们",
  個: "个",
  這: "这",
  為: "为",
  從: "从",
  來: "来",
  對: "对",
  開: "开",
  問: "问",
  題: "题",
  還: "还",
  過: "过",
  選: "选",
  遠: "远",
  邊: "边",
  運: "运",
  適: "适",
  線: "线",
  練: "练",
  維: "维",
  編: "编",
  職: "职",
  評: "评",
  準: "准",
  擔: "担",
  險: "险",
  護: "护",
  戰: "战",
  略: "略",
  則: "则",
  圍: "围",
  幹: "干",
  軍: "军",
  縱: "纵",
  當: "当",
  禮: "礼",
  館: "馆",
  圖: "图",
  歲: "岁",
  現: "现",
  狀: "状",
  礎: "础",
  勢: "势",
  據: "据",
  顧: "顾",
  績: "绩",
  難: "难",
};

/** The written text with traditional characters replaced one for one (same length). */
export const simplify = (s: string): string =>
  TRADITIONAL_RE.test(s) ? s.replace(TRADITIONAL_ALL, (ch) => TRADITIONAL[ch] ?? ch) : s;
const TRADITIONAL_RE = new RegExp(`[${Object.keys(TRADITIONAL).join("")}]`, "u");
const TRADITIONAL_ALL = new RegExp(TRADITIONAL_RE.source, "gu");

type Role = "lead" | "responsible" | "support" | "deadline" | "person";

// Longest labels first: 协同责任单位 is support, 牵头责任单位 is lead, 责任单位 alone is "responsible".
const LABELS: [string, Role][] = [
  ["牵头责任单位", "lead"],
  ["牵头单位", "lead"],
  ["牵头部门", "lead"],
  ["主责单位", "lead"],
  ["主责部门", "lead"],
  ["主办单位", "lead"],
  ["协同责任单位", "support"],
  ["配合责任单位", "support"],
  ["责任单位", "responsible"],
  ["责任部门", "responsible"],
  ["实施单位", "responsible"],
  ["配合单位", "support"],
  ["配合部门", "support"],
  ["协同单位", "support"],
  ["协同部门", "support"],
  ["协办单位", "support"],
  ["协作单位", "support"],
  ["协助单位", "support"],
  ["参与单位", "support"],
  ["参与部门", "support"],
  ["参加单位", "support"],
  ["完成时限", "deadline"],
  ["完成时间", "deadline"],
  ["完成期限", "deadline"],
  ["时间节点", "deadline"],
  ["时限要求", "deadline"],
  ["责任领导", "person"],
  ["牵头领导", "person"],
  ["分管领导", "person"],
  ["责任人", "person"],
  ["联系人", "person"],
];
const ROLE = new Map(LABELS);
// A label starts a line, follows a bracket or a separator, and is followed by a colon (or, at the
// start of a line, by spaces: `牵头单位  县科技局` from a table row).
// Anywhere with a colon (lines joined into one paragraph: `县科技局配合单位：县财政局`); with spaces
// only after a boundary.
const LABEL_ALT = LABELS.map(([l]) => l).join("|");
const LABEL_RE = new RegExp(
  `(${LABEL_ALT})\\s*[：:]|(?:^|(?<=[（(，,；;。、\\s]))(${LABEL_ALT})(?=\\s)`,
  "gu",
);
const LABEL_WORD =
  /牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协同单位|主责单位|完成时限/u;
/**
 * A word every label and phrase read here contains (simplified or traditional): a line without one
 * is kept as it is, which is most lines of a plan.
 */
const HINT =
  /牵头|牽頭|负责|負責|负总责|配合|主责|主責|主办|主辦|协|協|参与|參與|参加|參加|完成|时间节点|時間節點|时限|時限|责任|責任|实施单位|實施單位|领导|領導|联系人|聯繫人/u;
const ENDS_WITH_BRACKET = /[）)][。；;\s]*$/u;
const SEP = "，,；;。、 \t\u3000";

const trimSep = (s: string): string => {
  let a = 0;
  let b = s.length;
  while (a < b && SEP.includes(s[a] as string)) a++;
  while (b > a && SEP.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
};

/** A name that reads like a unit (or several): ends like one, or stands for many. */
const UNIT_LIKE =
  /(?:局|委|办|部|院|会|中心|公司|所|站|队|厅|馆|社|行|团|政府|街道|镇|乡|处|科|室|组|部门|单位|办公室|指挥部|集团|法院|检察院|支队|大队|分局|管委会|园区|等)(?:（[^）]{1,12}）|\([^)]{1,12}\))?$/u;
const unitsLookLikeUnits = (text: string): boolean => {
  const units = splitUnits(text);
  return (
    units.length > 0 &&
    units.every((u) => u.length <= 30 && (isCollectiveUnit(u) || UNIT_LIKE.test(simplify(u))))
  );
};

/**
 * A unit label line cut inside its last name (`配合单位：县财政局、县自然资` + `源局、县水利局`):
 * its last name does not read like a unit, and with the start of `next` (up to its first 、，。) it
 * does. For re-joining such lines (body.ts); `next` starting with a label is never a continuation.
 */
export const unitNameCut = (line: string, next: string | undefined): boolean => {
  if (!next) return false;
  const last =
    simplify(line)
      .split(/[、，,；;：:]/u)
      .pop() ?? "";
  // `县住房和城乡` ends like a township (乡) but 城乡 never names one
  if (last === "" || (unitsLookLikeUnits(last) && !/城乡$/u.test(last))) return false;
  const head = simplify(next).split(/[、，,；;。]/u)[0] ?? "";
  if (head === "" || head.length > 12 || LABEL_WORD.test(head)) return false;
  return unitsLookLikeUnits(`${last}${head}`);
};

type Found = { lead: string[]; responsible: string[]; support: string[]; deadline: string[] };

const LEAD_PHRASE =
  /^由?(.{1,60}?)(?:按职责分工负责|按职责分工落实|按职责负责|分别负责|共同负责|牵头实施|牵头负责|牵头抓总|牵头落实|牵头推进|牵头|负总责|主责|负责落实|负责推进|负责)$/u;
const SUPPORT_PHRASE = /^(.{1,60}?)(?:配合落实|配合推进|共同推进|配合|协同|参与|协助|协办)$/u;

/** Splits at 、，；, outside brackets, keeping positions (start, end) in `s`. */
const clauses = (s: string, seps: string): [number, number][] => {
  const out: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === "（" || ch === "(") depth++;
    else if (ch === "）" || ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && seps.includes(ch)) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  out.push([start, s.length]);
  return out;
};

/**
 * `县科技局牵头，县财政局、各乡镇配合` / `由县发改局牵头` / `县住建局负责`: every clause must be
 * a lead or a supporting clause about unit-like names, else null (the text is prose).
 */
const readPhrase = (written: string, found: Found): boolean => {
  const norm = simplify(written);
  const parts = clauses(norm, "，,；;").filter(([a, b]) => trimSep(norm.slice(a, b)) !== "");
  if (parts.length === 0 || parts.length > 4) return false;
  const lead: string[] = [];
  const support: string[] = [];
  const responsible: string[] = [];
  const deadline: string[] = [];
  for (const [a, b] of parts) {
    const clause = norm
      .slice(a, b)
      .replace(/[。\s]+$/u, "")
      .replace(/^\s+/u, "");
    if (clause.length > 70) return false;
    const offset = a + norm.slice(a, b).search(/\S/u);
    // "（县委组织部牵头，县人社局配合，2024年底前完成）": a clause that is the deadline
    // a year-less date (`6月底前完成`, `年内完成`) is dated later with the document's period: here
    // it only has to be a date in some one-year period
    if (DEADLINE_CLAUSE.test(clause) && readDeadline(clause, ANY_YEAR) !== null) {
      deadline.push(trimSep(written.slice(offset, offset + clause.length)));
      continue;
    }
    const l = LEAD_PHRASE.exec(clause);
    const m = l ?? SUPPORT_PHRASE.exec(clause);
    if (!m) return false;
    const name = m[1] ?? "";
    // LEAD_PHRASE's 由 is outside the captured name
    const from = offset + (l && clause.startsWith("由") ? 1 : 0);
    const verbatim = written.slice(from, from + name.length);
    if (!unitsLookLikeUnits(name)) return false;
    const verb = clause.slice(clause.indexOf(name) + name.length);
    if (l && !/牵头|主责|负总责/u.test(verb)) responsible.push(trimSep(verbatim));
    else (l ? lead : support).push(trimSep(verbatim));
  }
  if (lead.length === 0 && support.length === 0 && responsible.length === 0) return false;
  // `X牵头，Y负责落实`: Y carries out what X leads, so it supports; `X负责` alone leads.
  if (lead.length > 0) support.push(...responsible);
  else lead.push(...responsible);
  found.lead.push(...lead);
  found.support.push(...support);
  found.deadline.push(...deadline);
  return true;
};

const DEADLINE_CLAUSE =
  /(?:19|20)\d{2}\s*年|长期|持续|常态化|每(?:个)?(?:月|季|半年|年)|^\d{1,2}月|^[上下]半年|^年(?:底|内|末)|季度/u;
const ANY_YEAR = { start: 2000, end: 2000 };

/**
 * Names that are certainly units, for a bracket with no label at the end of an item
 * (`（县税务局、县科技局）`): stricter than UNIT_LIKE, so `（试行）` or `（含县城新区）` are not units.
 */
const SURE_UNIT = /(?:局|委|办|中心|政府|街道|乡镇|管委会|公司|集团|法院|检察院|部|院|会|厅)$/u;
const allSureUnits = (text: string): boolean => {
  const units = splitUnits(text);
  return (
    units.length > 0 &&
    units.every(
      (u) =>
        u.length >= 3 && u.length <= 30 && (isCollectiveUnit(u) || SURE_UNIT.test(simplify(u))),
    )
  );
};

/** `牵头单位：X，配合单位：Y；完成时限：2024年` (with `written` its original characters). */
const readLabelled = (written: string, found: Found, unreadable: string[]): boolean => {
  const norm = simplify(written);
  const hits = [...norm.matchAll(LABEL_RE)];
  if (hits.length === 0) return false;
  const before = trimSep(written.slice(0, hits[0]?.index ?? 0));
  if (before !== "" && !readPhrase(before, found)) unreadable.push(before);
  hits.forEach((h, k) => {
    const start = (h.index ?? 0) + h[0].length;
    const end = hits[k + 1]?.index ?? written.length;
    const value = trimSep(written.slice(start, end));
    const role = ROLE.get(h[1] ?? h[2] ?? "") as Role;
    if (value === "") return;
    if (role === "lead") found.lead.push(value);
    else if (role === "responsible") found.responsible.push(value);
    else if (role === "support") found.support.push(value);
    else if (role === "deadline") found.deadline.push(value);
  });
  return true;
};

const MAX_GROUP = 300;

/**
 * The responsibility annotations in one task's text, and the text without them.
 *
 * Forms read (simplified or traditional characters):
 * - in brackets, full- or half-width, anywhere in the text: `（牵头单位：X，配合单位：Y、Z）`,
 *   `(牵头单位:X;责任单位:Y)`, `（牵头单位：X；完成时限：2024年6月）`, `（X牵头，Y配合）`, `（X负责）`;
 * - a line, or the tail of a line after `。`/`；`, that starts with a label: `牵头单位：X`,
 *   `责任单位：X，Y`, `配合单位：`, `协同责任单位：`, `参与单位：`, `主责单位：`, `完成时限：`;
 * - the last sentence of a line when it is only `X牵头，Y配合` / `由X牵头` / `X负责` about names
 *   that read like units (ending in 局/委/办/中心/政府/…, or 各乡镇（街道）/各有关单位).
 *
 * Which unit leads: a 牵头/主责 label or phrase. When none is written, a `责任单位` list names
 * the lead first (the usual rule of 分工方案: 列第一位的为牵头单位), so its first unit is the
 * lead and the others support; a unit marked `（牵头）` in the list leads instead. A `责任单位`
 * never leads when a 牵头单位 is written: it is then supporting. Several labels of one role join
 * with `；`. People (`责任领导：`, `联系人：`) are read and dropped from `rest`, not kept.
 *
 * `unreadable` lists annotation-like fragments (a label left in the text, a bracket saying who
 * 牵头/负责 that is not a list of units) verbatim; they stay in `rest`.
 */
export const readResponsibility = (text: string): Responsibility => {
  const found: Found = { lead: [], responsible: [], support: [], deadline: [] };
  const unreadable: string[] = [];
  const kept: string[] = [];
  for (const line of text.split("\n")) {
    kept.push(readLine(line, found, unreadable));
  }
  // a line left with only punctuation (`。` after `（牵头单位：…）。`) is dropped
  const rest = kept
    .map((l) => l.replace(/^[。；;，,、]+/u, ""))
    .filter((l) => l.trim() !== "")
    .join("\n")
    .trim();
  for (const l of rest.split("\n")) {
    if (HINT.test(l) && LABEL_WORD.test(simplify(l)) && !unreadable.some((u) => l.includes(u)))
      unreadable.push(l.trim().slice(0, 80));
  }
  return { ...assign(found), deadlineText: found.deadline[0] ?? null, rest, unreadable };
};

/** One line: the label tail, then bracket groups, then a trailing phrase sentence. Returns what is kept. */
const readLine = (line: string, found: Found, unreadable: string[]): string => {
  // most lines of a document name no unit: one character test instead of the regexes below
  if (!HINT.test(line) && !ENDS_WITH_BRACKET.test(line)) return line;
  const norm = simplify(line);
  let head = line;
  for (const h of norm.matchAll(LABEL_RE)) {
    const at = h.index ?? 0;
    const prev = norm.slice(0, at).trimEnd();
    // a label at the start of the line, after a sentence or after a bracket (`…。（牵头单位：X）完成时限：…`):
    // the rest of the line is annotation
    if ((prev === "" || /[。；;）)]$/u.test(prev)) && outsideBrackets(prev)) {
      if (readLabelled(line.slice(at), found, unreadable)) head = line.slice(0, at);
      break;
    }
  }
  head = readGroups(head, found, unreadable);
  return readTrailingPhrase(head, found);
};

/** Whether the text after `prev` is outside every bracket (all of prev's brackets are closed). */
const outsideBrackets = (prev: string): boolean => {
  let depth = 0;
  for (const c of prev) {
    if (c === "（" || c === "(") depth++;
    else if ((c === "）" || c === ")") && depth > 0) depth--;
  }
  return depth === 0;
};

/** Bracket groups that are annotations are read and removed; others stay. */
const readGroups = (line: string, found: Found, unreadable: string[]): string => {
  let out = "";
  let i = 0;
  while (i < line.length) {
    const ch = line[i] as string;
    if (ch !== "（" && ch !== "(") {
      out += ch;
      i++;
      continue;
    }
    // the matching close bracket, nested brackets included (各乡镇（街道）)
    let depth = 0;
    let j = i;
    for (; j < line.length && j - i <= MAX_GROUP; j++) {
      const c = line[j];
      if (c === "（" || c === "(") depth++;
      else if (c === "）" || c === ")") {
        depth--;
        if (depth === 0) break;
      }
    }
    if (j >= line.length || depth !== 0) {
      out += ch;
      i++;
      continue;
    }
    const inner = line.slice(i + 1, j);
    const norm = simplify(inner);
    const before: Found = { lead: [], responsible: [], support: [], deadline: [] };
    const mine: string[] = [];
    let taken = false;
    if (readLabelled(inner, before, mine)) taken = true;
    else if (/^[。；;\s]*$/u.test(line.slice(j + 1)) && allSureUnits(norm)) {
      // a bracket of unit names closing the item: its 责任单位, the first listed leading
      before.responsible.push(inner.trim());
      taken = true;
    } else if (/牵头|负责|配合|主责/u.test(norm) && !/^(?:牵头|负责|主责)$/u.test(norm.trim())) {
      if (readPhrase(inner, before)) taken = true;
      else if (inner.length <= 80 && /(?:牵头|负责|主责|配合)[。]?$/u.test(norm.trim()))
        unreadable.push(`（${inner}）`);
    }
    if (taken) {
      found.lead.push(...before.lead);
      found.responsible.push(...before.responsible);
      found.support.push(...before.support);
      found.deadline.push(...before.deadline);
      unreadable.push(...mine);
    } else {
      out += line.slice(i, j + 1);
    }
    i = j + 1;
  }
  return tidy(out);
};

/** `……。县科技局牵头，县财政局配合。` as the line's last sentence. */
const readTrailingPhrase = (line: string, found: Found): string => {
  const body = line.replace(/[。\s]+$/u, "");
  if (!/牵头|负责|配合|主责|牽頭|負責/u.test(body)) return line;
  const cut = Math.max(body.lastIndexOf("。"), body.lastIndexOf("；"));
  const sentence = body.slice(cut + 1);
  if (sentence.length > 120) return line;
  if (!readPhrase(sentence, found)) return line;
  return body.slice(0, cut + 1);
};

/** Removes what a bracket left behind: `办。（）` → `办。`, `办（…）。` → `办。`, doubled stops. */
const tidy = (s: string): string =>
  s
    .replace(/[（(]\s*[）)]/gu, "")
    .replace(/([。；;，,])\s*[。；;，,]+/gu, "$1")
    .replace(/\s+$/u, "");

const splitLead = (text: string): { lead: string; rest: string | null } => {
  const parts = clauses(text, "、，,；;/");
  const [a, b] = parts[0] ?? [0, text.length];
  const lead = trimSep(text.slice(a, b));
  const rest = trimSep(text.slice(b + 1));
  return { lead, rest: rest === "" ? null : rest };
};

const MARKED_LEAD = /[（(]\s*(?:牵头|牽頭|主责)\s*[）)]$/u;

const assign = (
  f: Found,
): Pick<Responsibility, "leadText" | "supportText" | "leadUnits" | "supportUnits"> => {
  let leadText: string | null = null;
  const support: string[] = [...f.support];
  if (f.lead.length > 0) {
    leadText = f.lead.join("；");
    support.unshift(...f.responsible);
  } else if (f.responsible.length > 0) {
    const first = f.responsible[0] as string;
    const marked = clauses(first, "、，,；;/")
      .map(([a, b]) => trimSep(first.slice(a, b)))
      .filter((u) => MARKED_LEAD.test(u));
    if (marked.length > 0) {
      leadText = marked.map((u) => u.replace(MARKED_LEAD, "")).join("、");
      const others = clauses(first, "、，,；;/")
        .map(([a, b]) => trimSep(first.slice(a, b)))
        .filter((u) => u !== "" && !MARKED_LEAD.test(u));
      if (others.length > 0) support.unshift(others.join("、"));
    } else {
      const { lead, rest } = splitLead(first);
      leadText = lead || null;
      if (rest) support.unshift(rest);
    }
    support.splice(1, 0, ...f.responsible.slice(1));
  }
  const supportText = support.length > 0 ? support.join("；") : null;
  const leadUnits = leadText ? unitsOf(leadText) : [];
  const supportUnits = supportText
    ? unitsOf(supportText).filter((u) => !leadUnits.includes(u))
    : [];
  return { leadText, supportText, leadUnits, supportUnits };
};

/** splitUnits, with `等部门` / `等单位` dropped from a name (`县科技局等部门` → `县科技局`). */
const unitsOf = (text: string): string[] => {
  const out: string[] = [];
  for (const u of splitUnits(text)) {
    // same-length simplification: the match on the simplified name cuts the written one
    const cut = /等(?:有关|相关)?(?:部门|单位)?$/u.exec(simplify(u));
    const name = cut ? u.slice(0, cut.index) : u;
    const kept = name.length >= 2 ? name : u;
    if (!out.includes(kept)) out.push(kept);
  }
  return out;
};
