import {
  cycleStateLabels,
  indicatorNatureLabels,
  ledgerCellLabels,
  periodLabel,
  planStatusLabels,
  reviewStateLabels,
  roleLabels,
  scheduleLabels,
  taskStatusLabels,
  type CycleStateKey,
  type IndicatorNatureKey,
  type LedgerCellKey,
  type PlanStatusKey,
  type ReviewStateKey,
  type RoleKey,
  type ScheduleKey,
  type TaskStatusKey,
} from "@duban/domain/i18n";

import { useI18n } from "./i18n.tsx";

/** The domain's enumeration labels in the current UI language. */
export function useLabels() {
  const { locale } = useI18n();
  return {
    taskStatus: (s: TaskStatusKey) => taskStatusLabels[locale][s],
    schedule: (s: ScheduleKey) => scheduleLabels[locale][s],
    cell: (s: LedgerCellKey) => ledgerCellLabels[locale][s],
    review: (s: ReviewStateKey) => reviewStateLabels[locale][s],
    role: (s: RoleKey) => roleLabels[locale][s],
    planStatus: (s: PlanStatusKey) => planStatusLabels[locale][s],
    cycleState: (s: CycleStateKey) => cycleStateLabels[locale][s],
    nature: (s: IndicatorNatureKey) => indicatorNatureLabels[locale][s],
    period: (p: string) => periodLabel(p, locale),
  };
}
