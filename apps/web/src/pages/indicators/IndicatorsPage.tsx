import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Row, Table, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";

import type { PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { TrafficLight } from "../../components/indicator/TrafficLight.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { IndicatorDetail } from "./IndicatorDetail.tsx";
import { formatValue } from "./trajectory.ts";
import type { IndicatorRow } from "./types.ts";
import { WarningList } from "./WarningList.tsx";

export function IndicatorsPage() {
  return <NeedPlan>{(plan, access) => <Indicators plan={plan} access={access} />}</NeedPlan>;
}

function Indicators({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const list = useQuery(trpc.indicator.list.queryOptions({ planId: plan.id }));
  // an email or inbox message about an indicator (a leader's instruction) opens ?indicator=<id>
  const [params] = useSearchParams();
  const [selectedId, setSelectedId] = useState<string | null>(() => params.get("indicator"));
  return (
    <>
      <PageHeader
        title={t("menu.indicators")}
        sub={list.data ? t("overview.asOf", { date: list.data.asOf }) : undefined}
      />
      <QueryState
        query={list}
        rows={8}
        isEmpty={(d) => d.indicators.length === 0}
        empty={<Empty description={t("indicators.none")} />}
      >
        {(d) => {
          const selected = d.indicators.find((i) => i.id === selectedId) ?? d.indicators[0]!;
          return (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={11}>
                <Card size="small">
                  <Table<IndicatorRow>
                    size="small"
                    rowKey="id"
                    dataSource={d.indicators}
                    pagination={{ pageSize: 12, showSizeChanger: false, hideOnSinglePage: true }}
                    onRow={(r) => ({ onClick: () => setSelectedId(r.id) })}
                    rowClassName={(r) =>
                      r.id === selected.id
                        ? "ant-table-row-selected clickable-row"
                        : "clickable-row"
                    }
                    columns={[
                      {
                        title: t("indicators.name"),
                        dataIndex: "name",
                        ellipsis: true,
                        render: (v: string, r) => (
                          <button
                            type="button"
                            className="link-button"
                            aria-pressed={r.id === selected.id}
                            aria-label={`${t("indicators.choose")}：${v}`}
                            onClick={() => setSelectedId(r.id)}
                          >
                            {r.number}. {v}
                          </button>
                        ),
                      },
                      {
                        title: t("indicators.status"),
                        width: 96,
                        render: (_v, r) => <TrafficLight status={r.assessment.status} />,
                      },
                      {
                        title: t("indicators.latest"),
                        width: 84,
                        align: "right",
                        render: (_v, r) =>
                          r.latest ? (
                            <span title={labels.period(r.latest.period)}>
                              {formatValue(r.latest.value)}
                            </span>
                          ) : (
                            <Typography.Text type="secondary">—</Typography.Text>
                          ),
                      },
                      {
                        title: t("indicators.responsible"),
                        width: 110,
                        ellipsis: true,
                        render: (_v, r) =>
                          r.responsibleDepartment?.name ?? (
                            <Typography.Text type="secondary">
                              {t("indicators.noResponsible")}
                            </Typography.Text>
                          ),
                      },
                    ]}
                  />
                </Card>
                {d.warnings.length ? (
                  <Card
                    size="small"
                    title={t("indicators.warnings", { n: d.warnings.length })}
                    style={{ marginTop: 16 }}
                  >
                    <WarningList warnings={d.warnings} onSelect={setSelectedId} />
                  </Card>
                ) : null}
              </Col>
              <Col xs={24} xl={13}>
                <IndicatorDetail
                  key={selected.id}
                  plan={plan}
                  access={access}
                  indicator={selected}
                  warnings={d.warnings.filter((w) => w.indicatorId === selected.id)}
                />
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </>
  );
}
