import { useQuery } from "@tanstack/react-query";
import { Space, Table, Tag, Typography } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterInputs, type RouterOutputs } from "../../lib/trpc.ts";
import { DeliveryFilterBar, useDeliveryFilter } from "./DeliveryFilterBar.tsx";

type Item = RouterOutputs["channels"]["deliveries"]["items"][number];
type State = NonNullable<RouterInputs["channels"]["deliveries"]["state"]>;
type Channel = NonNullable<RouterInputs["channels"]["deliveries"]["channel"]>;
const STATES: State[] = ["PENDING", "SENDING", "SENT", "FAILED", "SKIPPED"];
const CHANNELS: Channel[] = ["WECOM_ROBOT", "DINGTALK_ROBOT", "SMS"];
const stateColor: Record<State, string> = {
  PENDING: "processing",
  SENDING: "processing",
  SENT: "success",
  FAILED: "error",
  SKIPPED: "default",
};

/**
 * The office's deliveries beyond email (robots, SMS) caused by its jurisdictions, newest first,
 * filterable by channel and state; phone numbers come masked from the server.
 */
export function ChannelDeliveries({
  jurisdictions,
}: {
  jurisdictions: Array<{ id: string; name: string }>;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { filter, onFilter, page, setPage } = useDeliveryFilter<{
    jurisdictionId: string;
    channel?: Channel;
    state?: State;
  }>(jurisdictions);
  const pageSize = 20;
  const list = useQuery(
    trpc.channels.deliveries.queryOptions(
      { ...filter, page, pageSize },
      { placeholderData: (prev) => prev },
    ),
  );
  return (
    <>
      <DeliveryFilterBar
        jurisdictions={jurisdictions}
        value={filter}
        fields={[
          {
            name: "channel",
            label: t("channels.channel"),
            placeholder: t("channels.allChannels"),
            options: CHANNELS.map((c) => ({ value: c, label: t(`channels.channel.${c}`) })),
          },
          {
            name: "state",
            label: t("notifications.state"),
            placeholder: t("notifications.allStates"),
            options: STATES.map((s) => ({ value: s, label: t(`channels.state.${s}`) })),
          },
        ]}
        onChange={onFilter}
      />
      <QueryState query={list}>
        {(data) => (
          <Table<Item>
            size="small"
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: t("channels.noDeliveries") }}
            pagination={{
              current: page,
              pageSize,
              total: data.total,
              onChange: setPage,
              showSizeChanger: false,
            }}
            columns={[
              {
                title: t("notifications.createdAt"),
                dataIndex: "createdAt",
                render: (v: Date) => formatDateTime(v, locale),
              },
              {
                title: t("channels.channel"),
                dataIndex: "channel",
                render: (c: Channel) => t(`channels.channel.${c}`),
              },
              {
                title: t("channels.to"),
                render: (_v, r) => r.robot?.name ?? r.phone ?? "—",
              },
              {
                title: t("notifications.kind"),
                render: (_v, r) =>
                  r.kind === "robot-test"
                    ? t("channels.testKind")
                    : labels.notificationKind(
                        r.kind as Parameters<typeof labels.notificationKind>[0],
                      ),
              },
              { title: t("notifications.subject"), dataIndex: "title" },
              {
                title: t("notifications.state"),
                render: (_v, r) => (
                  <Space direction="vertical" size={0}>
                    <Tag color={stateColor[r.state]}>{t(`channels.state.${r.state}`)}</Tag>
                    {r.lastError ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {r.lastError}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              { title: t("channels.attempts"), dataIndex: "attempts", align: "right" },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
