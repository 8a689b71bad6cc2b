import { useQuery } from "@tanstack/react-query";
import { Button, Layout, Spin } from "antd";
import { Suspense, useEffect, useState } from "react";
import { Navigate, Outlet, useLocation } from "react-router";

import { ErrorPanel } from "../../components/ErrorPanel.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { PlanProvider, useSession } from "../plan-context.tsx";
import { BottomNav } from "./BottomNav.tsx";
import { usePhone } from "./phone.ts";
import { SideMenu } from "./SideMenu.tsx";
import { TopBar } from "./TopBar.tsx";

const fullPage = { minHeight: "100vh", display: "grid", placeItems: "center" } as const;

/**
 * Once the browser is idle, fetch the overview's chart code (ECharts, ≈640 kB, its own chunk), so
 * that going to the overview from any other page finds it cached. Not on a phone: a unit's staff
 * member on a slow link would pay 220 kB for charts the phone pages do not show (issue #20).
 */
function useIdlePrefetch(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const load = () =>
      void import("../../pages/overview/LazyCompletionChart.tsx").then((m) => m.loadChart());
    if (typeof requestIdleCallback !== "function") return void setTimeout(load, 2000);
    const id = requestIdleCallback(load, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }, [enabled]);
}

/** The bottom navigation: on a phone, for unit staff of the chosen plan's jurisdiction (issue #20). */
function StaffBottomNav({ phone, onMenu }: { phone: boolean; onMenu: () => void }) {
  const { access } = useSession();
  if (!phone || access !== "department") return null;
  return <BottomNav onMenu={onMenu} />;
}

/** The signed-in shell: loads the session and the visible plans, or sends the user to log in. */
export function AppLayout() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const location = useLocation();
  // the session and the plans load in parallel (one round trip, not two); without a session the
  // plan list fails with 401 and is simply not used
  const me = useQuery(trpc.auth.me.queryOptions());
  const plans = useQuery(trpc.plan.list.queryOptions({}));
  const phone = usePhone();
  const [menuOpen, setMenuOpen] = useState(false);
  useIdlePrefetch(!phone);
  if (me.isPending || (me.data && plans.isPending))
    return (
      <div style={fullPage}>
        <Spin size="large" />
      </div>
    );
  if (me.isSuccess && !me.data)
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  if (me.isError || plans.isError) {
    return (
      <div style={fullPage}>
        <ErrorPanel
          title={t("common.loadFailed")}
          detail={errorMessage(me.error ?? plans.error, locale)}
          action={
            <Button
              onClick={() => {
                void me.refetch();
                void plans.refetch();
              }}
            >
              {t("common.retry")}
            </Button>
          }
        />
      </div>
    );
  }
  if (!me.data)
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  return (
    <PlanProvider me={me.data} plans={plans.data ?? []}>
      <Layout style={{ minHeight: "100vh" }}>
        <a href="#main" className="skip-link">
          {t("common.skipToContent")}
        </a>
        <SideMenu phone={phone} open={menuOpen} onClose={() => setMenuOpen(false)} />
        <Layout style={{ minWidth: 0 }}>
          <TopBar onMenu={phone ? () => setMenuOpen(true) : undefined} />
          <Layout.Content
            id="main"
            tabIndex={-1}
            className={phone ? "phone-main" : undefined}
            style={{ padding: phone ? 12 : 20, minWidth: 0 }}
          >
            <Suspense fallback={<Spin style={{ display: "block", marginTop: 80 }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
        <StaffBottomNav phone={phone} onMenu={() => setMenuOpen(true)} />
      </Layout>
    </PlanProvider>
  );
}
