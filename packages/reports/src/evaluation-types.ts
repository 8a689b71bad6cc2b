import type { AnnualSection } from "@duban/domain";

import type { IndicatorDistrictsWorkbookData } from "./district-xlsx.ts";

/** The evaluation's figures as the domain's evaluationData() returns them (structural copy). */
export type EvaluationDocument = {
  kind: "MIDTERM" | "FINAL" | "ANNUAL";
  title: string;
  /** 发文机关署名; older stored evaluations lack it (the builder then names the jurisdiction's office) */
  issuer?: string;
  /** ANNUAL: the year's own section (年度评估), null or absent for mid-term and final */
  annual?: AnnualEvaluationSection | null;
  plan: { id: string; title: string; jurisdiction: string; periodStart: number; periodEnd: number };
  asOf: string;
  totals: CompletionRow;
  indicators: Array<{
    number: number;
    name: string;
    unit: string | null;
    nature: string;
    baseline: number | null;
    target: number | null;
    latestPeriod: string | null;
    latestValue: number | null;
    expected: number | null;
    status: string;
    attainment: number | null;
    /** the series for the indicator's trajectory chart (charts.ts); absent in older evaluations */
    trajectory?: {
      expected: Array<{ year: number; value: number | null }>;
      annualTargets: Array<{ year: number; value: number }>;
      reported: Array<{ year: number; value: number }>;
    };
  }>;
  /** 分片区监测 (issue #19): the indicators monitored by district; absent in older evaluations */
  districts?: Array<IndicatorDistrictsWorkbookData & { number: number }>;
  departments: CompletionRow[];
  chapters: CompletionRow[];
  lagging: Array<{
    title: string;
    department: string;
    state: string;
    progress: number;
    expected: number;
    dueDate: string;
    explanation: string;
  }>;
  /** 规划调整情况: every adjustment (re-date, reassignment, suspension, cancellation, target change) */
  adjustments: Array<{
    title: string;
    department: string;
    /** 调整类型, e.g. 调整完成时限 / 调整牵头单位 / 暂缓实施 / 取消任务 / 调整指标目标值 */
    kind: string;
    from: string;
    to: string;
    reason: string;
    at: string;
  }>;
};
export type CompletionRow = {
  name: string;
  total: number;
  completed: number;
  onSchedule: number;
  lagging: number;
  overdue: number;
  completionRate: number;
  averageProgress: number;
  expectedProgress: number;
};

/** The 年度评估's section, exactly as evaluationData() returns it (domain evaluation/annual-evaluation.ts). */
export type AnnualEvaluationSection = AnnualSection;
