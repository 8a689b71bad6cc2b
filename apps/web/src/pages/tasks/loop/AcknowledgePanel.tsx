import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";

import { ZDeclineTaskInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { LimitedTextArea } from "../../../components/LimitedInput.tsx";
import { formatDay } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import type { TaskDetail } from "../types.ts";

const CLOSED = new Set(["COMPLETED", "CANCELLED"]);

/**
 * 签收 (issue #17 step 1) on the task drawer: the lead unit's staff acknowledge a task assigned to
 * them, or decline it with a reason (不属于本单位职责), which goes to the office as a reassignment
 * request; everyone else sees whether it is acknowledged.
 */
export function AcknowledgePanel({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [declining, setDeclining] = useState(false);
  const invalidate = [trpc.task.pathFilter(), trpc.changeRequest.pathFilter()] as const;
  const acknowledge = useAction(trpc.task.acknowledge.mutationOptions(), {
    invalidate,
    success: t("loop.ack.acknowledged"),
  });
  if (CLOSED.has(task.status)) return null;
  if (task.acknowledgedAt)
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        <Tag color="green">{t("loop.ack.acknowledged")}</Tag>
        {t("loop.ack.done", { date: formatDay(task.acknowledgedAt) })}
      </Typography.Paragraph>
    );
  const assigned = formatDay(task.assignedAt);
  if (task.relation !== "lead" || task.plan.status === "ARCHIVED")
    return (
      <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
        <Tag color="orange">{t("loop.ack.pending")}</Tag>
        {t("loop.ack.officePending", { date: assigned })}
      </Typography.Paragraph>
    );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      title={t("loop.ack.pendingSince", { date: assigned })}
      description={
        <>
          <Space wrap style={{ marginTop: 4 }}>
            <Button
              type="primary"
              loading={acknowledge.pending}
              onClick={() => acknowledge.run({ taskId: task.id, version: task.version })}
            >
              {t("loop.ack.acknowledge")}
            </Button>
            <Button onClick={() => setDeclining((d) => !d)}>{t("loop.ack.decline")}</Button>
          </Space>
          {acknowledge.error ? (
            <Alert type="error" showIcon title={acknowledge.error} style={{ marginTop: 8 }} />
          ) : null}
          {declining ? (
            <DeclineForm task={task} plan={plan} onDone={() => setDeclining(false)} />
          ) : null}
        </>
      }
    />
  );
}

type DeclineValues = { reason?: string; proposedDepartmentId?: string };

function DeclineForm({
  task,
  plan,
  onDone,
}: {
  task: TaskDetail;
  plan: PlanSummary;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [form] = Form.useForm<DeclineValues>();
  const units = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const toInput = () => {
    const v = form.getFieldsValue(true) as DeclineValues;
    return {
      taskId: task.id,
      version: task.version,
      reason: v.reason ?? "",
      proposedDepartmentId: v.proposedDepartmentId || undefined,
    };
  };
  const decline = useAction(trpc.task.decline.mutationOptions(), {
    invalidate: [trpc.task.pathFilter(), trpc.changeRequest.pathFilter()],
    success: t("loop.ack.declined"),
    onSuccess: onDone,
    fields: { form, names: ["reason", "proposedDepartmentId"] },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12, maxWidth: 520 }}
      onFinish={() => decline.run(ZDeclineTaskInput.parse(toInput()))}
    >
      <Form.Item
        name="reason"
        label={t("loop.ack.declineReason")}
        rules={[zodRule(ZDeclineTaskInput, "reason", toInput)]}
      >
        <LimitedTextArea schema={ZDeclineTaskInput} field="reason" rows={3} />
      </Form.Item>
      <Form.Item name="proposedDepartmentId" label={t("loop.ack.proposedUnit")}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          loading={units.isLoading}
          options={(units.data ?? [])
            .filter((u) => u.active && u.id !== task.leadDepartment.id)
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Button danger htmlType="submit" loading={decline.pending}>
        {t("loop.ack.declineSubmit")}
      </Button>
      {decline.error ? (
        <Alert type="error" showIcon title={decline.error} style={{ marginTop: 8 }} />
      ) : null}
    </Form>
  );
}
