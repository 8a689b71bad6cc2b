import { Card, Col, Row, Statistic, Table } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { formatValue } from "../indicators/trajectory.ts";

type Data = RouterOutputs["evaluation"]["preview"];
type Tally = Data["totals"];

/** The evaluation's figures as the documents will carry them (the server's Chinese labels). */
export function EvaluationPreview({ data }: { data: Data }) {
  const { t } = useI18n();
  const labels = useLabels();
  const tallyColumns = [
    { title: t("evaluations.unit"), dataIndex: "name", ellipsis: true },
    { title: t("overview.tasks"), dataIndex: "total", width: 70, align: "right" as const },
    {
      title: labels.schedule("COMPLETED"),
      dataIndex: "completed",
      width: 70,
      align: "right" as const,
    },
    {
      title: t("overview.completionRate"),
      dataIndex: "completionRate",
      width: 80,
      align: "right" as const,
      render: (v: number) => `${v}%`,
    },
  ];
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("overview.tasks")} value={data.totals.total} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={labels.schedule("COMPLETED")} value={data.totals.completed} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t("overview.completionRate")}
              value={data.totals.completionRate}
              suffix="%"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t("evaluations.lagging")} value={data.lagging.length} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={<h2 className="card-title">{t("overview.indicators")}</h2>}
        style={{ marginBottom: 16 }}
      >
        <Table<Data["indicators"][number]>
          size="small"
          rowKey="number"
          dataSource={data.indicators}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            { title: t("indicators.name"), dataIndex: "name", ellipsis: true },
            {
              title: t("indicators.baseline"),
              width: 90,
              align: "right",
              render: (_v, r) => formatValue(r.baseline),
            },
            {
              title: t("indicators.target"),
              width: 90,
              align: "right",
              render: (_v, r) => formatValue(r.target),
            },
            {
              title: t("indicators.latest"),
              width: 110,
              align: "right",
              render: (_v, r) =>
                r.latestValue === null ? "—" : `${formatValue(r.latestValue)}（${r.latestPeriod}）`,
            },
            {
              title: t("evaluations.attainment"),
              width: 90,
              align: "right",
              render: (_v, r) => (r.attainment === null ? "—" : `${r.attainment}%`),
            },
            { title: t("indicators.status"), dataIndex: "status", width: 90 },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={<h2 className="card-title">{t("evaluations.byDepartment")}</h2>}
        style={{ marginBottom: 16 }}
      >
        <Table<Tally>
          size="small"
          rowKey="name"
          dataSource={data.departments}
          pagination={data.departments.length > 10 ? { pageSize: 10 } : false}
          columns={tallyColumns}
        />
      </Card>
      <Card
        size="small"
        title={
          <h2 className="card-title">
            {t("evaluations.laggingTasks", { n: data.lagging.length })}
          </h2>
        }
      >
        <Table<Data["lagging"][number]>
          size="small"
          rowKey={(r) => `${r.title}:${r.department}`}
          dataSource={data.lagging}
          locale={{ emptyText: t("overview.noProblems") }}
          pagination={data.lagging.length > 8 ? { pageSize: 8 } : false}
          scroll={{ x: 800 }}
          columns={[
            { title: t("task.name"), dataIndex: "title", ellipsis: true },
            { title: t("task.lead"), dataIndex: "department", width: 130, ellipsis: true },
            { title: t("task.schedule"), dataIndex: "state", width: 70 },
            {
              title: t("overview.progressVsExpected"),
              width: 100,
              align: "right",
              render: (_v, r) => `${r.progress}% / ${r.expected}%`,
            },
            { title: t("evaluations.explanation"), dataIndex: "explanation", ellipsis: true },
          ]}
        />
      </Card>
    </>
  );
}
