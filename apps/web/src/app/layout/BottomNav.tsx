import { useQuery } from "@tanstack/react-query";
import { Badge } from "antd";
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";

import { withYear } from "../../components/year/year-param.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { INBOX_POLL_MS } from "../../pages/inbox/InboxBell.tsx";
import { InboxIcon, LedgerIcon, MeIcon, TasksIcon, TodoIcon } from "./NavIcons.tsx";

const TABS: Array<{ path: string; label: MessageKey; icon: ReactNode }> = [
  { path: "/todo", label: "phone.todo", icon: <TodoIcon /> },
  { path: "/inbox", label: "phone.inbox", icon: <InboxIcon /> },
  { path: "/tasks", label: "phone.tasks", icon: <TasksIcon /> },
  { path: "/ledger", label: "phone.ledger", icon: <LedgerIcon /> },
];

/**
 * The phone's bottom navigation for unit staff (issue #20): 待办, 消息 (with the unread count the
 * header's bell shows), 我的任务, 台账, and 我的, which opens the whole menu as a drawer. Each item
 * is a full-height cell of the 56 px bar, so every touch target is at least 44 px high.
 */
export function BottomNav({ onMenu }: { onMenu: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  // the same query as the bell's: one request serves both
  const count = useQuery({
    ...trpc.inbox.unreadCount.queryOptions(),
    refetchInterval: INBOX_POLL_MS,
  });
  const unread = count.data?.unread ?? 0;
  return (
    <nav className="bottom-nav" aria-label={t("phone.nav")}>
      {TABS.map((tab) => {
        const current = pathname === tab.path || pathname.startsWith(`${tab.path}/`);
        const inbox = tab.path === "/inbox";
        return (
          <Link
            key={tab.path}
            to={withYear(tab.path, pathname, search)}
            className={current ? "bottom-nav-item current" : "bottom-nav-item"}
            aria-current={current ? "page" : undefined}
            aria-label={inbox && unread ? t("phone.inboxUnread", { n: unread }) : undefined}
          >
            {inbox ? (
              <Badge count={unread} size="small" overflowCount={99} offset={[4, 0]}>
                <span className="bottom-nav-icon">{tab.icon}</span>
              </Badge>
            ) : (
              <span className="bottom-nav-icon">{tab.icon}</span>
            )}
            <span>{t(tab.label)}</span>
          </Link>
        );
      })}
      <button type="button" className="bottom-nav-item" onClick={onMenu}>
        <span className="bottom-nav-icon">
          <MeIcon />
        </span>
        <span>{t("phone.me")}</span>
      </button>
    </nav>
  );
}
