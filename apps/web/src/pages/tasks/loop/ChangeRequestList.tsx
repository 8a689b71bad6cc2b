import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from "antd";

import { changeRequestKindLabels, changeRequestStateLabels } from "@duban/domain/i18n";

import { useSession, type PlanSummary } from "../../../app/plan-context.tsx";
import { QueryState } from "../../../components/QueryState.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import type { TaskDetail } from "../types.ts";
import { DecisionForm } from "./DecisionForm.tsx";

export type ChangeRequestItem = RouterOutputs["changeRequest"]["list"]["items"][number];

const STATE_COLOR: Record<ChangeRequestItem["state"], string> = {
  PENDING: "gold",
  OFFICE_APPROVED: "blue",
  APPROVED: "green",
  REJECTED: "red",
  WITHDRAWN: "default",
};

/**
 * The task's change requests (调整申请, issue #17 step 2), newest first, with their states: what
 * was asked, the decisions with comments, what was applied, the evidence; rejected and withdrawn
 * ones stay. The office decides PENDING ones, a leader of the jurisdiction OFFICE_APPROVED ones;
 * the requesting unit may withdraw an open one.
 */
export function ChangeRequestList({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const list = useQuery(
    trpc.changeRequest.list.queryOptions({ planId: plan.id, taskId: task.id, pageSize: 50 }),
  );
  return (
    <QueryState query={list} rows={3}>
      {(d) =>
        d.items.length === 0 ? (
          <Typography.Text type="secondary">{t("loop.cr.none")}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {d.items.map((r) => (
              <RequestCard key={r.id} request={r} task={task} plan={plan} />
            ))}
          </Space>
        )
      }
    </QueryState>
  );
}

function RequestCard({
  request: r,
  task,
  plan,
}: {
  request: ChangeRequestItem;
  task: TaskDetail;
  plan: PlanSummary;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { me, myDepartments } = useSession();
  const lang = locale === "en" ? "en" : "zh";
  const roles = me.memberships
    .filter((m) => m.jurisdiction.id === plan.jurisdiction.id)
    .map((m) => m.role);
  const writable = task.plan.status !== "ARCHIVED";
  const canDecide =
    writable &&
    ((r.state === "PENDING" && roles.includes("OFFICE")) ||
      (r.state === "OFFICE_APPROVED" && roles.includes("LEADER")));
  const canWithdraw =
    writable &&
    (r.state === "PENDING" || r.state === "OFFICE_APPROVED") &&
    myDepartments.includes(r.departmentId);
  const withdraw = useAction(trpc.changeRequest.withdraw.mutationOptions(), {
    invalidate: [trpc.changeRequest.pathFilter(), trpc.task.pathFilter()],
    success: t("loop.cr.withdrawn"),
    errorAs: "message",
  });
  const asked =
    r.kind === "EXTENSION"
      ? `${r.fromDueDate ?? "—"} → ${r.proposedDueDate ?? "—"}`
      : r.kind === "REASSIGNMENT"
        ? (r.proposedDepartmentName ?? "—")
        : r.kind === "TARGET_CHANGE"
          ? `${r.indicator?.name ?? "—"}：${r.indicator?.targetValue ?? "—"} → ${r.proposedTargetValue ?? "—"}`
          : changeRequestKindLabels[r.kind][lang];
  const applied = r.applied as Record<string, unknown> | null;
  const appliedText =
    !applied || r.state !== "APPROVED"
      ? null
      : "toDueDate" in applied
        ? `${String(applied.fromDueDate)} → ${String(applied.toDueDate)}`
        : "toDepartmentName" in applied
          ? `${String(applied.fromDepartmentName)} → ${String(applied.toDepartmentName)}`
          : "toStatus" in applied
            ? `${labels.taskStatus(applied.fromStatus as TaskDetail["status"])} → ${labels.taskStatus(applied.toStatus as TaskDetail["status"])}`
            : `${String(applied.indicatorName ?? "")} ${String(applied.from)} → ${String(applied.to)}`;
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4}>
          <span>{changeRequestKindLabels[r.kind][lang]}</span>
          <Tag color={STATE_COLOR[r.state]}>{changeRequestStateLabels[r.state][lang]}</Tag>
          {r.declined ? <Tag color="volcano">{t("loop.cr.declinedTag")}</Tag> : null}
          {r.late ? <Tag>{t("loop.cr.lateTag")}</Tag> : null}
        </Space>
      }
      extra={
        canWithdraw ? (
          <Button
            size="small"
            loading={withdraw.pending}
            onClick={() => withdraw.run({ requestId: r.id, version: r.version })}
          >
            {t("loop.cr.withdraw")}
          </Button>
        ) : null
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: "by",
            label: t("loop.cr.reason"),
            children: (
              <span style={{ whiteSpace: "pre-wrap" }}>
                {r.reason}
                <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                  {t("loop.cr.requested", {
                    unit: r.departmentName,
                    by: r.requestedBy ?? "—",
                    at: formatDateTime(r.requestedAt, locale),
                  })}
                </Typography.Text>
              </span>
            ),
          },
          { key: "asked", label: t("loop.cr.asked"), children: asked },
          ...(r.officeDecidedAt
            ? [
                {
                  key: "office",
                  label: t("loop.cr.officeDecision"),
                  children: `${r.officeDecidedBy ?? "—"} · ${formatDateTime(r.officeDecidedAt, locale)}${r.officeComment ? ` · ${r.officeComment}` : ""}`,
                },
              ]
            : []),
          ...(r.leaderDecidedAt
            ? [
                {
                  key: "leader",
                  label: t("loop.cr.leaderDecision"),
                  children: `${r.leaderDecidedBy ?? "—"} · ${formatDateTime(r.leaderDecidedAt, locale)}${r.leaderComment ? ` · ${r.leaderComment}` : ""}`,
                },
              ]
            : []),
          ...(appliedText
            ? [{ key: "applied", label: t("loop.cr.applied"), children: appliedText }]
            : []),
          ...(r.evidence.length
            ? [
                {
                  key: "evidence",
                  label: t("loop.cr.evidence"),
                  children: (
                    <Space orientation="vertical" size={0}>
                      {r.evidence.map((f) => (
                        <a key={f.id} href={`/api/evidence/${f.id}`} download>
                          {f.fileName}
                        </a>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canDecide ? <DecisionForm request={r} task={task} plan={plan} /> : null}
      {withdraw.error ? <Alert type="error" showIcon title={withdraw.error} /> : null}
    </Card>
  );
}
