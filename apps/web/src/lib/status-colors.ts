import type {
  LedgerCellKey,
  ScheduleKey,
  TaskStatusKey,
  TrafficLightKey,
} from "@duban/domain/i18n";

/** Colours carry meaning across pages: green done, blue on track, orange lagging, red overdue. */
export const scheduleColor: Record<ScheduleKey, string> = {
  COMPLETED: "#389e0d",
  ON_SCHEDULE: "#1677ff",
  LAGGING: "#d46b08",
  OVERDUE: "#cf1322",
  CANCELLED: "#8c8c8c",
};

/**
 * A task's traffic light (红/黄/绿, issue #17 step 8): background, text and border, text/background
 * contrast at least 4.5:1 (status-colors.test.ts); the tag always carries its label (红灯…) too.
 */
export const lightStyle: Record<
  TrafficLightKey,
  { background: string; color: string; border: string }
> = {
  RED: { background: "#fff1f0", color: "#a8071a", border: "#ffa39e" },
  YELLOW: { background: "#fffbe6", color: "#7c4a03", border: "#ffe58f" },
  GREEN: { background: "#f6ffed", color: "#25600a", border: "#b7eb8f" },
};

/** antd Tag colour names for task statuses. */
export const taskStatusTag: Record<TaskStatusKey, string> = {
  NOT_STARTED: "default",
  IN_PROGRESS: "processing",
  PENDING_REVIEW: "purple",
  COMPLETED: "success",
  SUSPENDED: "warning",
  CANCELLED: "default",
};

/**
 * Ledger cells: background, text and border. Text/background pairs keep a contrast ratio of at
 * least 4.5:1 (checked in status-colors.test.ts), and each state also has its label, so colour
 * is never the only signal.
 */
export const cellStyle: Record<
  LedgerCellKey,
  { background: string; color: string; border: string }
> = {
  NOT_DUE: { background: "#f5f5f5", color: "#595959", border: "#d9d9d9" },
  DUE: { background: "#e6f4ff", color: "#0950a8", border: "#91caff" },
  SUBMITTED: { background: "#fffbe6", color: "#7c4a03", border: "#ffe58f" },
  APPROVED: { background: "#f6ffed", color: "#25600a", border: "#b7eb8f" },
  RETURNED: { background: "#fff2e8", color: "#a3300a", border: "#ffbb96" },
  LATE: { background: "#fff1f0", color: "#a8071a", border: "#ffa39e" },
};

/** The cell states in the order the legend lists them. */
export const CELL_STATES: LedgerCellKey[] = [
  "NOT_DUE",
  "DUE",
  "SUBMITTED",
  "RETURNED",
  "APPROVED",
  "LATE",
];

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Which cells the user may act on: department staff report on DUE/LATE/RETURNED cells of their own rows. */
export function cellAction(
  state: LedgerCellKey,
  canReport: boolean,
): "fill" | "amend" | "view" | null {
  if (state === "NOT_DUE") return null;
  if (!canReport) return state === "DUE" || state === "LATE" ? null : "view";
  if (state === "DUE" || state === "LATE") return "fill";
  if (state === "RETURNED" || state === "SUBMITTED") return "amend";
  return "view";
}
