import { Progress, Table, Typography } from "antd";

import { LAG_TOLERANCE } from "@duban/domain/progress";

import { useI18n } from "../../lib/i18n.tsx";
import { scheduleColor } from "../../lib/status-colors.ts";
import type { DepartmentRow } from "./types.ts";

/**
 * 完成率 ranking (the server sorts it), with reported progress set against 序时进度; a unit's average
 * shows as lagging by the tasks' rule (progress + LAG_TOLERANCE below 序时进度, progress.ts).
 */
export function RankingTable({ departments }: { departments: DepartmentRow[] }) {
  const { t } = useI18n();
  return (
    <Table<DepartmentRow>
      size="small"
      rowKey="departmentId"
      dataSource={departments}
      pagination={departments.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 900 }}
      columns={[
        { title: t("ov.rank"), width: 60, render: (_v, _r, i) => i + 1 },
        { title: t("ov.department"), dataIndex: "name", ellipsis: true },
        { title: t("ov.tasks"), dataIndex: "total", width: 70, align: "right" },
        {
          title: t("ov.completionRate"),
          dataIndex: "completionRate",
          width: 90,
          align: "right",
          render: (v: number) => `${v}%`,
        },
        {
          title: t("ov.overdue"),
          dataIndex: "overdue",
          width: 70,
          align: "right",
          render: (v: number) =>
            v ? <Typography.Text style={{ color: scheduleColor.OVERDUE }}>{v}</Typography.Text> : v,
        },
        {
          title: t("ov.lagging"),
          dataIndex: "lagging",
          width: 70,
          align: "right",
          render: (v: number) =>
            v ? <Typography.Text style={{ color: scheduleColor.LAGGING }}>{v}</Typography.Text> : v,
        },
        {
          title: `${t("ov.reported")} / ${t("ov.expected")}`,
          width: 240,
          render: (_v, r) => (
            <div
              aria-label={`${t("ov.reported")} ${r.reportedProgress}%，${t("ov.expected")} ${r.expectedProgress}%`}
            >
              <Progress
                percent={r.reportedProgress}
                success={{ percent: 0 }}
                size="small"
                strokeColor={
                  r.reportedProgress + LAG_TOLERANCE < r.expectedProgress
                    ? scheduleColor.LAGGING
                    : scheduleColor.ON_SCHEDULE
                }
                format={() => `${r.reportedProgress}% / ${r.expectedProgress}%`}
              />
            </div>
          ),
        },
        {
          title: t("ov.completeness"),
          width: 100,
          align: "right",
          render: (_v, r) => (r.ledger ? `${r.ledger.completeness}%` : "—"),
        },
        {
          title: t("ov.timeliness"),
          width: 90,
          align: "right",
          render: (_v, r) => (r.ledger ? `${r.ledger.timeliness}%` : "—"),
        },
      ]}
    />
  );
}
