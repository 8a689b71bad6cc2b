import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Badge, Button, Empty, Flex, List, Segmented, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";

import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { inboxHref } from "./inbox-links.ts";

type Message = RouterOutputs["inbox"]["list"]["items"][number];
const PAGE_SIZE = 20;

/**
 * 站内消息: the signed-in user's own messages, newest first; the unread ones stand out and can be
 * shown alone; opening one (its task, indicator or page) marks it read, and so do the buttons.
 * One column that wraps, so it reads on a phone (375 px) as on a desktop.
 */
export function InboxPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
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
  const read = (m: Message) => {
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
          <List<Message>
            itemLayout="vertical"
            style={{ background: "#fff", borderRadius: 8, padding: "0 16px" }}
            dataSource={d.items}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: d.total,
              onChange: setPage,
              showSizeChanger: false,
              hideOnSinglePage: true,
              size: "small",
            }}
            renderItem={(m) => {
              const href = inboxHref(m);
              const label = locale === "en" ? m.kindLabel.en : m.kindLabel.zh;
              return (
                <List.Item
                  key={m.id}
                  aria-label={m.readAt ? m.title : `${t("inbox.unread")}：${m.title}`}
                  actions={[
                    ...(href
                      ? [
                          <Link key="open" to={href} onClick={() => read(m)}>
                            {m.taskId ? t("inbox.openTask") : t("inbox.open")}
                          </Link>,
                        ]
                      : []),
                    ...(!m.readAt
                      ? [
                          <Button
                            key="read"
                            type="link"
                            size="small"
                            style={{ padding: 0, height: "auto" }}
                            loading={markRead.pending && markRead.variables?.messageIds[0] === m.id}
                            onClick={() => read(m)}
                          >
                            {t("inbox.markRead")}
                          </Button>,
                        ]
                      : []),
                  ]}
                >
                  <Flex gap={8} align="baseline" wrap>
                    {m.readAt ? null : <Badge status="processing" />}
                    <Tag style={{ marginInlineEnd: 0 }}>{label}</Tag>
                    <Typography.Text
                      strong={!m.readAt}
                      style={{ flex: "1 1 220px", minWidth: 0, overflowWrap: "anywhere" }}
                    >
                      {href ? (
                        <Link to={href} onClick={() => read(m)} style={{ color: "inherit" }}>
                          {m.title}
                        </Link>
                      ) : (
                        m.title
                      )}
                    </Typography.Text>
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12, whiteSpace: "nowrap" }}
                    >
                      {formatDateTime(m.createdAt, locale)}
                    </Typography.Text>
                  </Flex>
                  {m.body ? (
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 3, expandable: true, symbol: t("inbox.more") }}
                      style={{
                        margin: "6px 0 0",
                        whiteSpace: "pre-wrap",
                        overflowWrap: "anywhere",
                      }}
                    >
                      {m.body}
                    </Typography.Paragraph>
                  ) : null}
                </List.Item>
              );
            }}
          />
        )}
      </QueryState>
    </>
  );
}
