import { useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Divider, Drawer, Progress, Space, Typography } from "antd";
import { Link } from "react-router";

import { QueryState } from "../../components/QueryState.tsx";
import { UnsavedScope, useUnsavedGuard } from "../../components/UnsavedGuard.tsx";
import { formatDateTime, shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { DecomposeForm } from "./DecomposeForm.tsx";
import { UpdateAssignmentForm, WithdrawAssignment } from "./GiverActions.tsx";
import { LatenessTag } from "./LatenessTag.tsx";
import { ParentItemCard } from "./ParentItemCard.tsx";
import type { AssignmentView } from "./types.ts";

/** One assignment in a drawer (full width on a phone), loaded by id (cascade.get). */
export function AssignmentDrawer({
  assignmentId,
  onClose,
}: {
  assignmentId: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const query = useQuery(trpc.cascade.get.queryOptions({ assignmentId }));
  const guard = useUnsavedGuard(onClose);
  return (
    <Drawer
      open
      onClose={guard.close}
      size="min(720px, 100vw)"
      title={query.data?.itemTitle ?? t("assignments.title")}
      destroyOnHidden
    >
      <UnsavedScope report={guard.report}>
        <QueryState query={query} rows={8}>
          {(view) => <AssignmentBody view={view} />}
        </QueryState>
      </UnsavedScope>
    </Drawer>
  );
}

/**
 * The assignment: the parent item read-only, its facts (state and lateness, 分解时限, weight, what
 * is asked), what it was decomposed into, and what the actor may do: the receiving office
 * decomposes it, the giving office changes or withdraws it, everyone else reads.
 */
export function AssignmentBody({ view }: { view: AssignmentView }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const a = view;
  const today = shanghaiToday();
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <ParentItemCard view={view} />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: "to", label: t("assignments.to"), children: a.to.name },
          {
            key: "state",
            label: t("task.status"),
            children: (
              <LatenessTag lateness={a.lateness} decomposeBy={a.decomposeBy} today={today} />
            ),
          },
          { key: "by", label: t("cascade.decomposeBy"), children: a.decomposeBy },
          { key: "weight", label: t("cascade.weight"), children: formatValue(a.weight) },
          {
            key: "assigned",
            label: t("assignments.assignedAt"),
            children: formatDateTime(a.assignedAt, locale),
          },
          {
            key: "plan",
            label: t("cascade.targetPlan"),
            children: a.targetPlan?.title ?? t("cascade.targetPlanLater"),
          },
          ...(a.decomposedAt
            ? [
                {
                  key: "decomposed",
                  label: t("assignments.decomposedAt"),
                  children: formatDateTime(a.decomposedAt, locale),
                },
              ]
            : []),
          {
            key: "progress",
            label: t("assignments.progress"),
            span: "filled",
            children: <Progress percent={a.progress} size="small" />,
          },
          {
            key: "note",
            label: t("cascade.note"),
            span: "filled",
            children: a.note ? (
              <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{a.note}</Typography.Text>
            ) : (
              "—"
            ),
          },
        ]}
      />
      {a.state === "WITHDRAWN" ? (
        <Alert
          type="warning"
          showIcon
          title={labels.assignmentState("WITHDRAWN")}
          description={t("cascade.withdrawnReason", { reason: a.withdrawnReason ?? "—" })}
        />
      ) : null}
      {a.state === "DECOMPOSED" ? <Decomposition view={view} /> : null}
      {/* a decomposed TASK assignment takes more tasks; an indicator's share is carried once */}
      {a.can.decompose && (a.state === "PENDING" || a.kind === "TASK") ? (
        <>
          <Divider titlePlacement="start">
            {a.state === "PENDING" ? t("cascade.decomposeTitle") : t("cascade.addMore")}
          </Divider>
          <DecomposeForm
            // a fresh form after each change (the version moves)
            key={a.version}
            target={{
              id: a.id,
              version: a.version,
              kind: a.kind,
              toJurisdictionId: a.to.id,
              targetPlanId: a.targetPlan?.id ?? null,
              targetPlanTitle: a.targetPlan?.title ?? null,
              startDate: a.parentTask?.startDate ?? null,
              dueDate: a.parentTask?.dueDate ?? null,
            }}
          />
        </>
      ) : null}
      {a.side === "receiver" && !a.can.decompose ? (
        <Alert type="info" title={t("assignments.readOnly")} />
      ) : null}
      {a.can.update || a.can.withdraw ? (
        <>
          <Divider titlePlacement="start">{t("cascade.update")}</Divider>
          <Alert type="info" title={t("assignments.giverReadOnly")} />
          {a.can.update ? <UpdateAssignmentForm assignment={a} /> : null}
          {a.can.withdraw ? <WithdrawAssignment assignment={a} /> : null}
        </>
      ) : null}
    </Space>
  );
}

/** What the assignment became: the county's tasks (each with its progress), or its indicator. */
function Decomposition({ view }: { view: AssignmentView }) {
  const { t } = useI18n();
  const a = view;
  if (a.kind === "INDICATOR")
    return a.indicator ? (
      <div>
        <Typography.Text strong>{t("assignments.childIndicator")}：</Typography.Text>
        <Link to={`/indicators?indicator=${a.indicator.id}`}>{a.indicator.name}</Link>
      </div>
    ) : null;
  return (
    <div>
      <Typography.Text strong>{t("assignments.childTasks")}</Typography.Text>
      {a.tasks.length ? (
        a.tasks.map((task) => (
          <div
            key={task.id}
            style={{
              display: "flex",
              gap: 8,
              alignItems: "center",
              flexWrap: "wrap",
              padding: "4px 0",
            }}
          >
            <Link to={`/tasks/${task.id}`} style={{ flex: "1 1 200px", minWidth: 0 }}>
              {task.title}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {task.leadDepartment.name}
            </Typography.Text>
            <Progress percent={task.progress} size="small" style={{ width: 120, margin: 0 }} />
          </div>
        ))
      ) : (
        <Typography.Paragraph type="secondary">
          {t("assignments.noChildTasks")}
        </Typography.Paragraph>
      )}
    </div>
  );
}
