import { useQuery } from "@tanstack/react-query";
import { Badge, Button } from "antd";
import { useNavigate } from "react-router";

import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { BellIcon } from "./BellIcon.tsx";

/** How often the header asks for the unread count (besides after every change: useInvalidateWork). */
export const INBOX_POLL_MS = 60_000;

/** The header's bell: the number of unread 站内消息, opening the inbox. */
export function InboxBell() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const navigate = useNavigate();
  const count = useQuery({
    ...trpc.inbox.unreadCount.queryOptions(),
    refetchInterval: INBOX_POLL_MS,
    refetchOnWindowFocus: true,
  });
  const unread = count.data?.unread ?? 0;
  return (
    <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
      <Button
        type="text"
        shape="circle"
        icon={<BellIcon />}
        aria-label={unread ? t("inbox.bellUnread", { n: unread }) : t("inbox.bell")}
        title={t("menu.inbox")}
        onClick={() => void navigate("/inbox")}
      />
    </Badge>
  );
}
