// Mutable working shapes the builder fills in; assemble.ts turns them into the public result.
import type { TextDivisionTable } from "./division-text-table.ts";
import type { HeadingKind } from "./headings.ts";
import type { Columns } from "./indicator-header.ts";
import type { Piece } from "./text-map.ts";
import type { IndicatorRow, ParseWarning } from "./types.ts";

export type NodeDraft = {
  seq: number;
  kind: HeadingKind;
  number: string;
  value: number;
  title: string;
  parent: NodeDraft | null;
  children: NodeDraft[];
  boxes: BoxDraft[];
  /** Line number of the heading itself. */
  line: number;
  /** Last line used by the title (a heading broken across lines ends later). */
  titleEnd: number;
  body: Piece[];
};

export type BoxItemDraft = {
  number: string;
  value: number;
  title: string;
  line: number;
  body: Piece[];
};

export type BoxDraft = {
  seq: number;
  number: string | null;
  title: string;
  parent: NodeDraft | null;
  line: number;
  intro: Piece[];
  items: BoxItemDraft[];
};

export type IndicatorDraft = {
  title: string | null;
  node: NodeDraft | null;
  columns: Columns;
  rows: IndicatorRow[];
  lineStart: number;
  lineEnd: number;
  expectedNext: number;
  category: string | null;
};

export type TableDraft = {
  title: string;
  node: NodeDraft | null;
  rows: string[][];
  lineStart: number;
  lineEnd: number;
};

export type Drafts = {
  titleLine: { title: string; lines: number[] } | null;
  /** the 发文机关 named above the document (a notice's issuer), for the jurisdiction */
  issuer?: string | null;
  preface: Piece[];
  prefaceLabelled: boolean;
  nodes: NodeDraft[];
  boxes: BoxDraft[];
  indicators: IndicatorDraft[];
  tables: TableDraft[];
  /** 分工表 tables in the text (division documents), with the heading they stand in */
  divisionTables?: { table: TextDivisionTable; parent: NodeDraft | null }[];
  warnings: ParseWarning[];
  typicalWidth: number;
  lastLine: number;
};
