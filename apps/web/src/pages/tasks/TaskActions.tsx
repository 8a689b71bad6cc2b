import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Form, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";

import { ZReassignTaskInput, ZRedateTaskInput, ZSetTaskStatusInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedInput, useFieldCheck } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { allowedTransitions } from "../../lib/transitions.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import type { TaskDetail } from "./types.ts";
import { activeUnitOptions, UnitFields } from "./UnitFields.tsx";

/** Status change, offering only the transitions the actor's relation to the task allows. */
export function StatusAction({ task }: { task: TaskDetail }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [to, setTo] = useState<TaskDetail["status"] | undefined>();
  const [reason, setReason] = useState("");
  const choices = allowedTransitions(task.status, task.relation === "office" ? "office" : "lead");
  const change = useAction(trpc.task.setStatus.mutationOptions(), {
    invalidate: "work",
    success: t("task.statusChanged"),
    onSuccess: () => {
      setTo(undefined);
      setReason("");
    },
  });
  const reasonCheck = useFieldCheck(ZSetTaskStatusInput, "reason");
  const submit = () => {
    if (!to || reasonCheck.check(reason || undefined)) return;
    change.run({
      taskId: task.id,
      version: task.version,
      status: to,
      reason: reason || undefined,
    });
  };
  // 已完成 is never a status change (issue #17): the lead unit applies and the office signs off
  // in the 办结审核 panel, which also says when a task awaits sign-off
  if (!choices.length)
    return task.relation === "lead" || task.status === "PENDING_REVIEW" ? null : (
      <Alert type="info" title={t("task.noTransitions")} style={{ marginBottom: 12 }} />
    );
  return (
    <div style={{ marginBottom: 16 }}>
      <Space wrap>
        <Select
          aria-label={t("task.changeStatus")}
          placeholder={t("task.changeStatus")}
          style={{ width: 160 }}
          value={to}
          onChange={setTo}
          options={choices.map((s) => ({ value: s, label: labels.taskStatus(s) }))}
        />
        <LimitedInput
          schema={ZSetTaskStatusInput}
          field="reason"
          aria-label={t("common.reason")}
          placeholder={t("common.reason")}
          style={{ width: 260 }}
          value={reason}
          status={reasonCheck.problem ? "error" : undefined}
          onChange={(e) => {
            reasonCheck.check(e.target.value || undefined);
            setReason(e.target.value);
          }}
        />
        <Button type="primary" disabled={!to} loading={change.pending} onClick={submit}>
          {t("task.changeStatus")}
        </Button>
      </Space>
      {reasonCheck.message}
      {change.error ? (
        <Alert type="error" showIcon title={change.error} style={{ marginTop: 8 }} />
      ) : null}
    </div>
  );
}

/** 规划调整: a new due date with its reason; the original stays on record. */
export function RedateAction({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<{ dueDate?: Dayjs; reason: string }>();
  const toInput = () => {
    const v = form.getFieldsValue(true) as { dueDate?: Dayjs; reason?: string };
    return {
      taskId: task.id,
      version: task.version,
      dueDate: v.dueDate?.format("YYYY-MM-DD") ?? "",
      reason: v.reason ?? "",
    };
  };
  const redate = useAction(trpc.task.redate.mutationOptions(), {
    invalidate: "work",
    success: t("common.saved"),
    onSuccess: () => form.resetFields(),
    fields: { form, names: ["dueDate", "reason"] },
  });
  return (
    <Form
      name="redate"
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      onFinish={() => redate.run(ZRedateTaskInput.parse(toInput()))}
    >
      <Form.Item
        name="dueDate"
        label={t("task.newDue")}
        rules={[zodRule(ZRedateTaskInput, "dueDate", toInput)]}
      >
        <DatePicker
          minDate={undefined}
          disabledDate={(d) => d.year() < plan.periodStart || d.year() > plan.periodEnd}
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("common.reason")}
        rules={[zodRule(ZRedateTaskInput, "reason", toInput)]}
      >
        <LimitedInput schema={ZRedateTaskInput} field="reason" style={{ width: 240 }} />
      </Form.Item>
      <Button htmlType="submit" loading={redate.pending}>
        {t("task.redate")}
      </Button>
      {redate.error ? (
        <Alert type="error" showIcon title={redate.error} style={{ marginTop: 8, width: "100%" }} />
      ) : null}
    </Form>
  );
}

type ReassignValues = {
  leadDepartmentId: string;
  supportingDepartmentIds: string[];
  reason: string;
};

export function ReassignAction({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const [form] = Form.useForm<ReassignValues>();
  const toInput = () => ({
    taskId: task.id,
    version: task.version,
    ...(form.getFieldsValue(true) as ReassignValues),
  });
  const reassign = useAction(trpc.task.reassign.mutationOptions(), {
    invalidate: "work",
    success: t("common.saved"),
    onSuccess: () => form.setFieldValue("reason", ""),
    fields: { form, names: ["leadDepartmentId", "supportingDepartmentIds", "reason"] },
  });
  const options = activeUnitOptions(departments.data);
  const rule = (f: keyof ReassignValues) => zodRule(ZReassignTaskInput, f, toInput);
  return (
    <Form
      name="reassign"
      form={form}
      layout="vertical"
      initialValues={{
        leadDepartmentId: task.leadDepartment.id,
        supportingDepartmentIds: task.supportingDepartments.map((s) => s.department.id),
        reason: "",
      }}
      onFinish={() => reassign.run(ZReassignTaskInput.parse(toInput()))}
    >
      <Space align="start" wrap>
        <UnitFields options={options} rule={rule} width={200} />
        <Form.Item
          name="reason"
          label={t("common.reason")}
          rules={[rule("reason")]}
          style={{ width: 160 }}
        >
          <LimitedInput schema={ZReassignTaskInput} field="reason" />
        </Form.Item>
      </Space>
      <Button htmlType="submit" loading={reassign.pending}>
        {t("task.reassign")}
      </Button>
      {reassign.error ? (
        <Alert type="error" showIcon title={reassign.error} style={{ marginTop: 8 }} />
      ) : null}
    </Form>
  );
}
