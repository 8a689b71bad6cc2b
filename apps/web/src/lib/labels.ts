import {
  accumulationLabels,
  annualPlanStatusLabels,
  assignmentKindLabels,
  assignmentStateLabels,
  bulletinStateLabels,
  completionStateLabels,
  cycleStateLabels,
  deliveryModeLabels,
  departmentKindLabels,
  evaluationKindLabels,
  indicatorDirectionLabels,
  indicatorNatureLabels,
  indicatorStatusLabels,
  indicatorWarningLabels,
  jobNameLabels,
  jobRunStateLabels,
  labelOf,
  ledgerCellLabels,
  notificationKindLabels,
  notificationStateLabels,
  periodLabel,
  planStatusLabels,
  qualityRatingLabels,
  reviewStateLabels,
  roleLabels,
  rollupRuleLabels,
  scheduleLabels,
  schemeComponentLabels,
  taskStatusLabels,
  trafficLightLabels,
  trajectoryMethodLabels,
  type LabelTable,
  type Locale,
} from "@duban/domain/i18n";

import { useI18n } from "./i18n.tsx";

const tables = {
  taskStatus: taskStatusLabels,
  schedule: scheduleLabels,
  light: trafficLightLabels,
  cell: ledgerCellLabels,
  review: reviewStateLabels,
  role: roleLabels,
  planStatus: planStatusLabels,
  cycleState: cycleStateLabels,
  nature: indicatorNatureLabels,
  direction: indicatorDirectionLabels,
  method: trajectoryMethodLabels,
  accumulation: accumulationLabels,
  indicatorStatus: indicatorStatusLabels,
  indicatorWarning: indicatorWarningLabels,
  evaluationKind: evaluationKindLabels,
  notificationKind: notificationKindLabels,
  notificationState: notificationStateLabels,
  deliveryMode: deliveryModeLabels,
  jobName: jobNameLabels,
  jobRunState: jobRunStateLabels,
  qualityRating: qualityRatingLabels,
  completionState: completionStateLabels,
  bulletinState: bulletinStateLabels,
  schemeComponent: schemeComponentLabels,
  annualPlanStatus: annualPlanStatusLabels,
  rollupRule: rollupRuleLabels,
  assignmentKind: assignmentKindLabels,
  assignmentState: assignmentStateLabels,
  departmentKind: departmentKindLabels,
};

type Tables = typeof tables;
type KeyOf<T> = T extends LabelTable<infer K> ? K : never;
export type Labels = { [N in keyof Tables]: (key: KeyOf<Tables[N]>) => string } & {
  period: (p: string) => string;
};

/** The domain's enumeration labels (packages/domain/src/i18n/labels.ts) in one UI language. */
export function labelsFor(locale: Locale): Labels {
  const out = { period: (p: string) => periodLabel(p, locale) } as Record<string, unknown>;
  // a value the table lacks (a newer server, a kind from an old row) is shown as it is
  for (const [name, table] of Object.entries(tables))
    out[name] = (key: string) =>
      key in table ? labelOf(table as LabelTable<string>, key, locale) : key;
  return out as Labels;
}

const byLocale: Record<Locale, Labels> = { "zh-CN": labelsFor("zh-CN"), en: labelsFor("en") };

/** The domain's enumeration labels in the current UI language. */
export function useLabels(): Labels {
  const { locale } = useI18n();
  return byLocale[locale];
}
