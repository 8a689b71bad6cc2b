import { useQuery } from "@tanstack/react-query";
import { Alert, Divider, Flex, Progress, Space, Tag, Typography } from "antd";
import { Link } from "react-router";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { taskStatusTag } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { AssignTaskButton } from "./AssignTaskModal.tsx";
import { LatenessTag } from "./LatenessTag.tsx";
import { assignmentHref } from "./links.ts";
import { RefineButton } from "./RefineModal.tsx";
import type { TaskTree } from "./types.ts";
import { WeightEditor } from "./WeightEditor.tsx";

type Ancestor = TaskTree["ancestors"][number];

/**
 * 层层分解 in the task detail (issue #19): the chain above the task (read-only, top first), its
 * sub-tasks and assignments with weights and progress, the derived-progress note, and for the
 * task's office 细化 and 下达. Nothing is shown for a task outside any cascade that the user cannot
 * break down.
 */
export function TaskTreePanel({
  task,
  plan,
}: {
  task: { id: string; title: string; startDate: string; dueDate: string };
  plan: PlanSummary;
}) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.cascade.taskTree.queryOptions({ taskId: task.id }));
  return (
    <QueryState query={tree} rows={2}>
      {(d) => <TreeBody tree={d} task={task} plan={plan} />}
    </QueryState>
  );
}

export function TreeBody({
  tree,
  task,
  plan,
}: {
  tree: TaskTree;
  task: { id: string; title: string; startDate: string; dueDate: string };
  plan: PlanSummary;
}) {
  const { t } = useI18n();
  const { subtasks, assignments } = tree.children;
  const empty = !tree.ancestors.length && !subtasks.length && !assignments.length;
  if (empty && !tree.can.addSubtasks && !tree.can.assign) return null;
  const today = shanghaiToday();
  // the chain reads from the top (the city's task) down to this one
  const chain = [...tree.ancestors].reverse();
  const live = new Set(assignments.filter((a) => a.state !== "WITHDRAWN").map((a) => a.to.id));
  return (
    <section aria-label={t("tree.title")} data-testid="task-tree">
      <Divider titlePlacement="start">{t("tree.title")}</Divider>
      {tree.rollup.derived ? (
        <Alert type="info" showIcon title={t("tree.derived")} style={{ marginBottom: 12 }} />
      ) : null}
      {chain.length ? (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t("tree.parentChain")}</Typography.Text>
          {chain.map((a, i) => (
            <AncestorRow key={`${a.kind}-${a.id}`} ancestor={a} depth={i} today={today} />
          ))}
        </div>
      ) : null}
      {tree.can.setWeight ? (
        <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t("tree.weight")}</Typography.Text>
          <WeightEditor
            task={{ id: tree.task.id, version: tree.task.version, weight: tree.task.weight }}
            label={tree.task.title}
          />
        </Flex>
      ) : null}
      <Typography.Text strong>{t("tree.children")}</Typography.Text>
      {subtasks.length ? (
        subtasks.map((s) => (
          <ChildRow
            key={s.id}
            title={<Link to={`/tasks/${s.id}`}>{s.title}</Link>}
            sub={s.leadDepartment}
            status={s.status}
            progress={s.progress}
            weight={s.weight}
            derived={s.derivedProgress}
          />
        ))
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: "4px 0 8px" }}>
          {t("tree.noChildren")}
        </Typography.Paragraph>
      )}
      {assignments.length ? (
        <>
          <Typography.Text strong>{t("tree.assignments")}</Typography.Text>
          {assignments.map((a) => (
            <ChildRow
              key={a.id}
              title={<Link to={assignmentHref(a.id)}>{a.to.name}</Link>}
              tag={<LatenessTag lateness={a.lateness} decomposeBy={a.decomposeBy} today={today} />}
              progress={a.state === "WITHDRAWN" ? null : a.progress}
              weight={a.weight}
            />
          ))}
        </>
      ) : null}
      <Space wrap style={{ marginTop: 8 }}>
        {tree.can.addSubtasks ? <RefineButton task={task} plan={plan} /> : null}
        {tree.can.assign ? <AssignIfChildren task={task} plan={plan} assigned={live} /> : null}
      </Space>
    </section>
  );
}

/** 下达 only where the jurisdiction has child jurisdictions (a county's towns are units, not these). */
function AssignIfChildren({
  task,
  plan,
  assigned,
}: {
  task: { id: string; title: string };
  plan: PlanSummary;
  assigned: ReadonlySet<string>;
}) {
  const trpc = useTRPC();
  const options = useQuery(
    trpc.cascade.options.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  if (!options.data?.children.length) return null;
  return <AssignTaskButton task={task} plan={plan} assigned={assigned} />;
}

function AncestorRow({ ancestor: a, depth, today }: { ancestor: Ancestor; depth: number; today: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const indent = { paddingInlineStart: Math.min(depth, 4) * 12 };
  if (a.kind === "assignment")
    return (
      <Flex wrap gap={6} align="center" style={{ ...indent, padding: "4px 0" }}>
        <Tag>{t("cascade.assign")}</Tag>
        <Link to={assignmentHref(a.id)}>
          {a.from} → {a.to}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {labels.assignmentState(a.state as "PENDING" | "DECOMPOSED" | "WITHDRAWN")} ·{" "}
          {t("cascade.weight")} {formatValue(a.weight)} · {a.progress}%
        </Typography.Text>
      </Flex>
    );
  return (
    <Flex wrap gap={6} align="center" style={{ ...indent, padding: "4px 0" }}>
      <Tag color="default">{a.jurisdiction.name}</Tag>
      <Link to={`/tasks/${a.id}`} style={{ minWidth: 0 }}>
        {a.title}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {a.leadDepartment} · {a.progress}%{a.readOnly ? ` · ${t("access.readOnly")}` : ""}
      </Typography.Text>
    </Flex>
  );
}

function ChildRow({
  title,
  sub,
  tag,
  status,
  progress,
  weight,
  derived,
}: {
  title: React.ReactNode;
  sub?: string;
  tag?: React.ReactNode;
  status?: TaskTree["children"]["subtasks"][number]["status"];
  progress: number | null;
  weight: number;
  derived?: boolean;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Flex
      wrap
      gap={8}
      align="center"
      style={{ padding: "6px 0", borderBottom: "1px solid #f0f0f0" }}
    >
      <div style={{ flex: "1 1 220px", minWidth: 0 }}>
        {title}
        {sub ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
            {sub}
          </Typography.Text>
        ) : null}
      </div>
      {tag}
      {status ? <Tag color={taskStatusTag[status]}>{labels.taskStatus(status)}</Tag> : null}
      {derived ? <Tag>{t("tree.derivedShort")}</Tag> : null}
      <Typography.Text style={{ fontSize: 12 }}>
        {t("tree.weight")} {formatValue(weight)}
      </Typography.Text>
      {progress === null ? null : (
        <Progress percent={progress} size="small" style={{ width: 120, margin: 0 }} />
      )}
    </Flex>
  );
}
