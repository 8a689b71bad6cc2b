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

export type CandidateTask = {
  nodeCode: string;
  kind: "task" | "boxItem" | "measure";
  title: string;
  description: string;
  suggestedPhase: PhaseKey;
  suggestedLead: string | null;
  suggestedSupporting: string[];
  reasons: string[];
};

export type DepartmentDirectoryEntry = { name: string; shortName?: string; keywords?: string[] };

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

export type ParseOptions = { departments?: DepartmentDirectoryEntry[]; rules?: KeywordRule[] };
