import { useQuery } from "@tanstack/react-query";
import { Alert, DatePicker, Form, Modal, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";

import {
  ZExplainAnnualItemInput,
  ZReassignTaskInput,
  ZUpdateAnnualItemInput,
} from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { activeUnitOptions, UnitFields } from "../tasks/UnitFields.tsx";
import type { AnnualItem } from "./types.ts";

/** The office edits an item's 年度目标 and due date (within the year). */
export function EditItemModal({
  item,
  year,
  onClose,
}: {
  item: AnnualItem;
  year: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [deliverable, setDeliverable] = useState(item.deliverable);
  const [dueDate, setDueDate] = useState(item.dueDate);
  const save = useAction(trpc.annualPlan.updateItem.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter()],
    success: t("common.saved"),
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={t("annual.editTitle")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: !deliverable.trim() }}
      confirmLoading={save.pending}
      onOk={() => save.run({ itemId: item.id, version: item.version, deliverable, dueDate })}
    >
      <Typography.Paragraph strong>{item.task.title}</Typography.Paragraph>
      {save.error ? (
        <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form layout="vertical">
        <Form.Item label={t("annual.col.deliverable")} required>
          <LimitedTextArea
            schema={ZUpdateAnnualItemInput}
            field="deliverable"
            value={deliverable}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => setDeliverable(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t("annual.col.due")} required>
          <DatePicker
            value={dayjs(dueDate)}
            allowClear={false}
            disabledDate={(d) => d.year() !== year}
            onChange={(d) => d && setDueDate(d.format("YYYY-MM-DD"))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 未完成说明: the lead unit (or the office) says why the year's deliverable is not done. */
export function ExplainModal({ item, onClose }: { item: AnnualItem; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [text, setText] = useState(item.explanation ?? "");
  const save = useAction(trpc.annualPlan.explainItem.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter()],
    success: t("common.saved"),
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={t("annual.explainTitle")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: !text.trim() }}
      confirmLoading={save.pending}
      onOk={() => save.run({ itemId: item.id, version: item.version, explanation: text })}
    >
      <Typography.Paragraph strong>{item.task.title}</Typography.Paragraph>
      {save.error ? (
        <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />
      ) : null}
      <LimitedTextArea
        schema={ZExplainAnnualItemInput}
        field="explanation"
        aria-label={t("annual.explain")}
        value={text}
        autoSize={{ minRows: 3, maxRows: 8 }}
        onChange={(e) => setText(e.target.value)}
      />
    </Modal>
  );
}

type ReassignValues = {
  leadDepartmentId: string;
  supportingDepartmentIds: string[];
  reason: string;
};

/**
 * An item's owners are its task's: changing them is the task's reassignment (task.reassign, 交办
 * again to a new lead unit), offered from the item's row.
 */
export function ReassignModal({
  plan,
  item,
  onClose,
}: {
  plan: PlanSummary;
  item: AnnualItem;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const [form] = Form.useForm<ReassignValues>();
  const toInput = () => ({
    taskId: item.task.id,
    version: item.task.version,
    ...(form.getFieldsValue(true) as ReassignValues),
  });
  const reassign = useAction(trpc.task.reassign.mutationOptions(), {
    invalidate: "work",
    success: t("common.saved"),
    onSuccess: onClose,
    fields: { form, names: ["leadDepartmentId", "supportingDepartmentIds", "reason"] },
  });
  const rule = (f: keyof ReassignValues) => zodRule(ZReassignTaskInput, f, toInput);
  return (
    <Modal
      open
      title={t("annual.reassignTitle")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={reassign.pending}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph strong>{item.task.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("annual.reassignHint")}</Typography.Paragraph>
      {reassign.error ? (
        <Alert type="error" showIcon title={reassign.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          leadDepartmentId: item.task.leadDepartment.id,
          supportingDepartmentIds: item.task.supportingDepartments.map((d) => d.id),
          reason: "",
        }}
        onFinish={() => reassign.run(ZReassignTaskInput.parse(toInput()))}
      >
        <UnitFields options={activeUnitOptions(departments.data)} rule={rule} required />
        <Form.Item name="reason" label={t("common.reason")} rules={[rule("reason")]} required>
          <LimitedInput schema={ZReassignTaskInput} field="reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
