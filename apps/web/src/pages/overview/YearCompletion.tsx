import { Empty, Flex, Progress, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import type { DepartmentRow } from "./types.ts";

const YEAR_COLOR = "#1677ff";
const PLAN_COLOR = "#8c8c8c";

/**
 * The chosen year's completion per unit (its year items done / due, annualItemOutcome on the
 * server) as a bar next to the unit's five-year completion (issue #18). Plain bars rather than a
 * chart: they stay readable at 375 px and need no chart code.
 */
export function YearCompletion({
  year,
  departments,
}: {
  year: number;
  departments: DepartmentRow[];
}) {
  const { t } = useI18n();
  const rows = departments.filter((d) => d.year);
  if (!rows.length) return <Empty description={t("common.empty")} />;
  return (
    <Flex vertical gap={10}>
      <Flex gap={16} wrap>
        <Typography.Text style={{ color: YEAR_COLOR }}>
          ■ {t("year.rate", { year })}
        </Typography.Text>
        <Typography.Text style={{ color: PLAN_COLOR }}>■ {t("year.planRate")}</Typography.Text>
      </Flex>
      {rows.map((d) => {
        const y = d.year!;
        const of = t("year.rateOf", { done: y.done, due: y.due, items: y.items });
        return (
          <div key={d.departmentId}>
            <Typography.Text ellipsis style={{ display: "block" }}>
              {d.name}
            </Typography.Text>
            <div aria-label={`${t("year.rate", { year })} ${y.rate ?? "—"}%，${of}`} title={of}>
              <Progress
                percent={y.rate ?? 0}
                size="small"
                strokeColor={YEAR_COLOR}
                format={() => (y.rate === null ? t("year.notDue") : `${y.rate}%`)}
              />
            </div>
            <div aria-label={`${t("year.planRate")} ${y.fiveYear.rate}%`}>
              <Progress
                percent={y.fiveYear.rate}
                size="small"
                strokeColor={PLAN_COLOR}
                format={() => `${y.fiveYear.rate}%`}
              />
            </div>
          </div>
        );
      })}
    </Flex>
  );
}
