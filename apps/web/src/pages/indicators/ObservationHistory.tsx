import { useQuery } from "@tanstack/react-query";
import { Table, Tag, Typography } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { formatValue } from "./trajectory.ts";
import type { Observation } from "./types.ts";

/** Every value reported, corrections included (a superseded value is struck through). */
export function ObservationHistory({ indicatorId }: { indicatorId: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const history = useQuery(trpc.indicator.history.queryOptions({ indicatorId }));
  return (
    <QueryState
      query={history}
      isEmpty={(h) => h.length === 0}
      empty={<Typography.Text type="secondary">{t("indicators.noValue")}</Typography.Text>}
    >
      {(h) => (
        <Table<Observation>
          size="small"
          rowKey="id"
          dataSource={[...h].reverse()}
          pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            {
              title: t("ledger.period"),
              dataIndex: "period",
              render: (p: string) => labels.period(p),
            },
            {
              title: t("indicators.value"),
              align: "right",
              render: (_v, r) =>
                r.supersededAt ? (
                  <Typography.Text delete type="secondary">
                    {formatValue(r.value)}
                  </Typography.Text>
                ) : (
                  formatValue(r.value)
                ),
            },
            {
              title: t("indicators.source"),
              dataIndex: "source",
              ellipsis: true,
              render: (v: string | null) => v ?? "—",
            },
            {
              title: t("indicators.reportedAt"),
              render: (_v, r) => formatDateTime(r.reportedAt, locale),
            },
            {
              title: t("task.status"),
              render: (_v, r) =>
                r.supersededAt ? (
                  <Tag>{t("indicators.superseded")}</Tag>
                ) : (
                  <Tag color="green">{t("indicators.current")}</Tag>
                ),
            },
          ]}
        />
      )}
    </QueryState>
  );
}
