import { Flex, Pagination, Tag, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import type { LedgerViewProps } from "./types.ts";

/**
 * The ledger grid on a phone (issue #20): one card per task and unit, newest quarter first, each
 * quarter a touch-sized cell (`cell` renders it as the grid does), so filling in this quarter's
 * report is one tap without scrolling a table sideways. Paged like the grid.
 */
export function LedgerCards({ grid, periods, unitName, showRole, cell, onPage }: LedgerViewProps) {
  const { t } = useI18n();
  const labels = useLabels();
  const newestFirst = [...periods].reverse();
  return (
    <>
      <ul className="plain-list ledger-cards" aria-label={t("ledger.grid")}>
        {grid.rows.map((r) => (
          <li key={`${r.taskId}:${r.departmentId}`} className="ledger-card">
            <Typography.Text strong style={{ display: "block", overflowWrap: "anywhere" }}>
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
              {labels.taskStatus(r.status)}
              {r.yearItem ? ` · ${t("year.due")} ${r.yearItem.dueDate}` : null}
            </Typography.Text>
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              {newestFirst.map(({ period, i }) => (
                <Flex key={period} vertical align="center" gap={2}>
                  <Typography.Text
                    type="secondary"
                    style={{ fontSize: 12 }}
                    strong={period === grid.currentPeriod}
                  >
                    {period}
                  </Typography.Text>
                  {cell(r, period, i)}
                </Flex>
              ))}
            </Flex>
          </li>
        ))}
      </ul>
      <Pagination
        simple
        align="center"
        current={grid.page}
        pageSize={grid.pageSize}
        total={grid.total}
        onChange={onPage}
        style={{ marginTop: 12 }}
      />
    </>
  );
}
