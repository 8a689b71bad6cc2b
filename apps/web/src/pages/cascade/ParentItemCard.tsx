import { Card, Descriptions, Progress, Tag } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { formatValue } from "../indicators/trajectory.ts";
import type { AssignmentView } from "./types.ts";

/**
 * The item handed down, read-only (the county sees its parent item, never changes it): the task
 * with its plan, lead unit, dates and progress, or the indicator with its figures and this
 * jurisdiction's share.
 */
export function ParentItemCard({ view }: { view: AssignmentView }) {
  const { t } = useI18n();
  const labels = useLabels();
  const a = view;
  const task = a.parentTask;
  const indicator = a.parentIndicator;
  return (
    <Card
      size="small"
      title={t("assignments.parentItem")}
      extra={<Tag>{a.from.name}</Tag>}
      style={{ background: "#fafafa" }}
      data-testid="parent-item"
    >
      {task ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: "title", label: t("assignments.parentTask"), span: "filled", children: task.title },
            { key: "plan", label: t("menu.plan"), span: "filled", children: task.planTitle },
            { key: "lead", label: t("task.lead"), children: task.leadDepartment },
            {
              key: "status",
              label: t("task.status"),
              children: labels.taskStatus(task.status),
            },
            { key: "start", label: t("task.start"), children: task.startDate },
            { key: "due", label: t("task.due"), children: task.dueDate },
            {
              key: "progress",
              label: t("task.progress"),
              span: "filled",
              children: <Progress percent={task.progress} size="small" />,
            },
          ]}
        />
      ) : null}
      {indicator ? (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            {
              key: "name",
              label: t("assignments.parentIndicator"),
              span: "filled",
              children: indicator.unit ? `${indicator.name}（${indicator.unit}）` : indicator.name,
            },
            { key: "plan", label: t("menu.plan"), span: "filled", children: indicator.planTitle },
            {
              key: "baseline",
              label: t("indicators.baseline"),
              children: `${formatValue(indicator.baselineValue)}（${indicator.baselineYear}）`,
            },
            {
              key: "target",
              label: t("indicators.target"),
              children: `${formatValue(indicator.targetValue)}（${indicator.targetYear}）`,
            },
            {
              key: "shareBaseline",
              label: t("shares.baseline"),
              children: formatValue(a.shareBaseline),
            },
            {
              key: "shareTarget",
              label: t("shares.target"),
              children: formatValue(a.shareTarget),
            },
            {
              key: "rule",
              label: t("shares.rollupRule"),
              children: labels.rollupRule(indicator.shareRollupRule),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
