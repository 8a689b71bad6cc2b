import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Result, Table, Tag, Typography } from "antd";
import { useState } from "react";

import { useSession } from "../../app/plan-context.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { JobRuns, RunState } from "./JobRuns.tsx";
import { RunNowDrawer } from "./RunNowDrawer.tsx";
import type { JobName, JobOverview } from "./types.ts";

/**
 * 定时任务 (offices): each job's schedule, last and next run, and "run now" with a dry run first.
 * Everything here covers the office's own jurisdictions only (a city's: also the counties below);
 * the queue dashboard is the system administrator's (side menu), not the office's.
 */
export function JobsPage() {
  const { me } = useSession();
  const { t } = useI18n();
  if (!me.memberships.some((m) => m.role === "OFFICE"))
    return <Result status="403" title="403" subTitle={t("jobs.officeOnly")} />;
  return <Jobs />;
}

function Jobs() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const jobs = useQuery(trpc.jobs.list.queryOptions(undefined, { refetchInterval: 30_000 }));
  const [running, setRunning] = useState<JobName | null>(null);
  const schedulerError = jobs.data?.find((j) => j.schedulerError)?.schedulerError;
  return (
    <>
      <PageHeader title={t("menu.jobs")} sub={t("jobs.sub")} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("jobs.scopeNote")} />
      {schedulerError ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("jobs.schedulerError")}
          description={schedulerError}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <QueryState query={jobs} rows={5}>
          {(list) => (
            <Table<JobOverview>
              size="small"
              rowKey="name"
              dataSource={list}
              pagination={false}
              scroll={{ x: 980 }}
              columns={[
                {
                  title: t("jobs.job"),
                  render: (_v, j) => (
                    <div>
                      <Typography.Text strong>{labels.jobName(j.name)}</Typography.Text>{" "}
                      <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                        {j.name}
                      </Typography.Text>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {j.description}
                        </Typography.Text>
                      </div>
                    </div>
                  ),
                },
                {
                  title: t("jobs.schedule"),
                  dataIndex: "cron",
                  width: 120,
                  render: (c: string | null) =>
                    c ? (
                      <Typography.Text code>{c}</Typography.Text>
                    ) : (
                      <Tag>{t("jobs.manualOnly")}</Tag>
                    ),
                },
                {
                  title: t("jobs.state"),
                  width: 100,
                  render: (_v, j) =>
                    j.lastRun ? <RunState run={j.lastRun} /> : <Tag>{t("jobs.neverRun")}</Tag>,
                },
                {
                  title: t("jobs.lastRun"),
                  width: 170,
                  render: (_v, j) =>
                    j.lastRun ? (
                      <span>
                        {formatDateTime(j.lastRun.startedAt, locale)}
                        {j.lastRun.dryRun ? (
                          <Tag style={{ marginInlineStart: 4 }}>{t("jobs.dry")}</Tag>
                        ) : null}
                      </span>
                    ) : (
                      "—"
                    ),
                },
                {
                  title: t("jobs.nextRun"),
                  width: 150,
                  render: (_v, j) => formatDateTime(j.nextRunAt, locale),
                },
                {
                  title: t("common.actions"),
                  width: 110,
                  render: (_v, j) => (
                    <Button
                      size="small"
                      aria-label={`${t("jobs.runNow")}：${labels.jobName(j.name)}`}
                      onClick={() => setRunning(j.name)}
                    >
                      {t("jobs.runNow")}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Card size="small" title={<h2 className="card-title">{t("jobs.recentRuns")}</h2>}>
        <JobRuns />
      </Card>
      {running ? <RunNowDrawer name={running} onClose={() => setRunning(null)} /> : null}
    </>
  );
}
