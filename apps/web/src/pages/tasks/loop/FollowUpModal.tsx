import { useQuery } from "@tanstack/react-query";
import { Alert, DatePicker, Form, Modal, Typography } from "antd";
import type { Dayjs } from "dayjs";

import { ZInstructionFollowUpInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { LimitedInput } from "../../../components/LimitedInput.tsx";
import { shanghaiToday } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import { activeUnitOptions, UnitFields } from "../UnitFields.tsx";
import type { InstructionItem } from "./InstructionPanel.tsx";

type Values = {
  title: string;
  leadDepartmentId?: string;
  supportingDepartmentIds: string[];
  dueDate?: Dayjs;
};
const FIELDS = ["title", "leadDepartmentId", "supportingDepartmentIds", "dueDate"] as const;

/**
 * 转为督办事项: the office turns a leader's instruction into a tracked ad-hoc item of the plan
 * (source 领导批示), with its own title, units and due date; it starts today and is 待签收.
 */
export function FollowUpModal({
  instruction,
  plan,
  onClose,
}: {
  instruction: InstructionItem;
  plan: PlanSummary;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const options = activeUnitOptions(departments.data);
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      instructionId: instruction.id,
      planId: plan.id,
      title: v.title ?? "",
      leadDepartmentId: v.leadDepartmentId ?? "",
      supportingDepartmentIds: v.supportingDepartmentIds ?? [],
      dueDate: v.dueDate?.format("YYYY-MM-DD") ?? "",
    };
  };
  const save = useAction(trpc.instruction.followUp.mutationOptions(), {
    invalidate: "work",
    success: t("instruction.followUpDone"),
    onSuccess: onClose,
    fields: { form, names: FIELDS },
  });
  const rule = (f: (typeof FIELDS)[number]) => zodRule(ZInstructionFollowUpInput, f, toInput);
  const today = shanghaiToday();
  return (
    <Modal
      open
      title={t("instruction.followUp")}
      onCancel={onClose}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={save.pending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: "pre-wrap" }}>
        {instruction.author.name}：{instruction.text}
      </Typography.Paragraph>
      {save.error ? (
        <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: instruction.task ? `落实领导批示：${instruction.task.title}` : "",
          leadDepartmentId: undefined,
          supportingDepartmentIds: [],
        }}
        onFinish={() => save.run(ZInstructionFollowUpInput.parse(toInput()))}
      >
        <Form.Item name="title" label={t("task.name")} rules={[rule("title")]} required>
          <LimitedInput schema={ZInstructionFollowUpInput} field="title" />
        </Form.Item>
        <UnitFields options={options} rule={rule} required />
        <Form.Item name="dueDate" label={t("task.due")} rules={[rule("dueDate")]} required>
          <DatePicker
            style={{ width: "100%" }}
            disabledDate={(d) =>
              d.format("YYYY-MM-DD") < today ||
              d.year() < plan.periodStart ||
              d.year() > plan.periodEnd
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
