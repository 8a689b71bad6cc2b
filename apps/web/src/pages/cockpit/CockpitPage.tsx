import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";

import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { DownloadButton } from "../evaluations/DownloadButton.tsx";
import {
  IndicatorSection,
  JurisdictionTable,
  KpiCards,
  LaggingList,
  PlanList,
  ReportingTable,
  UnitTable,
  type CockpitPlanOrder,
} from "./CockpitSections.tsx";
import { LazyJurisdictionChart, loadJurisdictionChart } from "./LazyJurisdictionChart.tsx";

/** The jurisdiction the cockpit shows: `?j=` in the address, else the server's default. */
export function useCockpitJurisdiction() {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const picker = useQuery(trpc.cockpit.jurisdictions.queryOptions());
  const chosen = params.get("j") ?? picker.data?.defaultId ?? undefined;
  const choose = (id: string) =>
    setParams(
      (p) => {
        p.set("j", id);
        return p;
      },
      { replace: true },
    );
  return { picker, chosen, choose };
}

/**
 * 驾驶舱 (issue #19): every active plan the user reads in a jurisdiction and below, on one page —
 * KPI cards, completion per jurisdiction (chart and table with lights), the units with most
 * problems, the worst lagging items, indicator attainment (per jurisdiction, per 片区 / county),
 * reporting completeness, and the plans a page at a time (cockpit.plans), each opening its overview.
 * Export and 大屏 on top.
 */
export function CockpitPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { setPlanId } = useSession();
  const { picker, chosen, choose } = useCockpitJurisdiction();
  const summary = useQuery({
    ...trpc.cockpit.summary.queryOptions({ jurisdictionId: chosen }),
    enabled: picker.isSuccess,
  });
  // the plan list is its own paged query (a province has 1,000 plans), read once the page is there
  const [planOrder, setPlanOrder] = useState<CockpitPlanOrder>("tree");
  const [planPage, setPlanPage] = useState({ page: 1, pageSize: 20 });
  useEffect(() => setPlanPage((p) => ({ ...p, page: 1 })), [chosen, planOrder]);
  const plans = useQuery({
    ...trpc.cockpit.plans.queryOptions({
      jurisdictionId: chosen,
      order: planOrder,
      ...planPage,
    }),
    enabled: summary.isSuccess,
    placeholderData: keepPreviousData,
  });
  useEffect(() => void loadJurisdictionChart(), []);
  const openPlan = (planId: string) => {
    setPlanId(planId);
    void navigate("/overview");
  };
  const openTask = (planId: string, taskId: string) => {
    setPlanId(planId);
    void navigate(`/tasks/${taskId}`);
  };
  const query = chosen ? `?jurisdictionId=${chosen}` : "";
  return (
    <>
      <PageHeader
        title={t("cockpit.title")}
        sub={
          summary.data
            ? t("cockpit.asOf", { date: summary.data.asOf, name: summary.data.root.name })
            : undefined
        }
        extra={
          <>
            <Select
              aria-label={t("cockpit.jurisdiction")}
              style={{ minWidth: 180 }}
              loading={picker.isPending}
              value={chosen}
              onChange={choose}
              options={(picker.data?.jurisdictions ?? []).map((j) => ({
                value: j.id,
                label: `${"　".repeat(j.depth)}${j.name}`,
              }))}
            />
            <DownloadButton
              url={`/api/cockpit/export.xlsx${query}`}
              name={`${summary.data?.root.name ?? ""}驾驶舱.xlsx`}
              label={t("cockpit.export")}
            />
            <Button onClick={() => void navigate(`/cockpit/screen${chosen ? `?j=${chosen}` : ""}`)}>
              {t("cockpit.screen")}
            </Button>
          </>
        }
      />
      <QueryState query={summary} rows={10}>
        {(data) => (
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <KpiCards data={data} />
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("cockpit.byJurisdiction")}>
                <LazyJurisdictionChart
                  rows={data.jurisdictions.filter((j) =>
                    data.jurisdictions.length > 1 ? j.depth === 1 : true,
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("cockpit.lagging")}>
                <LaggingList data={data} onOpenTask={openTask} />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t("cockpit.completionTable")}>
                <JurisdictionTable data={data} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("cockpit.units", { n: data.unitCount })}>
                <UnitTable data={data} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t("cockpit.reportingTitle", { period: data.period ?? "—" })}
              >
                <ReportingTable data={data} />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t("cockpit.indicatorTitle")}>
                <IndicatorSection data={data} />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t("cockpit.planListOf", { total: data.planTotal })}>
                <PlanList
                  page={plans.data}
                  loading={plans.isFetching}
                  order={planOrder}
                  onOrder={setPlanOrder}
                  onPage={(page, pageSize) => setPlanPage({ page, pageSize })}
                  onOpenPlan={openPlan}
                />
              </Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
