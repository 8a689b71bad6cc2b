import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Statistic } from "antd";
import { useEffect } from "react";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useYear } from "../../components/year/useYear.ts";
import { YearNote } from "../../components/year/YearNote.tsx";
import { YearSelect } from "../../components/year/YearSelect.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { CycleCard } from "./CycleCard.tsx";
import { IndicatorLights } from "./IndicatorLights.tsx";
import { LazyCompletionChart, loadChart } from "./LazyCompletionChart.tsx";
import { ProblemTasks } from "./ProblemTasks.tsx";
import { RankingTable } from "./RankingTable.tsx";
import { YearCompletion } from "./YearCompletion.tsx";

export function OverviewPage() {
  return <NeedPlan>{(plan) => <Overview plan={plan} />}</NeedPlan>;
}

function Overview({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [year] = useYear();
  const completion = useQuery(trpc.overview.completion.queryOptions({ planId: plan.id, year }));
  // the chart's code downloads while the figures load
  useEffect(() => void loadChart(), []);
  return (
    <>
      <PageHeader
        title={`${t("overview.title")} · ${plan.title}`}
        sub={completion.data ? t("overview.asOf", { date: completion.data.asOf }) : undefined}
        extra={<YearSelect plan={plan} />}
      />
      {completion.data ? <YearNote year={completion.data.year} /> : null}
      <QueryState query={completion} rows={8}>
        {(data) => (
          <Row gutter={[16, 16]}>
            {(
              [
                [t("overview.tasks"), data.totals.total, undefined],
                [labels.schedule("COMPLETED"), data.totals.completed, scheduleColor.COMPLETED],
                [labels.schedule("ON_SCHEDULE"), data.totals.onSchedule, scheduleColor.ON_SCHEDULE],
                [labels.schedule("LAGGING"), data.totals.lagging, scheduleColor.LAGGING],
                [labels.schedule("OVERDUE"), data.totals.overdue, scheduleColor.OVERDUE],
              ] as const
            ).map(([key, value, color]) => (
              <Col key={key} xs={12} md={8} lg={3}>
                <Card size="small">
                  <Statistic title={key} value={value} styles={{ content: { color } }} />
                </Card>
              </Col>
            ))}
            <Col xs={24} lg={9}>
              <CycleCard data={data} />
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t("overview.byDepartment")}>
                <LazyCompletionChart departments={data.departments} />
              </Card>
            </Col>
            {data.year ? (
              <Col xs={24} xl={12}>
                <Card
                  size="small"
                  title={`${t("year.rate", { year: data.year.year })} · ${t("year.planRate")}`}
                >
                  <YearCompletion year={data.year.year} departments={data.departments} />
                </Card>
              </Col>
            ) : null}
            <Col xs={24} xl={12}>
              <Card size="small" title={t("overview.problems")}>
                <ProblemTasks
                  problems={data.problems}
                  total={data.problemsTotal}
                  departments={data.departments}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t("overview.ranking")}>
                <RankingTable
                  departments={data.departments}
                  bands={data.bands}
                  year={data.year?.year}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={t("overview.indicators")}>
                <IndicatorLights planId={plan.id} />
              </Card>
            </Col>
          </Row>
        )}
      </QueryState>
    </>
  );
}
