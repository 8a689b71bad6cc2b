import { useQuery } from "@tanstack/react-query";
import { Button, Layout, Result, Spin } from "antd";
import { Suspense, useEffect } from "react";
import { Navigate, Outlet, useLocation } from "react-router";

import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { PlanProvider } from "../plan-context.tsx";
import { SideMenu } from "./SideMenu.tsx";
import { TopBar } from "./TopBar.tsx";

const fullPage = { minHeight: "100vh", display: "grid", placeItems: "center" } as const;

/**
 * Once the browser is idle, fetch the overview's chart code (ECharts, ≈640 kB, its own chunk), so
 * that going to the overview from any other page finds it cached.
 */
function useIdlePrefetch() {
  useEffect(() => {
    const load = () =>
      void import("../../pages/overview/LazyCompletionChart.tsx").then((m) => m.loadChart());
    if (typeof requestIdleCallback !== "function") return void setTimeout(load, 2000);
    const id = requestIdleCallback(load, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }, []);
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
  useIdlePrefetch();
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
        <Result
          status="error"
          title={t("common.loadFailed")}
          subTitle={errorMessage(me.error ?? plans.error, locale)}
          extra={
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
        <SideMenu />
        <Layout>
          <TopBar />
          <Layout.Content id="main" tabIndex={-1} style={{ padding: 20, minWidth: 0 }}>
            <Suspense fallback={<Spin style={{ display: "block", marginTop: 80 }} />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </PlanProvider>
  );
}
