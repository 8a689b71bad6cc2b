import { Drawer, Layout, Menu, Typography } from "antd";
import { useLocation, useNavigate } from "react-router";

import { withYear } from "../../components/year/year-param.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
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

/**
 * The menu: a sider beside the page on a screen; on a phone (below antd's md breakpoint) a drawer
 * from the left, opened from the top bar's menu button or the bottom navigation's 我的, so the
 * page keeps the whole width and no page is out of reach (issue #20). Choosing a page closes it.
 */
export function SideMenu({
  phone,
  open,
  onClose,
}: {
  phone: boolean;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  const { access, me } = useSession();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const keys = menuFor(
    access,
    me.memberships.some((m) => m.role === "OFFICE"),
    { ...features, systemAdmin: me.systemAdmin, cockpit: seesCockpit(me) },
  );
  // the longest matching path wins: /plan/import is not /plan
  const selected = keys
    .filter((k) => pathname.startsWith(paths[k]))
    .sort((a, b) => paths[b].length - paths[a].length)[0];
  const menu = (
    <nav aria-label={t("app.nav")}>
      <Menu
        mode="inline"
        className={phone ? "phone-menu" : undefined}
        selectedKeys={selected ? [selected] : []}
        items={keys.map((k) => ({ key: k, label: t(`menu.${k}` as MessageKey) }))}
        // the dashboard is the api's own page (Bull Board), not a route of this app
        onClick={({ key }) => {
          onClose();
          if (key === "queues") window.open(QUEUE_DASHBOARD, "_blank", "noopener");
          // the year filter goes along from one year page to another (issue #18)
          else void navigate(withYear(paths[key as MenuKey], pathname, search));
        }}
      />
    </nav>
  );
  if (phone) {
    const roles = [...new Set(me.memberships.map((m) => m.role))];
    return (
      <Drawer
        open={open}
        onClose={onClose}
        placement="left"
        size={280}
        title={t("phone.menuTitle")}
        styles={{ body: { padding: 0 } }}
      >
        <div style={{ padding: "12px 24px", borderBottom: "1px solid #f0f0f0" }}>
          <Typography.Text strong>{me.name}</Typography.Text>{" "}
          <Typography.Text type="secondary">
            {roles.map((r) => labels.role(r)).join(" / ")}
          </Typography.Text>
        </div>
        {menu}
      </Drawer>
    );
  }
  return (
    <Layout.Sider width={196} theme="light" style={{ borderRight: "1px solid #f0f0f0" }}>
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
      {menu}
    </Layout.Sider>
  );
}
