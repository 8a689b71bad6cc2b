import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Table, Tag, Typography } from "antd";

import type { AnyNotificationKind } from "@duban/domain/i18n";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterInputs, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { DeliveryFilterBar, useDeliveryFilter } from "./DeliveryFilterBar.tsx";

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
  const labels = useLabels();
  const { filter, onFilter, page, setPage } = useDeliveryFilter<{
    jurisdictionId: string;
    state?: State;
  }>(jurisdictions);
  const pageSize = 20;
  const list = useQuery(
    trpc.notification.list.queryOptions(
      { ...filter, page, pageSize },
      { placeholderData: (prev) => prev },
    ),
  );
  const retry = useAction(trpc.notification.retry.mutationOptions(), {
    invalidate: [trpc.notification.list.pathFilter()],
    success: t("notifications.retried"),
  });
  return (
    <>
      <DeliveryFilterBar
        jurisdictions={jurisdictions}
        value={filter}
        fields={[
          {
            name: "state",
            label: t("notifications.state"),
            placeholder: t("notifications.allStates"),
            options: STATES.map((s) => ({ value: s, label: labels.notificationState(s) })),
          },
        ]}
        onChange={onFilter}
      />
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
            locale={{ emptyText: t("notifications.none") }}
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
                title: t("notifications.createdAt"),
                width: 140,
                render: (_v, r) => formatDateTime(r.createdAt, locale),
              },
              {
                title: t("notifications.kind"),
                dataIndex: "kind",
                width: 130,
                render: (k: string) => labels.notificationKind(k as AnyNotificationKind),
              },
              { title: t("jobs.email"), dataIndex: "recipientEmail", width: 190, ellipsis: true },
              { title: t("notifications.subject"), dataIndex: "subject", ellipsis: true },
              {
                title: t("notifications.state"),
                width: 150,
                render: (_v, r) => (
                  <>
                    <Tag color={stateColor[r.state]}>{labels.notificationState(r.state)}</Tag>
                    {r.attempts ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        ×{r.attempts}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
              {
                title: t("notifications.lastError"),
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
                      {t("notifications.retry")}
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
