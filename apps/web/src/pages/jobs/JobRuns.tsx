import { useQuery } from "@tanstack/react-query";
import { Select, Table, Tag, Typography } from "antd";
import { useState } from "react";

import { JOB_NAMES } from "@duban/domain/schemas";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { summaryPairs } from "./run-result.ts";
import type { JobName, JobRun } from "./types.ts";

const stateColor = { RUNNING: "processing", SUCCEEDED: "success", FAILED: "error" } as const;

export function RunState({ run }: { run: Pick<JobRun, "state"> }) {
  const labels = useLabels();
  return (
    <Tag color={stateColor[run.state as keyof typeof stateColor] ?? "default"}>
      {labels.jobRunState(run.state)}
    </Tag>
  );
}

/**
 * Recent JobRun rows the office may see: its own runs in full; runs that also covered other
 * jurisdictions (the schedule's, the operator's, a city's) with only its share of the figures.
 */
export function JobRuns() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [name, setName] = useState<JobName | undefined>();
  const runs = useQuery(trpc.jobs.runs.queryOptions({ name, limit: 50 }));
  return (
    <>
      <Select
        aria-label={t("jobs.job")}
        allowClear
        placeholder={t("jobs.allJobs")}
        style={{ width: 220, marginBottom: 12 }}
        value={name}
        onChange={setName}
        options={JOB_NAMES.map((n) => ({ value: n, label: labels.jobName(n) }))}
      />
      <QueryState query={runs} isEmpty={(r) => r.length === 0}>
        {(rows) => (
          <Table<JobRun>
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 900 }}
            columns={[
              {
                title: t("jobs.job"),
                dataIndex: "jobName",
                width: 140,
                render: (n: string) => labels.jobName(n as JobName),
              },
              {
                title: t("jobs.state"),
                width: 100,
                render: (_v, r) => (
                  <>
                    {<RunState run={r} />}
                    {r.dryRun ? <Tag>{t("jobs.dry")}</Tag> : null}
                  </>
                ),
              },
              {
                title: t("jobs.coverage"),
                width: 120,
                render: (_v, r) => (
                  <Tag
                    color={r.coverage === "OWN" ? "blue" : "default"}
                    title={r.coverage === "SHARED" ? t("jobs.coverage.sharedHint") : undefined}
                  >
                    {t(
                      r.coverage === "OWN"
                        ? "jobs.coverage.OWN"
                        : r.allJurisdictions
                          ? "jobs.coverage.ALL"
                          : "jobs.coverage.SHARED",
                    )}
                  </Tag>
                ),
              },
              {
                title: t("jobs.startedAt"),
                width: 150,
                render: (_v, r) => formatDateTime(r.startedAt, locale),
              },
              {
                title: t("jobs.trigger"),
                dataIndex: "trigger",
                width: 180,
                ellipsis: true,
                render: (v: string) =>
                  v === "schedule"
                    ? t("jobs.trigger.schedule")
                    : v === "manual"
                      ? t("jobs.trigger.manual")
                      : v,
              },
              {
                title: t("jobs.result"),
                render: (_v, r) =>
                  r.error ? (
                    <Typography.Text
                      type="danger"
                      ellipsis={{ tooltip: r.error }}
                      style={{ maxWidth: 360 }}
                    >
                      {r.error.split("\n")[0]}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {summaryPairs(r.summary as Record<string, unknown> | null)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join("，")}
                    </Typography.Text>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
