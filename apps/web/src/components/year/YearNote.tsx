import { Alert } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type YearSummary = RouterOutputs["task"]["list"]["year"];

/**
 * What the chosen year shows: the year plan's items (and whether it is a draft only the office
 * sees), or, without a year plan, the tasks whose span meets the year. Nothing for all years.
 */
export function YearNote({ year }: { year: YearSummary }) {
  const { t } = useI18n();
  if (!year) return null;
  const message = year.annualPlan
    ? t("year.basisPlan", {
        year: year.year,
        title: year.annualPlan.title,
        status: t(year.annualPlan.status === "ISSUED" ? "year.issued" : "year.draft"),
      })
    : t("year.basisSpan", { year: year.year });
  return <Alert type="info" showIcon message={message} style={{ marginBottom: 12 }} />;
}
