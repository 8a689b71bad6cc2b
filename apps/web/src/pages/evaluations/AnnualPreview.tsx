import { Card, Empty, Table, Tag } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import type { RouterOutputs } from "../../lib/trpc.ts";

type Annual = NonNullable<RouterOutputs["evaluation"]["preview"]["annual"]>;

/**
 * The 年度评估's own figures (issue #18): the year's annual-plan items done or not, with the lead
 * unit's explanation of an item not done, and the year's published scores (or that they are not
 * published yet) — as the Word document prints them.
 */
export function AnnualPreview({ annual }: { annual: Annual }) {
  const { t } = useI18n();
  const done = annual.items.filter((i) => i.done).length;
  return (
    <>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={
          <h2 className="card-title">
            {t("evaluations.annualItems", { done, n: annual.items.length })}
          </h2>
        }
      >
        {annual.annualPlan ? (
          <Table<Annual["items"][number]>
            size="small"
            rowKey={(r) => `${r.title}:${r.department}`}
            dataSource={annual.items}
            pagination={annual.items.length > 10 ? { pageSize: 10 } : false}
            scroll={{ x: 720 }}
            columns={[
              { title: t("task.name"), dataIndex: "title", ellipsis: true },
              { title: t("task.lead"), dataIndex: "department", width: 130, ellipsis: true },
              { title: t("task.due"), dataIndex: "dueDate", width: 110 },
              {
                title: t("task.status"),
                width: 90,
                render: (_v, r) =>
                  r.done ? (
                    <Tag color="green">{t("evaluations.itemDone")}</Tag>
                  ) : (
                    <Tag color="red">{t("evaluations.itemNotDone")}</Tag>
                  ),
              },
              { title: t("evaluations.explanation"), dataIndex: "explanation", ellipsis: true },
            ]}
          />
        ) : (
          <Empty description={t("evaluations.noAnnualPlan")} />
        )}
      </Card>
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={<h2 className="card-title">{t("evaluations.scores")}</h2>}
      >
        {annual.scores ? (
          <Table<NonNullable<Annual["scores"]>["units"][number]>
            size="small"
            rowKey="name"
            dataSource={annual.scores.units}
            pagination={annual.scores.units.length > 10 ? { pageSize: 10 } : false}
            columns={[
              { title: t("evaluations.rank"), dataIndex: "rank", width: 70 },
              { title: t("evaluations.unit"), dataIndex: "name", ellipsis: true },
              {
                title: t("evaluations.score"),
                dataIndex: "total",
                width: 90,
                align: "right",
                render: (v: number) => v.toFixed(2),
              },
            ]}
          />
        ) : (
          <Empty description={t("evaluations.scoresNotPublished")} />
        )}
      </Card>
    </>
  );
}
