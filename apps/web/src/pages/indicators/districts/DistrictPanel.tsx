import { useQuery } from "@tanstack/react-query";
import { Alert, Collapse, Space } from "antd";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { QueryState } from "../../../components/QueryState.tsx";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import { DownloadButton } from "../../evaluations/DownloadButton.tsx";
import type { IndicatorRow } from "../types.ts";
import { DistrictChart } from "./DistrictChart.tsx";
import { DistrictEntryForm } from "./DistrictEntryForm.tsx";
import { DistrictSettings } from "./DistrictSettings.tsx";
import { DistrictTable } from "./DistrictTable.tsx";

/**
 * The 分片区 tab of an indicator (issue #19): its 片区 side by side (table and chart, warnings),
 * entry for the 片区 the user may enter, and the office's settings.
 */
export function DistrictPanel({ plan, indicator }: { plan: PlanSummary; indicator: IndicatorRow }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const query = useQuery(
    trpc.district.indicatorDistricts.queryOptions({ indicatorId: indicator.id }),
  );
  return (
    <QueryState query={query}>
      {(view) => {
        const enterable = view.districts.filter((d) => d.canEnter);
        return (
          <Space direction="vertical" style={{ width: "100%" }}>
            {view.indicator.byDistrict ? (
              <>
                <Alert
                  type="info"
                  title={t(`districts.rule.${view.indicator.totalRule}`, {
                    comparison: labels.rollupRule(view.indicator.comparison),
                  })}
                />
                <DownloadButton
                  url={`/api/indicators/${indicator.id}/districts.xlsx`}
                  name={`${indicator.name}-分片区.xlsx`}
                  label={t("districts.export")}
                />
                <DistrictTable view={view} />
                <DistrictChart view={view} />
                {enterable.length ? (
                  <Collapse
                    size="small"
                    items={[
                      {
                        key: "entry",
                        label: t("districts.enter"),
                        children: (
                          <DistrictEntryForm
                            plan={plan}
                            indicator={indicator}
                            districts={enterable}
                          />
                        ),
                      },
                    ]}
                  />
                ) : null}
              </>
            ) : (
              <Alert type="info" title={t("districts.off")} />
            )}
            {view.canConfigure ? (
              <Collapse
                size="small"
                defaultActiveKey={view.indicator.byDistrict ? [] : ["settings"]}
                items={[
                  {
                    key: "settings",
                    label: t("districts.settings"),
                    children: (
                      <DistrictSettings view={view} jurisdictionId={plan.jurisdiction.id} />
                    ),
                  },
                ]}
              />
            ) : null}
          </Space>
        );
      }}
    </QueryState>
  );
}
