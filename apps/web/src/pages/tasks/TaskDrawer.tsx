import { useQuery } from "@tanstack/react-query";
import { Descriptions, Divider, Drawer, Progress, Tag, Typography } from "antd";
import { Link } from "react-router";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { TaskLight } from "../../components/task/TaskLight.tsx";
import { UnsavedScope, useUnsavedGuard } from "../../components/UnsavedGuard.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor, taskStatusTag } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { TaskTreePanel } from "../cascade/TaskTreePanel.tsx";
import { EntryHistory } from "../ledger/EntryHistory.tsx";
import { AcknowledgePanel } from "./loop/AcknowledgePanel.tsx";
import { ChangeRequestForm } from "./loop/ChangeRequestForm.tsx";
import { ChangeRequestList } from "./loop/ChangeRequestList.tsx";
import { CompletionPanel, ratingColor } from "./loop/CompletionPanel.tsx";
import { InstructionPanel } from "./loop/InstructionPanel.tsx";
import { TaskNotices } from "./loop/TaskNotices.tsx";
import { UrgeTask } from "./loop/UrgeTask.tsx";
import { Milestones } from "./Milestones.tsx";
import { SourceTag } from "./SourceTag.tsx";
import { ReassignAction, RedateAction, StatusAction } from "./TaskActions.tsx";
import { TaskTrail } from "./TaskTrail.tsx";
import type { TaskDetail } from "./types.ts";

export function TaskDrawer({
  taskId,
  plan,
  onClose,
}: {
  taskId: string;
  plan: PlanSummary;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const task = useQuery(trpc.task.get.queryOptions({ taskId }));
  const guard = useUnsavedGuard(onClose);
  return (
    <Drawer
      open
      onClose={guard.close}
      size="min(720px, 100vw)"
      title={task.data?.title ?? t("task.title")}
      extra={<Link to={`/tasks/${taskId}`}>{t("taskPage.open")}</Link>}
    >
      <UnsavedScope report={guard.report}>
        <QueryState query={task} rows={10}>
          {(d) => <TaskBody task={d} plan={plan} />}
        </QueryState>
      </UnsavedScope>
    </Drawer>
  );
}

/** The task's detail: facts, actions, dates, milestones, reports and its trail (TaskDetail.tsx and the drawer). */
export function TaskBody({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const office = task.relation === "office";
  const writable = task.plan.status !== "ARCHIVED";
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        bordered
        items={[
          { key: "lead", label: t("task.lead"), children: task.leadDepartment.name },
          {
            key: "sup",
            label: t("task.supporting"),
            children: task.supportingDepartments.map((s) => s.department.name).join("、") || "—",
          },
          {
            key: "status",
            label: t("task.status"),
            children: (
              <>
                <Tag color={taskStatusTag[task.status]}>{labels.taskStatus(task.status)}</Tag>
                <Tag color={scheduleColor[task.schedule]}>{labels.schedule(task.schedule)}</Tag>
                <TaskLight
                  light={task.light}
                  dueSoon={task.dueSoon}
                  lagPoints={task.lagPoints}
                  overdue={task.schedule === "OVERDUE"}
                  bands={task.bands}
                />
                {task.rating ? (
                  <Tag color={ratingColor[task.rating]}>
                    {t("completion.rating")}：{labels.qualityRating(task.rating)}
                  </Tag>
                ) : null}
              </>
            ),
          },
          { key: "phase", label: t("task.phase"), children: task.phase?.name ?? "—" },
          { key: "start", label: t("task.start"), children: task.startDate },
          {
            key: "due",
            label: t("task.due"),
            children: task.redated ? (
              <span>
                <Typography.Text delete type="secondary">
                  {t("task.originalDue")} {task.originalDueDate}
                </Typography.Text>
                <br />
                <Typography.Text strong>
                  {t("task.adjustedDue")} {task.dueDate}
                </Typography.Text>
              </span>
            ) : (
              task.dueDate
            ),
          },
          {
            key: "progress",
            label: `${t("overview.reported")} / ${t("overview.expected")}`,
            span: 2,
            children: (
              <Progress
                percent={task.progress}
                success={{ percent: 0 }}
                format={() => `${task.progress}% / ${task.expectedProgress}%`}
              />
            ),
          },
          ...(task.sourceNode
            ? [
                {
                  key: "src",
                  label: t("task.source"),
                  span: 2,
                  children: (
                    <Link to={`/plan?node=${task.sourceNode.id}`}>
                      {task.sourceNode.code} {task.sourceNode.title}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(task.source !== "PLAN"
            ? [
                {
                  key: "adhoc",
                  label: t("item.source"),
                  span: 2,
                  children: (
                    <>
                      <SourceTag source={task.source} />
                      {task.sourceDocNumber ? <span>{task.sourceDocNumber} </span> : null}
                      {task.sourceNote ? (
                        <Typography.Text type="secondary">{task.sourceNote}</Typography.Text>
                      ) : null}
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AcknowledgePanel task={task} plan={plan} />
      {task.description ? (
        <Typography.Paragraph
          style={{ whiteSpace: "pre-wrap", marginTop: 12 }}
          ellipsis={{ rows: 4, expandable: true }}
        >
          {task.description}
        </Typography.Paragraph>
      ) : null}
      {/* 层层分解 (issue #19): the chain above, sub-tasks and assignments, 细化 and 下达 */}
      <TaskTreePanel task={task} plan={plan} />
      {writable && (office || task.relation === "lead") ? (
        <>
          <Divider titlePlacement="start">{t("common.actions")}</Divider>
          <StatusAction task={task} />
          {office ? <RedateAction task={task} plan={plan} /> : null}
          {office ? <ReassignAction task={task} plan={plan} /> : null}
          {office ? <UrgeTask task={task} plan={plan} /> : null}
          {task.relation === "lead" ? <ChangeRequestForm task={task} plan={plan} /> : null}
        </>
      ) : null}
      <CompletionPanel task={task} />
      <Divider titlePlacement="start">{t("loop.cr.title")}</Divider>
      <ChangeRequestList task={task} plan={plan} />
      {task.dateChanges.length ? (
        <>
          <Divider titlePlacement="start">{t("task.dateChanges")}</Divider>
          {task.dateChanges.map((c) => (
            <div key={c.id} style={{ marginBottom: 6 }}>
              <Typography.Text>
                {t("task.originalDue")} {c.fromDueDate} → {t("task.adjustedDue")} {c.toDueDate}
              </Typography.Text>
              <Typography.Text type="secondary">
                {" "}
                · {formatDateTime(c.changedAt, locale)} · {t("common.reason")}：{c.reason}
              </Typography.Text>
            </div>
          ))}
        </>
      ) : null}
      <Divider titlePlacement="start">{t("notice.title")}</Divider>
      <TaskNotices taskId={task.id} planId={task.plan.id} />
      <Divider titlePlacement="start">{t("task.milestones")}</Divider>
      <Milestones
        task={task}
        canMark={writable && (office || task.relation === "lead")}
        canAdd={writable && office}
      />
      <Divider titlePlacement="start">{t("task.ledger")}</Divider>
      <EntryHistory taskId={task.id} />
      <Divider titlePlacement="start">{t("instruction.title")}</Divider>
      <InstructionPanel on={{ kind: "TASK", taskId: task.id }} plan={plan} />
      <Divider titlePlacement="start">{t("trail.title")}</Divider>
      <TaskTrail taskId={task.id} />
    </>
  );
}
