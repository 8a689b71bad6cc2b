import { Table, Tag } from "antd";

import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import type { Recipient } from "./types.ts";

/** Who a run would email and why: the list the office checks before a real run. */
export function DryRunRecipients({ recipients }: { recipients: Recipient[] }) {
  const { t } = useI18n();
  const kind = (k: string) => {
    const key = `notify.kind.${k}` as MessageKey;
    const label = t(key);
    return label === key ? k : label;
  };
  return (
    <Table<Recipient & { key: string }>
      size="small"
      aria-label={t("jobs.recipients")}
      dataSource={recipients.map((r, i) => ({ ...r, key: `${r.dedupeKey}:${r.email}:${i}` }))}
      locale={{ emptyText: t("jobs.noRecipients") }}
      pagination={
        recipients.length > 8
          ? { pageSize: 8, showSizeChanger: false, showTotal: (n) => t("common.total", { n }) }
          : false
      }
      columns={[
        { title: t("jobs.email"), dataIndex: "email", width: 200, ellipsis: true },
        { title: t("jobs.kind"), dataIndex: "kind", width: 130, render: (k: string) => kind(k) },
        {
          title: t("jobs.delivery"),
          dataIndex: "delivery",
          width: 90,
          render: (d: Recipient["delivery"]) => (
            <Tag color={d === "IMMEDIATE" ? "blue" : "default"}>{t(`notify.mode.${d}`)}</Tag>
          ),
        },
        { title: t("common.reason"), dataIndex: "reason" },
      ]}
    />
  );
}
