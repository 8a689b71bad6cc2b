import { useQuery } from "@tanstack/react-query";
import { Alert, Empty, Space } from "antd";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { IndicatorRow } from "../indicators/types.ts";
import { AssignIndicatorButton } from "./AssignIndicatorModal.tsx";
import { SharesTable } from "./SharesTable.tsx";

/**
 * The 份额 tab of an indicator (issue #19): the shares assigned to the child jurisdictions side by
 * side with the rolled-up value (district.indicatorShares), and for the plan's office the 下达份额
 * button. A county reading its city's indicator sees its own share only (`partial`).
 */
export function SharesPanel({
  plan,
  indicator,
  office,
}: {
  plan: PlanSummary;
  indicator: IndicatorRow;
  office: boolean;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const query = useQuery(trpc.district.indicatorShares.queryOptions({ indicatorId: indicator.id }));
  // 下达份额 only where there are child jurisdictions (a county's towns are units, not these)
  const options = useQuery({
    ...trpc.cascade.options.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
    enabled: office,
  });
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {office && plan.status === "ACTIVE" && query.data && options.data?.children.length ? (
        <AssignIndicatorButton
          plan={plan}
          indicator={indicator}
          // withdrawn shares are not listed: a county may be given a share again
          assigned={new Set(query.data.children.map((c) => c.jurisdiction.id))}
        />
      ) : null}
      <QueryState query={query}>
        {(view) =>
          view.children.length ? (
            <>
              <Alert
                type="info"
                title={t(`shares.rule.${view.indicator.rule}`, {
                  comparison: labels.rollupRule(view.indicator.comparison),
                })}
              />
              {view.partial ? <Alert type="warning" showIcon title={t("shares.partial")} /> : null}
              <SharesTable view={view} />
            </>
          ) : (
            <Empty description={t("shares.none")} />
          )
        }
      </QueryState>
    </Space>
  );
}
