import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Form, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router";

import { ZRegisterItemInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { useSourceLabel } from "./SourceTag.tsx";
import { activeUnitOptions, UnitFields } from "./UnitFields.tsx";

const SOURCES = ["MEETING", "LEADER_INSTRUCTION", "HIGHER_LEVEL", "OTHER"] as const;
type Values = {
  title: string;
  description: string;
  source?: (typeof SOURCES)[number];
  sourceDocNumber: string;
  sourceNote: string;
  leadDepartmentId?: string;
  supportingDepartmentIds: string[];
  startDate?: Dayjs;
  dueDate?: Dayjs;
};
const FIELDS = [
  "title",
  "description",
  "source",
  "sourceDocNumber",
  "sourceNote",
  "leadDepartmentId",
  "supportingDepartmentIds",
  "startDate",
  "dueDate",
] as const;

/** The office's 立项 button on the tasks page and its form (issue #17 step 7). */
export function RegisterItemButton({ plan }: { plan: PlanSummary }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (plan.status !== "ACTIVE") return null;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t("item.register")}
      </Button>
      {open ? <RegisterItemModal plan={plan} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * The 立项 form. After a registration it opens the new task, unless `onRegistered` takes it (the
 * annual plan page adds the item to the year's plan instead).
 */
export function RegisterItemModal({
  plan,
  onClose,
  onRegistered,
}: {
  plan: PlanSummary;
  onClose: () => void;
  onRegistered?: (taskId: string) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const sourceLabel = useSourceLabel();
  const [, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const options = activeUnitOptions(departments.data);
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      planId: plan.id,
      title: v.title ?? "",
      description: v.description ?? "",
      source: v.source,
      sourceDocNumber: v.sourceDocNumber || undefined,
      sourceNote: v.sourceNote || undefined,
      leadDepartmentId: v.leadDepartmentId ?? "",
      supportingDepartmentIds: v.supportingDepartmentIds ?? [],
      startDate: v.startDate?.format("YYYY-MM-DD") ?? "",
      dueDate: v.dueDate?.format("YYYY-MM-DD") ?? "",
    };
  };
  const register = useAction(trpc.item.register.mutationOptions(), {
    invalidate: "work",
    success: t("item.registered"),
    onSuccess: ({ taskId }) => {
      onClose();
      if (onRegistered) onRegistered(taskId);
      else setParams({ task: taskId });
    },
    fields: { form, names: FIELDS },
  });
  const rule = (f: (typeof FIELDS)[number]) => zodRule(ZRegisterItemInput, f, toInput);
  const outsidePlan = (d: Dayjs) => d.year() < plan.periodStart || d.year() > plan.periodEnd;
  return (
    <Modal
      open
      title={t("item.registerTitle")}
      onCancel={onClose}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={register.pending}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      {register.error ? (
        <Alert type="error" showIcon title={register.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ supportingDepartmentIds: [], source: "MEETING" }}
        onFinish={() => register.run(ZRegisterItemInput.parse(toInput()))}
      >
        <Form.Item name="title" label={t("task.name")} rules={[rule("title")]} required>
          <LimitedInput schema={ZRegisterItemInput} field="title" />
        </Form.Item>
        <Form.Item name="description" label={t("task.description")} rules={[rule("description")]}>
          <LimitedTextArea
            schema={ZRegisterItemInput}
            field="description"
            autoSize={{ minRows: 2, maxRows: 6 }}
          />
        </Form.Item>
        <Form.Item name="source" label={t("item.source")} rules={[rule("source")]} required>
          <Select options={SOURCES.map((s) => ({ value: s, label: sourceLabel(s) }))} />
        </Form.Item>
        <Form.Item
          name="sourceDocNumber"
          label={t("item.docNumber")}
          rules={[rule("sourceDocNumber")]}
        >
          <LimitedInput
            schema={ZRegisterItemInput}
            field="sourceDocNumber"
            placeholder={t("item.docNumberHint")}
          />
        </Form.Item>
        <Form.Item name="sourceNote" label={t("item.sourceNote")} rules={[rule("sourceNote")]}>
          <LimitedTextArea
            schema={ZRegisterItemInput}
            field="sourceNote"
            autoSize={{ minRows: 1, maxRows: 4 }}
          />
        </Form.Item>
        <UnitFields options={options} rule={rule} required />
        <Form.Item name="startDate" label={t("task.start")} rules={[rule("startDate")]} required>
          <DatePicker style={{ width: "100%" }} disabledDate={outsidePlan} />
        </Form.Item>
        <Form.Item name="dueDate" label={t("task.due")} rules={[rule("dueDate")]} required>
          <DatePicker style={{ width: "100%" }} disabledDate={outsidePlan} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
