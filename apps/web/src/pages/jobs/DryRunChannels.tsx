import { Table, Tag } from "antd";

import type { AnyNotificationKind } from "@duban/domain/i18n";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import type { ChannelLine } from "./types.ts";

/** The group-robot posts and SMS a run's emails would fan out to: the rest of what a dry run shows. */
export function DryRunChannels({ lines }: { lines: ChannelLine[] }) {
  const { t } = useI18n();
  const labels = useLabels();
  const reason = (l: ChannelLine) =>
    l.why === "due"
      ? t("jobs.channelReason.due", { n: l.attempt ?? 1 })
      : t(`jobs.channelReason.${l.why}`);
  return (
    <Table<ChannelLine & { key: string }>
      size="small"
      aria-label={t("jobs.channelDeliveries")}
      dataSource={lines.map((l, i) => ({ ...l, key: `${l.dedupeKey}:${i}` }))}
      locale={{ emptyText: t("jobs.noChannelDeliveries") }}
      pagination={
        lines.length > 8
          ? { pageSize: 8, showSizeChanger: false, showTotal: (n) => t("common.total", { n }) }
          : false
      }
      columns={[
        {
          title: t("channels.channel"),
          dataIndex: "channel",
          width: 110,
          render: (c: ChannelLine["channel"]) => (
            <Tag color={c === "SMS" ? "orange" : "green"}>{t(`channels.channel.${c}`)}</Tag>
          ),
        },
        { title: t("channels.to"), dataIndex: "to", width: 160, ellipsis: true },
        {
          title: t("jobs.kind"),
          dataIndex: "kind",
          width: 130,
          render: (k: string) => labels.notificationKind(k as AnyNotificationKind),
        },
        { title: t("common.reason"), key: "reason", render: (_: unknown, l) => reason(l) },
      ]}
    />
  );
}
