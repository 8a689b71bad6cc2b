import { useQuery } from "@tanstack/react-query";
import { Table } from "antd";
import { Link } from "react-router";

import { TrafficLight } from "../../components/indicator/TrafficLight.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { formatShortfall, formatValue } from "../indicators/trajectory.ts";
import type { IndicatorRow } from "../indicators/types.ts";

/** Indicator traffic lights: each indicator's status at its latest reported quarter (the server's rule). */
export function IndicatorLights({ planId }: { planId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const list = useQuery(trpc.indicator.list.queryOptions({ planId }));
  return (
    <QueryState
      query={list}
      isEmpty={(d) => d.indicators.length === 0}
      empty={<span>{t("indicators.none")}</span>}
    >
      {(d) => (
        <Table<IndicatorRow>
          size="small"
          rowKey="id"
          dataSource={d.indicators}
          pagination={d.indicators.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
          scroll={{ x: 860 }}
          columns={[
            {
              title: t("indicators.status"),
              width: 110,
              render: (_v, r) => <TrafficLight status={r.assessment.status} />,
            },
            {
              title: t("indicators.name"),
              dataIndex: "name",
              ellipsis: true,
              render: (v: string) => <Link to="/indicators">{v}</Link>,
            },
            {
              title: t("indicators.unit"),
              dataIndex: "unit",
              width: 90,
              render: (v: string | null) => v ?? "—",
            },
            {
              title: t("indicators.baseline"),
              width: 110,
              align: "right",
              render: (_v, r) => `${formatValue(r.baselineValue)}（${r.baselineYear}）`,
            },
            {
              title: t("indicators.target"),
              width: 110,
              align: "right",
              render: (_v, r) => `${formatValue(r.targetValue)}（${r.targetYear}）`,
            },
            {
              title: t("indicators.latest"),
              width: 140,
              align: "right",
              render: (_v, r) =>
                r.latest
                  ? `${formatValue(r.latest.value)}（${labels.period(r.latest.period)}）`
                  : t("indicators.noValue"),
            },
            {
              title: t("indicators.shortfall"),
              width: 90,
              align: "right",
              render: (_v, r) => formatShortfall(r.assessment.shortfall),
            },
            {
              title: t("indicators.nature"),
              dataIndex: "nature",
              width: 80,
              render: (v: IndicatorRow["nature"]) => labels.nature(v),
            },
          ]}
        />
      )}
    </QueryState>
  );
}
