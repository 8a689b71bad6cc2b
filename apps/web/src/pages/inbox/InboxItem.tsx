import { Badge, Button, Flex, Tag, Typography } from "antd";
import { Link } from "react-router";

import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { inboxHref } from "./inbox-links.ts";

export type InboxMessage = RouterOutputs["inbox"]["list"]["items"][number];

/**
 * One message: an unread dot, its kind, its title (bold while unread; a link when it opens
 * something), its time and its text; 查看 / 标为已读 below. Wraps to any width (375 px).
 */
export function InboxItem({
  message: m,
  onRead,
  marking,
}: {
  message: InboxMessage;
  /** marks it read (opening it does too) */
  onRead: (m: InboxMessage) => void;
  marking: boolean;
}) {
  const { t, locale } = useI18n();
  const href = inboxHref(m);
  const label = locale === "en" ? m.kindLabel.en : m.kindLabel.zh;
  return (
    <li
      aria-label={m.readAt ? m.title : `${t("inbox.unread")}：${m.title}`}
      style={{
        listStyle: "none",
        padding: "12px 16px",
        borderBottom: "1px solid #f0f0f0",
        background: m.readAt ? undefined : "#f7fbff",
      }}
    >
      <Flex gap={8} align="baseline" wrap>
        {m.readAt ? null : <Badge status="processing" />}
        <Tag style={{ marginInlineEnd: 0 }}>{label}</Tag>
        <Typography.Text
          strong={!m.readAt}
          style={{ flex: "1 1 220px", minWidth: 0, overflowWrap: "anywhere" }}
        >
          {href ? (
            <Link to={href} onClick={() => onRead(m)} style={{ color: "inherit" }}>
              {m.title}
            </Link>
          ) : (
            m.title
          )}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
          {formatDateTime(m.createdAt, locale)}
        </Typography.Text>
      </Flex>
      {m.body ? (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 3, expandable: true, symbol: t("inbox.more") }}
          style={{ margin: "6px 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
        >
          {m.body}
        </Typography.Paragraph>
      ) : null}
      {href || !m.readAt ? (
        <Flex gap={16} style={{ marginTop: 6 }}>
          {href ? (
            <Link to={href} onClick={() => onRead(m)}>
              {m.taskId ? t("inbox.openTask") : t("inbox.open")}
            </Link>
          ) : null}
          {!m.readAt ? (
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: "auto" }}
              loading={marking}
              onClick={() => onRead(m)}
            >
              {t("inbox.markRead")}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </li>
  );
}
