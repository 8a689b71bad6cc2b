import { Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table/index.js";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import type { GridRow, LedgerViewProps } from "./types.ts";

const TITLE_WIDTH = 300;

/**
 * The ledger grid on a screen: tasks × quarters in antd's Table, paged by the server. A chunk of
 * its own, loaded only off a phone (LedgerGrid): the phone's cards do without the Table's 47 kB
 * (issue #20).
 */
export function LedgerTable({ grid, periods, unitName, showRole, cell, onPage }: LedgerViewProps) {
  const { t } = useI18n();
  const labels = useLabels();
  const columns: ColumnsType<GridRow> = [
    {
      title: t("task.name"),
      key: "task",
      fixed: "left",
      width: TITLE_WIDTH,
      render: (_v, r) => (
        <div>
          <Typography.Text
            ellipsis={{ tooltip: r.title }}
            style={{ maxWidth: TITLE_WIDTH - 20, display: "block" }}
          >
            {r.code ? `${r.code} ` : ""}
            {r.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {unitName(r)}{" "}
            {showRole ? (
              <Tag style={{ marginInlineStart: 4 }}>
                {t(r.role === "lead" ? "task.role.lead" : "task.role.support")}
              </Tag>
            ) : null}
            {r.yearItem ? ` ${t("year.due")} ${r.yearItem.dueDate}` : null}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t("task.status"),
      key: "status",
      width: 84,
      render: (_v, r) => `${labels.taskStatus(r.status)}`,
    },
    ...periods.map(({ period, i }) => ({
      title: period === grid.currentPeriod ? <strong>{period}</strong> : period,
      key: period,
      width: 96,
      align: "center" as const,
      render: (_v: unknown, r: GridRow) => cell(r, period, i),
    })),
  ];
  return (
    <Table<GridRow>
      size="small"
      rowKey={(r) => `${r.taskId}:${r.departmentId}`}
      dataSource={grid.rows}
      columns={columns}
      scroll={{ x: TITLE_WIDTH + 100 + periods.length * 96 }}
      pagination={{
        current: grid.page,
        pageSize: grid.pageSize,
        total: grid.total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (n) => t("common.total", { n }),
        onChange: onPage,
      }}
    />
  );
}
