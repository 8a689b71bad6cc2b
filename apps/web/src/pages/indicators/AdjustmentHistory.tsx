import { useQuery } from "@tanstack/react-query";
import { Table, Tag, Typography } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { formatValue } from "./trajectory.ts";

type Adjustment = RouterOutputs["indicator"]["adjustments"][number];

/** Every adjustment of the indicator, newest first: what changed, from → to, why, on what document. */
export function AdjustmentHistory({ indicatorId }: { indicatorId: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const adjustments = useQuery(trpc.indicator.adjustments.queryOptions({ indicatorId }));
  const what = (a: Adjustment) =>
    a.field === "ANNUAL_TARGET"
      ? `${t("adjust.field.ANNUAL_TARGET")} ${a.year ?? ""}${a.districtName ? ` · ${a.districtName}` : ""}${a.departmentName ? ` · ${a.departmentName}` : ""}`
      : t(`adjust.field.${a.field}`);
  return (
    <QueryState
      query={adjustments}
      isEmpty={(h) => h.length === 0}
      empty={<Typography.Text type="secondary">{t("adjust.none")}</Typography.Text>}
    >
      {(h) => (
        <Table<Adjustment>
          size="small"
          rowKey="id"
          dataSource={[...h].reverse()}
          // scrolls sideways on a phone rather than wrapping names character by character
          scroll={{ x: 720 }}
          pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t("adjust.field"), width: 120, render: (_v, a) => what(a) },
            {
              title: t("adjust.from"),
              align: "right",
              render: (_v, a) => formatValue(a.fromValue),
            },
            {
              title: t("adjust.to"),
              align: "right",
              render: (_v, a) =>
                a.toValue === null ? t("adjust.cleared") : formatValue(a.toValue),
            },
            {
              title: t("adjust.reason"),
              width: 220,
              render: (_v, a) => (
                <>
                  {a.reason}
                  {a.docRef ? (
                    <Typography.Text type="secondary">（{a.docRef}）</Typography.Text>
                  ) : null}
                  {a.changeRequestId ? (
                    <Tag style={{ marginLeft: 4 }}>{t("adjust.viaRequest")}</Tag>
                  ) : null}
                </>
              ),
            },
            { title: t("adjust.by"), width: 140, render: (_v, a) => a.adjustedByName ?? "—" },
            {
              title: t("adjust.at"),
              width: 140,
              render: (_v, a) => formatDateTime(a.adjustedAt, locale),
            },
          ]}
        />
      )}
    </QueryState>
  );
}
