import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Form, Radio, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";

import { ZDecideChangeRequestInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { LimitedTextArea } from "../../../components/LimitedInput.tsx";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import type { TaskDetail } from "../types.ts";
import type { ChangeRequestItem } from "./ChangeRequestList.tsx";

type Values = {
  approve: boolean;
  comment?: string;
  dueDate?: Dayjs;
  leadDepartmentId?: string;
  supportingDepartmentIds?: string[];
};

/**
 * The office's decision on a PENDING request (with the terms: the approved date of an extension,
 * the new units of a reassignment) or a leader's on an OFFICE_APPROVED one (approve or reject the
 * office's decision as it stands). A comment is required to reject (the server says so too).
 */
export function DecisionForm({
  request: r,
  task,
  plan,
}: {
  request: ChangeRequestItem;
  task: TaskDetail;
  plan: PlanSummary;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const approve = Form.useWatch("approve", form) ?? true;
  const byOffice = r.state === "PENDING";
  const reassigning = byOffice && r.kind === "REASSIGNMENT" && approve;
  const extending = byOffice && r.kind === "EXTENSION" && approve;
  const units = useQuery({
    ...trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
    enabled: reassigning,
  });
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      requestId: r.id,
      version: r.version,
      approve: v.approve ?? true,
      comment: v.comment || undefined,
      ...(reassigning
        ? {
            leadDepartmentId: v.leadDepartmentId,
            supportingDepartmentIds: v.supportingDepartmentIds ?? [],
          }
        : {}),
      ...(extending && v.dueDate ? { dueDate: v.dueDate.format("YYYY-MM-DD") } : {}),
    };
  };
  const decide = useAction(trpc.changeRequest.decide.mutationOptions(), {
    invalidate: [
      trpc.changeRequest.pathFilter(),
      trpc.task.pathFilter(),
      trpc.overview.pathFilter(),
      trpc.indicator.pathFilter(),
    ],
    success: t("loop.cr.decided"),
    fields: { form, names: ["comment", "dueDate", "leadDepartmentId", "supportingDepartmentIds"] },
  });
  const unitOptions = (units.data ?? [])
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 8, maxWidth: 520 }}
      initialValues={{
        approve: true,
        dueDate: r.proposedDueDate ? dayjs(r.proposedDueDate) : undefined,
        leadDepartmentId: r.proposedDepartmentId ?? undefined,
        supportingDepartmentIds: task.supportingDepartments
          .map((s) => s.department.id)
          .filter((id) => id !== r.proposedDepartmentId),
      }}
      onFinish={() => decide.run(ZDecideChangeRequestInput.parse(toInput()))}
    >
      {!byOffice ? (
        <Alert type="info" showIcon title={t("loop.cr.leaderNote")} style={{ marginBottom: 8 }} />
      ) : null}
      <Form.Item name="approve" label={t("loop.cr.decide")}>
        <Radio.Group
          options={[
            { value: true, label: t("loop.cr.approve") },
            { value: false, label: t("loop.cr.reject") },
          ]}
        />
      </Form.Item>
      {extending ? (
        <Form.Item name="dueDate" label={t("loop.cr.newDue")}>
          <DatePicker
            disabledDate={(d) =>
              d.format("YYYY-MM-DD") <= task.dueDate || d.year() > plan.periodEnd
            }
          />
        </Form.Item>
      ) : null}
      {reassigning ? (
        <>
          <Form.Item name="leadDepartmentId" label={t("loop.cr.newLead")} required>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              loading={units.isLoading}
              options={unitOptions.filter((o) => o.value !== task.leadDepartment.id)}
            />
          </Form.Item>
          <Form.Item
            name="supportingDepartmentIds"
            label={t("loop.cr.newSupporting")}
            rules={[zodRule(ZDecideChangeRequestInput, "supportingDepartmentIds", toInput)]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: "label" }}
              loading={units.isLoading}
              options={unitOptions}
            />
          </Form.Item>
        </>
      ) : null}
      <Form.Item
        name="comment"
        label={t("loop.cr.comment")}
        rules={[zodRule(ZDecideChangeRequestInput, "comment", toInput)]}
      >
        <LimitedTextArea schema={ZDecideChangeRequestInput} field="comment" rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={decide.pending}>
        {t("loop.cr.decide")}
      </Button>
      {decide.error ? (
        <Alert type="error" showIcon title={decide.error} style={{ marginTop: 8 }} />
      ) : null}
    </Form>
  );
}
