import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useTRPC, type RouterInputs, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

type Item = RouterOutputs["notification"]["list"]["items"][number];
type State = NonNullable<RouterInputs["notification"]["list"]["state"]>;
const STATES: State[] = ["PENDING", "SENDING", "SENT", "FAILED", "CANCELLED"];
const stateColor: Record<State, string> = {
  PENDING: "processing",
  SENDING: "processing",
  SENT: "success",
  FAILED: "error",
  CANCELLED: "default",
};

/**
 * The office's outbox: the emails its jurisdictions caused (whoever they went to), filterable by
 * state; a failed one can be retried. Password resets are never listed, and no payload is sent.
 */
export function Outbox({ jurisdictions }: { jurisdictions: Array<{ id: string; name: string }> }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [jurisdictionId, setJurisdictionId] = useState(jurisdictions[0]!.id);
  const [state, setState] = useState<State | undefined>();
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useQuery(
    trpc.notification.list.queryOptions(
      { jurisdictionId, state, page, pageSize },
      { placeholderData: (prev) => prev },
    ),
  );
  const retry = useAction(trpc.notification.retry.mutationOptions(), {
    invalidate: [trpc.notification.list.pathFilter()],
    success: t("notify.retried"),
  });
  const kindLabel = (k: string) => {
    const key = `notify.kind.${k}` as MessageKey;
    const l = t(key);
    return l === key ? k : l;
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {jurisdictions.length > 1 ? (
          <Select
            aria-label={t("admin.jurisdiction")}
            style={{ width: 160 }}
            value={jurisdictionId}
            onChange={(v) => {
              setJurisdictionId(v);
              setPage(1);
            }}
            options={jurisdictions.map((j) => ({ value: j.id, label: j.name }))}
          />
        ) : null}
        <Select
          aria-label={t("notify.state")}
          allowClear
          placeholder={t("notify.allStates")}
          style={{ width: 160 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={STATES.map((s) => ({ value: s, label: t(`notify.state.${s}`) }))}
        />
      </Space>
      {retry.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={retry.error}
        />
      ) : null}
      <QueryState query={list}>
        {(d) => (
          <Table<Item>
            size="small"
            rowKey="id"
            dataSource={d.items}
            loading={list.isFetching && list.isPlaceholderData}
            locale={{ emptyText: t("notify.none") }}
            scroll={{ x: 1000 }}
            pagination={{
              current: d.page,
              pageSize: d.pageSize,
              total: d.total,
              showSizeChanger: false,
              showTotal: (n) => t("common.total", { n }),
              onChange: setPage,
            }}
            columns={[
              {
                title: t("notify.createdAt"),
                width: 140,
                render: (_v, r) => formatDateTime(r.createdAt, locale),
              },
              {
                title: t("notify.kind"),
                dataIndex: "kind",
                width: 130,
                render: (k: string) => kindLabel(k),
              },
              { title: t("jobs.email"), dataIndex: "recipientEmail", width: 190, ellipsis: true },
              { title: t("notify.subject"), dataIndex: "subject", ellipsis: true },
              {
                title: t("notify.state"),
                width: 150,
                render: (_v, r) => (
                  <>
                    <Tag color={stateColor[r.state]}>{t(`notify.state.${r.state}`)}</Tag>
                    {r.attempts ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        ×{r.attempts}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
              {
                title: t("notify.lastError"),
                dataIndex: "lastError",
                width: 200,
                ellipsis: true,
                render: (v: string | null) =>
                  v ? (
                    <Typography.Text type="danger" ellipsis={{ tooltip: v }}>
                      {v}
                    </Typography.Text>
                  ) : (
                    "—"
                  ),
              },
              {
                title: t("common.actions"),
                width: 90,
                render: (_v, r) =>
                  r.state === "FAILED" ? (
                    <Button
                      size="small"
                      loading={retry.pending && retry.variables?.id === r.id}
                      onClick={() => retry.run({ id: r.id })}
                    >
                      {t("notify.retry")}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
