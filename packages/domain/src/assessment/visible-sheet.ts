import type { ScoreSheet } from "../schemas/assessment.ts";
import type { Visibility } from "../visibility.ts";

/**
 * What of a score sheet someone sees — one rule for the live scores, the publications list, the
 * drill-down's line and the .xlsx (issue #18):
 * - the office and readers (leaders, the city above): every unit's line;
 * - department staff, live scores: only their own units' lines (with the rank among all units);
 * - department staff, a published sheet: the ranking of every unit (rank, name, 加分, 减分, total),
 *   the component points of their own units only;
 * - nobody else: nothing (callers answer NOT_FOUND before this).
 */
export function visibleSheet(
  visibility: Visibility,
  sheet: ScoreSheet,
  published: boolean,
): ScoreSheet {
  if (visibility.kind === "all") return sheet;
  const own = new Set(visibility.kind === "units" ? visibility.departmentIds : []);
  if (!published) return { ...sheet, units: sheet.units.filter((u) => own.has(u.departmentId)) };
  return {
    ...sheet,
    units: sheet.units.map((u) => (own.has(u.departmentId) ? u : { ...u, components: [] })),
  };
}
