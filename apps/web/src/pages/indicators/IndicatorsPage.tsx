import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Empty, Row, Table } from "antd";
import { useTRPC } from "../../lib/trpc.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { Chart } from "../../components/chart/Chart.tsx";
import type { PlanSummary } from "../../app/plan-context.tsx";
import type { Indicator } from "./types.ts";
import { formatValue, linearPath } from "./trajectory.ts";

export function IndicatorsPage() {
  return <NeedPlan>{(plan) => <Indicators plan={plan} />}</NeedPlan>;
}

function Indicators({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const doc = useQuery(trpc.plan.document.queryOptions({ planId: plan.id }));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t("menu.indicators")} />
      <QueryState query={doc} isEmpty={(d) => d.indicators.length === 0} empty={<Empty description={t("ind.none")} />}>
        {(d) => {
          const selected = d.indicators.find((i) => i.id === selectedId) ?? d.indicators[0]!;
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={11}>
                <Card size="small">
                  <Table<Indicator>
                    size="small"
                    rowKey="id"
                    dataSource={d.indicators}
                    pagination={{ pageSize: 12, showSizeChanger: false, hideOnSinglePage: true }}
                    rowSelection={{ type: "radio", selectedRowKeys: [selected.id], onChange: (keys) => setSelectedId(String(keys[0])), columnTitle: t("ind.choose") }}
                    onRow={(r) => ({ onClick: () => setSelectedId(r.id) })}
                    columns={[
                      { title: t("ind.number"), dataIndex: "number", width: 56 },
                      { title: t("ind.name"), dataIndex: "name", ellipsis: true },
                      { title: t("ind.baseline"), width: 80, align: "right", render: (_v, r) => formatValue(r.baselineValue) },
                      { title: t("ind.target"), width: 80, align: "right", render: (_v, r) => formatValue(r.targetValue) },
                      { title: t("ind.nature"), dataIndex: "nature", width: 70, render: (v: Indicator["nature"]) => labels.nature(v) },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={13}>
                <Card size="small" title={`${selected.name}${selected.unit ? `（${selected.unit}）` : ""} · ${t("ind.trajectory")}`}>
                  <Trajectory indicator={selected} />
                  {/* Value entry lands here once the indicator observation procedures exist. */}
                  <Alert type="info" showIcon style={{ marginTop: 12 }} title={t("ind.valueEntryPending")} />
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </>
  );
}

function Trajectory({ indicator }: { indicator: Indicator }) {
  const { t } = useI18n();
  const path = linearPath(indicator);
  if (!path) return <Empty description={`${t("ind.baseline")} / ${t("ind.target")} —`} />;
  return (
    <Chart
      label={`${indicator.name} ${t("ind.trajectory")}`}
      height={300}
      option={{
        tooltip: { trigger: "axis" },
        legend: { top: 0 },
        grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: path.map(([y]) => String(y)) },
        yAxis: { type: "value", scale: true, name: indicator.unit ?? "" },
        series: [
          { name: t("ind.expectedPath"), type: "line", data: path.map(([, v]) => v), lineStyle: { type: "dashed" }, itemStyle: { color: "#8c8c8c" } },
          // observations will fill this series; it stays empty rather than showing made-up numbers
          { name: t("ind.reported"), type: "line", data: path.map(() => null), itemStyle: { color: "#b8202e" } },
        ],
      }}
    />
  );
}
