// The rows the assessment's pure maths read (issue #18 考核评分): loaded once per jurisdiction and
// period by load.ts, so computing 5,000 units is arithmetic over arrays, not queries.
import type { QualityRating, TaskStatus } from "@duban/db";

import type { IsoDate } from "../calendar.ts";
import type { AnnualTargetPoint } from "../indicators/annual-targets.ts";
import type { StatusIndicator } from "../indicators/indicator-status.ts";
import type { LightBands } from "../progress.ts";

export type ScoringUnit = { id: string; name: string };

/** An annual-plan item of the year, owned by its task's lead unit. */
export type ItemRow = {
  id: string;
  departmentId: string;
  taskId: string;
  title: string;
  year: number;
  dueDate: Date;
  doneAt: Date | null;
  task: { status: string; completedAt: Date | null };
};

/** One unit's reporting in one cycle: CycleDepartmentStat once closed, live counts while open. */
export type ReportingRow = {
  departmentId: string;
  cycleId: string;
  period: string;
  expected: number;
  submitted: number;
  onTime: number;
  live: boolean;
};

/** One reviewed report (all revisions of a task × cycle × unit) of a unit on a task it leads. */
export type ReviewRow = {
  departmentId: string;
  entryId: string;
  taskId: string;
  title: string;
  period: string;
  /** some revision was returned (退回) */
  returned: boolean;
  /** the current revision is approved */
  approved: boolean;
};

/** An indicator a unit is responsible for, with its annual targets and latest value. */
export type IndicatorRow = {
  id: string;
  name: string;
  departmentId: string;
  indicator: StatusIndicator;
  targets: AnnualTargetPoint[];
  /** the latest jurisdiction-wide value reported up to the period, or null */
  actual: { period: string; value: number } | null;
};

/** An open task (at the period end) led by a unit. */
export type TaskRow = {
  id: string;
  title: string;
  departmentId: string;
  status: TaskStatus;
  progress: number;
  startDate: IsoDate;
  dueDate: IsoDate;
};

export type RatingRow = {
  taskId: string;
  title: string;
  departmentId: string;
  rating: QualityRating;
  ratedAt: Date;
};

export type NoticeRow = {
  id: string;
  departmentId: string;
  taskId: string;
  title: string;
  year: number;
  number: number;
  level: "BLUE" | "YELLOW" | "RED";
  issuedAt: Date;
};

export type AdjustmentRow = {
  id: string;
  departmentId: string;
  period: string;
  points: number;
  reason: string;
  createdAt: Date;
};

/** Everything one period's scores are computed from. */
export type ScoringData = {
  units: ScoringUnit[];
  items: ItemRow[];
  reporting: ReportingRow[];
  reviews: ReviewRow[];
  indicators: IndicatorRow[];
  tasks: TaskRow[];
  ratings: RatingRow[];
  notices: NoticeRow[];
  adjustments: AdjustmentRow[];
  bands: LightBands;
};

/**
 * One row behind a component's figure, for the drill-down: what it is (`ref` + id), its title,
 * whether it counted for the unit (`counts: true`) or against it, and the figures that decided it.
 */
export type DrillLine = {
  ref: "ITEM" | "CYCLE" | "ENTRY" | "INDICATOR" | "TASK" | "RATING" | "NOTICE";
  id: string;
  title: string;
  period?: string;
  counts: boolean;
  detail: Record<string, string | number | boolean | null>;
};
