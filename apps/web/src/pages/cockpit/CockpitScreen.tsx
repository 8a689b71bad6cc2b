import { useQuery } from "@tanstack/react-query";
import { Button, ConfigProvider, Flex, Result, Spin, theme } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";

import { TIME_ZONE } from "../../lib/dates.ts";
import { errorMessage, isUnauthorized } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useCockpitJurisdiction } from "./CockpitPage.tsx";
import { LazyJurisdictionChart } from "./LazyJurisdictionChart.tsx";
import type { CockpitData } from "./types.ts";

/** The 大屏 refreshes itself this often (issue #19: a meeting-room screen that refreshes itself). */
export const SCREEN_REFRESH_MS = 60_000;

const big = { fontSize: 44, fontWeight: 700, lineHeight: 1.1 } as const;
const panel = {
  background: "#0b1f3a",
  border: "1px solid #1d3b66",
  borderRadius: 8,
  padding: 16,
} as const;

/** The KPI figures in large type. */
export function ScreenFigures({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  const labels = useLabels();
  const figures: Array<[string, string | number, string]> = [
    [t("cockpit.plans"), data.totals.plans, "#e6f4ff"],
    [t("cockpit.tasks"), data.totals.total, "#e6f4ff"],
    [t("cockpit.completionRate"), `${data.totals.completionRate}%`, "#95de64"],
    [labels.schedule("LAGGING"), data.totals.lagging, "#ffc069"],
    [labels.schedule("OVERDUE"), data.totals.overdue, "#ff7875"],
    [labels.indicatorStatus("OFF_TRACK"), data.indicatorTotals.OFF_TRACK, "#ff7875"],
    [t("cockpit.reporting"), `${data.reportingTotals.completeness}%`, "#69b1ff"],
  ];
  return (
    <Flex wrap gap={12}>
      {figures.map(([label, value, color]) => (
        <div key={label} style={{ ...panel, flex: "1 1 160px" }}>
          <div style={{ fontSize: 18, color: "#91caff" }}>{label}</div>
          <div style={{ ...big, color }}>{value}</div>
        </div>
      ))}
    </Flex>
  );
}

/**
 * 大屏 mode (issue #19): the cockpit full screen in dark colours and large type for a meeting-room
 * screen; it refetches every SCREEN_REFRESH_MS and shows when it last did.
 */
export function CockpitScreen() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const navigate = useNavigate();
  const { picker, chosen } = useCockpitJurisdiction();
  const summary = useQuery({
    ...trpc.cockpit.summary.queryOptions({ jurisdictionId: chosen }),
    enabled: picker.isSuccess,
    refetchInterval: SCREEN_REFRESH_MS,
    refetchIntervalInBackground: true,
  });
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);
  const enterFullScreen = () => void document.documentElement.requestFullscreen?.().catch(() => {});
  const location = useLocation();
  const data = summary.data;
  // outside the app's layout, so its login guard does not cover the screen: a session that ended
  // (expired, signed out elsewhere, account disabled) must not leave old figures up for ever
  if (isUnauthorized(summary.error) || isUnauthorized(picker.error))
    return (
      <Navigate
        replace
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
      />
    );
  const refreshed = summary.dataUpdatedAt
    ? new Date(summary.dataUpdatedAt).toLocaleTimeString(locale === "en" ? "en-GB" : "zh-CN", {
        timeZone: TIME_ZONE,
      })
    : "—";
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <main
        style={{ minHeight: "100vh", background: "#030c1b", color: "#e6f4ff", padding: 20 }}
        data-testid="cockpit-screen"
      >
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <h1 style={{ fontSize: 34, margin: 0, color: "#e6f4ff", letterSpacing: 2 }}>
            {data ? `${data.root.name} · ` : ""}
            {t("cockpit.screenTitle")}
          </h1>
          <Flex gap={12} align="center" wrap>
            <span style={{ fontSize: 18, color: "#91caff" }} aria-live="polite">
              {t("cockpit.refreshedAt", { time: refreshed })}
              {summary.isFetching ? " …" : ""}
            </span>
            <Button onClick={enterFullScreen}>{t("cockpit.fullScreen")}</Button>
            <Button onClick={() => void navigate(`/cockpit${chosen ? `?j=${chosen}` : ""}`)}>
              {t("cockpit.leaveScreen")}
            </Button>
          </Flex>
        </Flex>
        {summary.isError && !data ? (
          <Result status="error" title={errorMessage(summary.error, locale)} />
        ) : !data ? (
          <Spin size="large" style={{ display: "block", marginTop: 120 }} />
        ) : (
          <Flex vertical gap={16}>
            <ScreenFigures data={data} />
            <Flex wrap gap={16}>
              <section style={{ ...panel, flex: "2 1 480px" }}>
                <h2 style={{ fontSize: 22, color: "#91caff", marginTop: 0 }}>
                  {t("cockpit.byJurisdiction")}
                </h2>
                <LazyJurisdictionChart
                  dark
                  rows={data.jurisdictions.filter((j) =>
                    data.jurisdictions.length > 1 ? j.depth === 1 : true,
                  )}
                />
              </section>
              <section style={{ ...panel, flex: "1 1 360px" }}>
                <h2 style={{ fontSize: 22, color: "#91caff", marginTop: 0 }}>
                  {t("cockpit.lagging")}
                </h2>
                <ol style={{ fontSize: 18, paddingLeft: 24, margin: 0 }}>
                  {data.lagging.slice(0, 10).map((i) => (
                    <li key={i.taskId} style={{ marginBottom: 6 }}>
                      <span style={{ color: i.schedule === "OVERDUE" ? "#ff7875" : "#ffc069" }}>
                        [{labels.schedule(i.schedule)}]
                      </span>{" "}
                      {i.title} · {i.jurisdictionName} · {i.departmentName} · {i.progress}%/
                      {i.expectedProgress}%
                    </li>
                  ))}
                </ol>
                {data.lagging.length ? null : (
                  <div style={{ fontSize: 18 }}>{t("cockpit.noLagging")}</div>
                )}
              </section>
            </Flex>
          </Flex>
        )}
      </main>
    </ConfigProvider>
  );
}
