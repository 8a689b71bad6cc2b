import {
  Button,
  Card,
  Col,
  Progress,
  Row,
  Segmented,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";

import type { TrafficLightKey } from "@duban/domain/i18n";

import { TrafficLight } from "../../components/indicator/TrafficLight.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { lightStyle, scheduleColor } from "../../lib/status-colors.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";
import type { CockpitData } from "./types.ts";

const STATUSES = ["ON_TRACK", "AT_RISK", "OFF_TRACK", "NO_DATA", "NO_TRAJECTORY"] as const;

/** A group's traffic light as a tag with its text (never colour alone); a dash when nothing is open. */
export function LightTag({ light }: { light: TrafficLightKey | null }) {
  const labels = useLabels();
  if (!light) return <>—</>;
  const s = lightStyle[light];
  return (
    <Tag
      data-light={light}
      style={{ background: s.background, color: s.color, borderColor: s.border }}
    >
      {labels.light(light)}
    </Tag>
  );
}

/** The KPI cards: plans, tasks, completion, lagging, overdue, lights, indicators off track, reporting. */
export function KpiCards({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  const labels = useLabels();
  const cards: Array<[string, number | string, string | undefined]> = [
    [t("cockpit.plans"), data.totals.plans, undefined],
    [t("cockpit.tasks"), data.totals.total, undefined],
    [t("cockpit.completionRate"), `${data.totals.completionRate}%`, scheduleColor.COMPLETED],
    [labels.schedule("LAGGING"), data.totals.lagging, scheduleColor.LAGGING],
    [labels.schedule("OVERDUE"), data.totals.overdue, scheduleColor.OVERDUE],
    [labels.light("RED"), data.totals.red, lightStyle.RED.color],
    [labels.indicatorStatus("OFF_TRACK"), data.indicatorTotals.OFF_TRACK, lightStyle.RED.color],
    [t("cockpit.reporting"), `${data.reportingTotals.completeness}%`, undefined],
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map(([title, value, color]) => (
        <Col key={title} xs={12} sm={8} md={6} xl={3}>
          <Card size="small">
            <Statistic title={title} value={value} styles={{ content: { color } }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Per jurisdiction: own and with everything below, lights, mean progress against 序时进度. */
export function JurisdictionTable({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={data.jurisdictions}
      columns={[
        {
          title: t("cockpit.jurisdiction"),
          render: (_, j) => (
            <span style={{ paddingLeft: j.depth * 16 }}>
              {j.name}
              {j.plans ? null : (
                <Typography.Text type="secondary"> · {t("cockpit.noPlans")}</Typography.Text>
              )}
            </span>
          ),
        },
        { title: t("cockpit.plans"), render: (_, j) => j.subtreePlans },
        { title: t("cockpit.tasks"), render: (_, j) => j.subtree.total },
        {
          title: t("cockpit.completionRate"),
          render: (_, j) => <Progress percent={j.subtree.completionRate} size="small" />,
        },
        { title: labels.schedule("LAGGING"), render: (_, j) => j.subtree.lagging },
        { title: labels.schedule("OVERDUE"), render: (_, j) => j.subtree.overdue },
        {
          title: t("cockpit.lights"),
          render: (_, j) => `${j.subtree.red} / ${j.subtree.yellow} / ${j.subtree.green}`,
        },
        {
          title: t("cockpit.progressVsExpected"),
          render: (_, j) => `${j.subtree.reportedProgress}% / ${j.subtree.expectedProgress}%`,
        },
        { title: t("cockpit.light"), render: (_, j) => <LightTag light={j.subtree.light} /> },
      ]}
    />
  );
}

/** The units with the most lagging and overdue tasks. */
export function UnitTable({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Table
      size="small"
      rowKey="departmentId"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={data.units}
      columns={[
        { title: t("cockpit.unit"), dataIndex: "name" },
        { title: t("cockpit.jurisdiction"), dataIndex: "jurisdictionName" },
        { title: t("cockpit.tasks"), dataIndex: "total" },
        { title: labels.schedule("LAGGING"), dataIndex: "lagging" },
        { title: labels.schedule("OVERDUE"), dataIndex: "overdue" },
        { title: t("cockpit.completionRate"), render: (_, u) => `${u.completionRate}%` },
        { title: t("cockpit.light"), render: (_, u) => <LightTag light={u.light} /> },
      ]}
    />
  );
}

/** The worst lagging and overdue tasks, each opening its task page in its plan. */
export function LaggingList({
  data,
  onOpenTask,
}: {
  data: CockpitData;
  onOpenTask: (planId: string, taskId: string) => void;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!data.lagging.length) return <Typography.Text>{t("cockpit.noLagging")}</Typography.Text>;
  return (
    <>
      <Table
        size="small"
        rowKey="taskId"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={data.lagging}
        columns={[
          {
            title: t("cockpit.task"),
            render: (_, i) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, whiteSpace: "normal", textAlign: "left" }}
                onClick={() => onOpenTask(i.planId, i.taskId)}
              >
                {i.code ? `${i.code} ` : ""}
                {i.title}
              </Button>
            ),
          },
          { title: t("cockpit.jurisdiction"), dataIndex: "jurisdictionName" },
          { title: t("cockpit.unit"), dataIndex: "departmentName" },
          {
            title: t("cockpit.state"),
            render: (_, i) => (
              <Tag color={i.schedule === "OVERDUE" ? "red" : "orange"}>
                {labels.schedule(i.schedule)}
              </Tag>
            ),
          },
          {
            title: t("cockpit.progressVsExpected"),
            render: (_, i) => `${i.progress}% / ${i.expectedProgress}%`,
          },
          {
            title: t("cockpit.dueDate"),
            render: (_, i) =>
              i.daysOverdue
                ? `${i.dueDate} (${t("cockpit.daysOverdue", { n: i.daysOverdue })})`
                : i.dueDate,
          },
        ]}
      />
      {data.laggingTotal > data.lagging.length ? (
        <Typography.Text type="secondary">
          {t("cockpit.laggingMore", { total: data.laggingTotal, shown: data.lagging.length })}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** Indicators by status per jurisdiction, and the root's indicators per 片区 / per county. */
export function IndicatorSection({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 640 }}
        dataSource={data.jurisdictions}
        columns={[
          {
            title: t("cockpit.jurisdiction"),
            render: (_, j) => <span style={{ paddingLeft: j.depth * 16 }}>{j.name}</span>,
          },
          { title: t("cockpit.indicators"), render: (_, j) => j.indicators.total },
          ...STATUSES.map((s) => ({
            title: labels.indicatorStatus(s),
            render: (_: unknown, j: CockpitData["jurisdictions"][number]) => j.indicators[s],
          })),
        ]}
      />
      {data.breakdowns.map((b) => (
        <div key={b.indicatorId} style={{ marginTop: 12 }}>
          <Typography.Text strong>
            {b.name}
            {b.unit ? `（${b.unit}）` : ""} ·{" "}
            {b.kind === "DISTRICT" ? t("cockpit.byDistrict") : t("cockpit.byShare")}
          </Typography.Text>
          <Row gutter={[8, 8]} style={{ marginTop: 4 }}>
            {b.parts.map((p) => (
              <Col key={p.id} xs={12} md={8} lg={6}>
                <Card size="small">
                  <div>{p.name}</div>
                  <TrafficLight
                    status={p.status}
                    detail={p.value === null ? undefined : `${p.period} ${p.value}`}
                  />
                  {p.value !== null ? (
                    <Typography.Text type="secondary"> {p.value}</Typography.Text>
                  ) : null}
                </Card>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </>
  );
}

/** Reports expected and submitted for the quarter, per jurisdiction. */
export function ReportingTable({ data }: { data: CockpitData }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 520 }}
      dataSource={data.jurisdictions}
      columns={[
        {
          title: t("cockpit.jurisdiction"),
          render: (_, j) => <span style={{ paddingLeft: j.depth * 16 }}>{j.name}</span>,
        },
        { title: t("cockpit.expected"), render: (_, j) => j.reporting.expected },
        { title: t("cockpit.submitted"), render: (_, j) => j.reporting.submitted },
        { title: t("cockpit.late"), render: (_, j) => j.reporting.late },
        {
          title: t("cockpit.completeness"),
          render: (_, j) =>
            j.reporting.cycles ? (
              <Progress percent={j.reporting.completeness} size="small" />
            ) : (
              t("cockpit.noCycle")
            ),
        },
      ]}
    />
  );
}

/** One page of the cockpit's plans (cockpit.plans). */
export type CockpitPlanPage = RouterOutputs["cockpit"]["plans"];
export type CockpitPlanOrder = "tree" | "problems";

/**
 * The plans a page at a time, with their figures; the title opens the plan's overview. A
 * province has 1,000 plans: the server pages them (cockpit.plans), in tree order or most lagging
 * first.
 */
export function PlanList({
  page,
  loading,
  order,
  onOrder,
  onPage,
  onOpenPlan,
}: {
  page: CockpitPlanPage | undefined;
  loading?: boolean;
  order: CockpitPlanOrder;
  onOrder: (order: CockpitPlanOrder) => void;
  onPage: (page: number, pageSize: number) => void;
  onOpenPlan: (planId: string) => void;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <>
      <Segmented<CockpitPlanOrder>
        size="small"
        value={order}
        onChange={onOrder}
        options={[
          { value: "tree", label: t("cockpit.planOrderTree") },
          { value: "problems", label: t("cockpit.planOrderProblems") },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Table
        size="small"
        rowKey="planId"
        loading={loading}
        pagination={{
          current: page?.page ?? 1,
          pageSize: page?.pageSize ?? 20,
          total: page?.total ?? 0,
          hideOnSinglePage: true,
          showSizeChanger: false,
          onChange: onPage,
        }}
        scroll={{ x: 720 }}
        dataSource={page?.items ?? []}
        columns={[
          {
            title: t("cockpit.plan"),
            render: (_, p) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, whiteSpace: "normal", textAlign: "left" }}
                onClick={() => onOpenPlan(p.planId)}
              >
                {p.title}
              </Button>
            ),
          },
          { title: t("cockpit.jurisdiction"), dataIndex: "jurisdictionName" },
          { title: t("cockpit.tasks"), dataIndex: "total" },
          { title: t("cockpit.completionRate"), render: (_, p) => `${p.completionRate}%` },
          { title: labels.schedule("LAGGING"), dataIndex: "lagging" },
          { title: labels.schedule("OVERDUE"), dataIndex: "overdue" },
          {
            title: labels.indicatorStatus("OFF_TRACK"),
            render: (_, p) => p.indicators.OFF_TRACK,
          },
          { title: t("cockpit.light"), render: (_, p) => <LightTag light={p.light} /> },
        ]}
      />
    </>
  );
}
