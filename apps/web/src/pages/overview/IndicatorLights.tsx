import { useQuery } from "@tanstack/react-query";
import { Badge, Table } from "antd";
import { useTRPC } from "../../lib/trpc.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { QueryState } from "../../components/QueryState.tsx";
import type { Indicator } from "../indicators/types.ts";
import { formatValue } from "../indicators/trajectory.ts";

/**
 * Indicator traffic lights. The status rule (on track / at risk / off track against the linear
 * path) comes with indicator observations, which another part of the system is adding; until an
 * indicator has a value its light stays grey, "not monitored". No value is ever invented here.
 */
export function IndicatorLights({ planId }: { planId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const doc = useQuery(trpc.plan.document.queryOptions({ planId }));
  return (
    <QueryState query={doc} isEmpty={(d) => d.indicators.length === 0} empty={<span>{t("ind.none")}</span>}>
      {(d) => (
        <Table<Indicator>
          size="small"
          rowKey="id"
          dataSource={d.indicators}
          pagination={d.indicators.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
          scroll={{ x: 760 }}
          columns={[
            { title: t("ind.status"), width: 100, render: () => <Badge color="#bfbfbf" text={t("ind.light.none")} /> },
            { title: t("ind.name"), dataIndex: "name", ellipsis: true },
            { title: t("ind.unit"), dataIndex: "unit", width: 90, render: (v: string | null) => v ?? "—" },
            { title: `${t("ind.baseline")}`, width: 110, align: "right", render: (_v, r) => `${formatValue(r.baselineValue)}（${r.baselineYear}）` },
            { title: `${t("ind.target")}`, width: 110, align: "right", render: (_v, r) => `${formatValue(r.targetValue)}（${r.targetYear}）` },
            { title: t("ind.latest"), width: 110, align: "right", render: () => t("ind.noValue") },
            { title: t("ind.nature"), dataIndex: "nature", width: 80, render: (v: Indicator["nature"]) => labels.nature(v) },
          ]}
        />
      )}
    </QueryState>
  );
}
