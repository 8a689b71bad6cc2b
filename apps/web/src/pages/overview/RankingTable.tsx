import { Progress, Table, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { lightStyle, scheduleColor } from "../../lib/status-colors.ts";
import type { Completion, DepartmentRow } from "./types.ts";

/**
 * 完成率 ranking (the server sorts it), with reported progress set against 序时进度; a unit's average
 * shows as lagging by the tasks' rule with the jurisdiction's bands (more than yellowLagPoints
 * behind 序时进度, progress.ts scheduleState), and its 红灯/黄灯 counts beside (issue #17 step 8).
 */
export function RankingTable({
  departments,
  bands,
  year,
}: {
  departments: DepartmentRow[];
  bands: Completion["bands"];
  /** the chosen year (adds its completion and the five-year one), undefined for all years */
  year?: number;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Table<DepartmentRow>
      size="small"
      rowKey="departmentId"
      dataSource={departments}
      pagination={departments.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: year === undefined ? 1040 : 1260 }}
      columns={[
        { title: t("overview.rank"), width: 60, render: (_v, _r, i) => i + 1 },
        { title: t("overview.department"), dataIndex: "name", ellipsis: true },
        { title: t("overview.tasks"), dataIndex: "total", width: 70, align: "right" },
        {
          title: t("overview.completionRate"),
          dataIndex: "completionRate",
          width: 90,
          align: "right",
          render: (v: number) => `${v}%`,
        },
        // with a year chosen: the unit's year completion beside its five-year one (issue #18)
        ...(year === undefined
          ? []
          : [
              {
                title: t("year.rate", { year }),
                width: 110,
                align: "right" as const,
                render: (_v: unknown, r: DepartmentRow) =>
                  r.year ? (
                    <span
                      title={t("year.rateOf", {
                        done: r.year.done,
                        due: r.year.due,
                        items: r.year.items,
                      })}
                    >
                      {r.year.rate === null ? "—" : `${r.year.rate}%`}
                    </span>
                  ) : (
                    "—"
                  ),
              },
              {
                title: t("year.planRate"),
                width: 110,
                align: "right" as const,
                render: (_v: unknown, r: DepartmentRow) =>
                  r.year ? `${r.year.fiveYear.rate}%` : "—",
              },
            ]),
        {
          title: labels.schedule("OVERDUE"),
          dataIndex: "overdue",
          width: 70,
          align: "right",
          render: (v: number) =>
            v ? <Typography.Text style={{ color: scheduleColor.OVERDUE }}>{v}</Typography.Text> : v,
        },
        {
          title: labels.schedule("LAGGING"),
          dataIndex: "lagging",
          width: 70,
          align: "right",
          render: (v: number) =>
            v ? <Typography.Text style={{ color: scheduleColor.LAGGING }}>{v}</Typography.Text> : v,
        },
        {
          title: labels.light("RED"),
          dataIndex: "red",
          width: 70,
          align: "right",
          render: (v: number) =>
            v ? <Typography.Text style={{ color: lightStyle.RED.color }}>{v}</Typography.Text> : v,
        },
        {
          title: labels.light("YELLOW"),
          dataIndex: "yellow",
          width: 70,
          align: "right",
          render: (v: number) =>
            v ? (
              <Typography.Text style={{ color: lightStyle.YELLOW.color }}>{v}</Typography.Text>
            ) : (
              v
            ),
        },
        {
          title: `${t("overview.reported")} / ${t("overview.expected")}`,
          width: 240,
          render: (_v, r) => (
            <div
              aria-label={`${t("overview.reported")} ${r.reportedProgress}%，${t("overview.expected")} ${r.expectedProgress}%`}
            >
              <Progress
                percent={r.reportedProgress}
                success={{ percent: 0 }}
                size="small"
                strokeColor={
                  r.expectedProgress - r.reportedProgress > bands.yellowLagPoints
                    ? scheduleColor.LAGGING
                    : scheduleColor.ON_SCHEDULE
                }
                format={() => `${r.reportedProgress}% / ${r.expectedProgress}%`}
              />
            </div>
          ),
        },
        {
          title: t("overview.completeness"),
          width: 100,
          align: "right",
          render: (_v, r) => (r.ledger ? `${r.ledger.completeness}%` : "—"),
        },
        {
          title: t("overview.timeliness"),
          width: 90,
          align: "right",
          render: (_v, r) => (r.ledger ? `${r.ledger.timeliness}%` : "—"),
        },
      ]}
    />
  );
}
