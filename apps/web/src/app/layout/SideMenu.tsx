import { Layout, Menu } from "antd";
import { useState } from "react";
import { useLocation, useNavigate } from "react-router";

import { withYear } from "../../components/year/year-param.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { menuFor, seesCockpit, type MenuKey } from "../access.ts";
import { features } from "../features.ts";
import { useSession } from "../plan-context.tsx";

/** The queue dashboard (Bull Board), served by the api to the system administrator only. */
export const QUEUE_DASHBOARD = "/admin/queues";

const paths: Record<MenuKey, string> = {
  todo: "/todo",
  cockpit: "/cockpit",
  overview: "/overview",
  plan: "/plan",
  import: "/plan/import",
  tasks: "/tasks",
  assignments: "/assignments",
  annual: "/annual",
  roadmap: "/roadmap",
  timetable: "/timetable",
  ledger: "/ledger",
  indicators: "/indicators",
  evaluations: "/evaluations",
  bulletins: "/bulletins",
  assessment: "/assessment",
  departments: "/admin/departments",
  districts: "/admin/districts",
  users: "/admin/users",
  supervision: "/admin/supervision",
  inbox: "/inbox",
  notifications: "/settings/notifications",
  jobs: "/admin/jobs",
  queues: QUEUE_DASHBOARD,
};

export function SideMenu() {
  const { t } = useI18n();
  const { access, me } = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const keys = menuFor(
    access,
    me.memberships.some((m) => m.role === "OFFICE"),
    { ...features, systemAdmin: me.systemAdmin, cockpit: seesCockpit(me) },
  );
  // the longest matching path wins: /plan/import is not /plan
  // below antd's md breakpoint (a phone) the menu folds away behind antd's edge tab and opens
  // over the page, so the page keeps the whole width; choosing a page folds it again
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const selected = keys
    .filter((k) => pathname.startsWith(paths[k]))
    .sort((a, b) => paths[b].length - paths[a].length)[0];
  return (
    <Layout.Sider
      width={196}
      breakpoint="md"
      // only a phone folds the menu: on a screen antd's edge tab would sit over the page title
      collapsible={narrow}
      collapsed={collapsed}
      onCollapse={setCollapsed}
      onBreakpoint={(broken) => {
        setNarrow(broken);
        setCollapsed(broken);
      }}
      collapsedWidth={0}
      theme="light"
      style={{
        borderRight: "1px solid #f0f0f0",
        ...(narrow ? { position: "fixed", insetBlock: 0, left: 0, zIndex: 1001 } : {}),
      }}
    >
      <div
        style={{
          height: 56,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
          fontWeight: 700,
          fontSize: 18,
          color: "#b8202e",
          letterSpacing: 2,
        }}
      >
        {t("app.brand")}
      </div>
      <nav aria-label={t("app.nav")}>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={keys.map((k) => ({ key: k, label: t(`menu.${k}` as MessageKey) }))}
          // the dashboard is the api's own page (Bull Board), not a route of this app
          onClick={({ key }) => {
            if (narrow) setCollapsed(true);
            if (key === "queues") window.open(QUEUE_DASHBOARD, "_blank", "noopener");
            // the year filter goes along from one year page to another (issue #18)
            else void navigate(withYear(paths[key as MenuKey], pathname, search));
          }}
        />
      </nav>
    </Layout.Sider>
  );
}
