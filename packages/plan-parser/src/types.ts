// The parser's public contract. Other packages code against these shapes:
// add fields freely, never rename or remove one without bumping the version.
export const PARSE_RESULT_VERSION = 1;

export type NodeKind = "part" | "chapter" | "section" | "subsection" | "item" | "box" | "boxItem";

export type ParsedNode = {
  code: string;
  parentCode: string | null;
  kind: NodeKind;
  number: string;
  title: string;
  body: string;
  order: number;
  lineStart: number;
  lineEnd: number;
};

export type IndicatorRow = {
  number: number;
  name: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  baselineText: string;
  targetText: string;
  nature: "EXPECTED" | "BINDING" | null;
  direction: "INCREASE" | "DECREASE";
  cumulative: boolean;
  category: string | null;
  line: number;
  /**
   * how the target is qualified: `15左右` approx, `≥2.5` atLeast, `<5`/`以内` atMost, `力争30` aim,
   * `5-8` range. Added in v1.
   */
  targetQualifier?: IndicatorQualifier;
  /** the same for the baseline. Added in v1. */
  baselineQualifier?: IndicatorQualifier;
  /**
   * a target written as a range (`5-8`): both bounds; `target` is the bound committed to (the
   * lower when rising, the upper when falling). Added in v1.
   */
  targetRange?: [number, number];
  /**
   * every value column, in header order, when the table has more than a baseline and a target
   * (中期, 〔累计〕, one column per year). Added in v1.
   */
  values?: IndicatorValue[];
  /** cells of columns that hold no value (备注, 责任单位…): header → text as written. Added in v1. */
  extraColumns?: Record<string, string>;
};

export type IndicatorQualifier = "approx" | "atLeast" | "atMost" | "aim" | "range";

/** One value cell: its column's header as written, its year, the text, its number (null: `—`). */
export type IndicatorValue = {
  header: string;
  year: number | null;
  text: string;
  value: number | null;
};

export type IndicatorTable = {
  title: string | null;
  nodeCode: string | null;
  baselineYear: number | null;
  targetYear: number | null;
  headers: string[];
  rows: IndicatorRow[];
  lineStart: number;
  lineEnd: number;
};

export type BoxItem = {
  code: string;
  number: string | null;
  title: string;
  body: string;
  lineStart: number;
  lineEnd: number;
};

export type Box = {
  code: string;
  number: string;
  title: string;
  parentCode: string | null;
  items: BoxItem[];
  body: string;
  lineStart: number;
  lineEnd: number;
};

export type GenericTable = {
  title: string;
  nodeCode: string | null;
  rows: string[][];
  lineStart: number;
  lineEnd: number;
};

export type PhaseKey = "LAUNCH" | "MIDTERM" | "ADVANCE" | "CLOSE";

/**
 * 完成时限 as written, read into what a task needs. Dates are calendar days (YYYY-MM-DD) in
 * Asia/Shanghai: "2023年6月底前" → the last day of June 2023, "2025年" / "2025年底前" → 12-31.
 * Added in v1.
 */
export type Deadline =
  /** one due date */
  | { kind: "date"; date: string; text: string }
  /** 长期坚持 / 持续推进 / 长期: no end inside the plan; due at the plan's end */
  | { kind: "ongoing"; text: string }
  /** 每季度 / 每月 / 每年年底前 / 每半年: a milestone every period, until the plan's end */
  | { kind: "recurring"; every: "month" | "quarter" | "halfYear" | "year"; text: string };

export type CandidateTask = {
  nodeCode: string;
  kind: "task" | "boxItem" | "measure";
  title: string;
  description: string;
  suggestedPhase: PhaseKey;
  /** a directory `name`: the written lead unit matched (never a keyword guess when one is written), else the keyword suggestion */
  suggestedLead: string | null;
  suggestedSupporting: string[];
  reasons: string[];
  /** the 牵头单位 text exactly as written (`县市场监管局、县发改局`), or null. Added in v1. */
  leadText?: string | null;
  /** the 配合/责任/协同单位 text exactly as written, or null. Added in v1. */
  supportText?: string | null;
  /** leadText split into unit names, in order (`["县市场监管局", "县发改局"]`). Added in v1. */
  leadUnits?: string[];
  /** supportText split into unit names, in order. Added in v1. */
  supportUnits?: string[];
  /** the 完成时限 read, or null when the text gives none. Added in v1. */
  deadline?: Deadline | null;
};

export type DepartmentDirectoryEntry = {
  name: string;
  shortName?: string;
  keywords?: string[];
  /** other written forms of the unit's name (the jurisdiction's alias table): `县科技局` */
  aliases?: string[];
};

/**
 * `plan`: a five-year plan (规划/纲要). `division`: a task-division document (重点任务分工方案,
 * 实施意见, 工作要点, 三年行动方案, an Excel 分工表): every numbered item is a task with its units.
 */
export type DocumentKind = "plan" | "division";

export type KeywordRule = { keywords: string[]; department: string };

export type ParseWarning = { code: string; message: string; line?: number };

export type ParseStats = {
  lines: number;
  parts: number;
  chapters: number;
  sections: number;
  subsections: number;
  items: number;
  boxes: number;
  boxItems: number;
  indicators: number;
};

export type ParseResult = {
  version: typeof PARSE_RESULT_VERSION;
  /** what the document is: detected, or as ParseOptions.kind says. Added in v1. */
  kind?: DocumentKind;
  title: string | null;
  jurisdictionName: string | null;
  period: { start: number; end: number } | null;
  /** Text before the first heading (a 前言, or orphan lines when there is no title). Added in v1. */
  preface: string;
  nodes: ParsedNode[];
  boxes: Box[];
  indicatorTables: IndicatorTable[];
  tables: GenericTable[];
  candidateTasks: CandidateTask[];
  warnings: ParseWarning[];
  stats: ParseStats;
};

export type ParseOptions = {
  departments?: DepartmentDirectoryEntry[];
  rules?: KeywordRule[];
  /** overrides the detected document kind (the wizard's choice, `duban parse --kind`) */
  kind?: DocumentKind;
  /**
   * names of the jurisdictions the caller knows (`西丰县`, `铁岭市`): a name from this list in the
   * title, issuer or text is preferred for `jurisdictionName`. Optional; without it, place-name
   * patterns alone decide.
   */
  jurisdictions?: string[];
};
