import { Select } from "antd";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { shanghaiYear } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useYear } from "./useYear.ts";
import { yearOptions } from "./year-param.ts";

const ALL = "all";

/**
 * The one year selector of the overview, task list, roadmap, timetable and ledger (issue #18):
 * 全部年度 (the default) or a year of the plan. Narrow enough for a 375 px screen.
 */
export function YearSelect({ plan }: { plan: PlanSummary }) {
  const { t } = useI18n();
  const [year, setYear] = useYear();
  const years = yearOptions(plan.periodStart, plan.periodEnd, shanghaiYear());
  return (
    <Select
      aria-label={t("year.select")}
      value={year === undefined ? ALL : String(year)}
      onChange={(v: string) => setYear(v === ALL ? undefined : Number(v))}
      style={{ width: 120 }}
      options={[
        { value: ALL, label: t("year.all") },
        ...years.map((y) => ({ value: String(y), label: t("year.option", { year: y }) })),
      ]}
    />
  );
}
