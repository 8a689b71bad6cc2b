import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Pagination, Segmented } from "antd";
import { useEffect, useState } from "react";

import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { PendingStrip } from "../cascade/PendingStrip.tsx";
import { InboxItem, type InboxMessage } from "./InboxItem.tsx";

const PAGE_SIZE = 20;

/**
 * 站内消息: the signed-in user's own messages, newest first; the unread ones stand out and can be
 * shown alone; opening one (its task, indicator or page) marks it read, and so do the buttons.
 * One column that wraps, so it reads on a phone (375 px) as on a desktop.
 */
export function InboxPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.inbox.list.queryOptions({ page, pageSize: PAGE_SIZE, unreadOnly }),
    placeholderData: keepPreviousData,
  });
  const invalidate = [trpc.inbox.pathFilter()];
  const markRead = useAction(trpc.inbox.markRead.mutationOptions(), {
    invalidate,
    errorAs: "message",
  });
  const markAll = useAction(trpc.inbox.markAllRead.mutationOptions(), {
    invalidate,
    success: t("inbox.allMarked"),
  });
  const unread = list.data?.unread ?? 0;
  // the last message of a page read under the unread filter: go back to a page that has some
  const emptyPage = !!list.data && list.data.items.length === 0 && page > 1;
  useEffect(() => {
    if (emptyPage) setPage((p) => Math.max(1, p - 1));
  }, [emptyPage]);
  const read = (m: InboxMessage) => {
    if (!m.readAt) markRead.run({ messageIds: [m.id] });
  };
  return (
    <>
      <PageHeader
        title={t("menu.inbox")}
        sub={list.data ? t("inbox.unreadCount", { n: unread }) : undefined}
        extra={
          <>
            <Segmented
              aria-label={t("inbox.filter")}
              value={unreadOnly ? "unread" : "all"}
              onChange={(v) => {
                setUnreadOnly(v === "unread");
                setPage(1);
              }}
              options={[
                { value: "all", label: t("common.all") },
                { value: "unread", label: t("inbox.unreadOnly") },
              ]}
            />
            <Button onClick={() => markAll.run()} loading={markAll.pending} disabled={unread === 0}>
              {t("inbox.markAllRead")}
            </Button>
          </>
        }
      />
      {/* 待分解 (issue #19): stays until the office decomposes it, whatever was read */}
      {list.data ? <PendingStrip items={list.data.pendingAssignments} /> : null}
      {markAll.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={markAll.error}
        />
      ) : null}
      <QueryState
        query={list}
        rows={6}
        isEmpty={(d) => d.items.length === 0 && d.total === 0}
        empty={<Empty description={unreadOnly ? t("inbox.noneUnread") : t("inbox.none")} />}
      >
        {(d) => (
          <>
            <ul
              aria-label={t("menu.inbox")}
              style={{ margin: 0, padding: 0, background: "#fff", borderRadius: 8 }}
            >
              {d.items.map((m) => (
                <InboxItem
                  key={m.id}
                  message={m}
                  onRead={read}
                  marking={markRead.pending && markRead.variables?.messageIds[0] === m.id}
                />
              ))}
            </ul>
            <Pagination
              style={{ marginTop: 12, justifyContent: "flex-end" }}
              size="small"
              current={page}
              pageSize={PAGE_SIZE}
              total={d.total}
              onChange={setPage}
              showSizeChanger={false}
              hideOnSinglePage
            />
          </>
        )}
      </QueryState>
    </>
  );
}
