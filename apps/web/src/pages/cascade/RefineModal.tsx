import { Alert, Button, Form, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";

import { ZAddSubtasksInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { validateAll } from "../../lib/zod-rules.ts";
import { blankChildTask, toChildTask, type ChildTaskValues } from "./child-tasks.ts";
import { ChildTasksFields } from "./ChildTasksFields.tsx";
import { cascadeInvalidation } from "./invalidate.ts";
import { useOfficeOptions } from "./use-units.ts";

type Parent = { id: string; title: string; startDate: string; dueDate: string };

/** The office's 细化 button in a task's tree panel. */
export function RefineButton({ task, plan }: { task: Parent; plan: PlanSummary }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (plan.status !== "ACTIVE") return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t("tree.refine")}
      </Button>
      {open ? <RefineModal task={task} plan={plan} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/**
 * 细化 (issue #19): sub-tasks of a task in the same plan (a county task broken down for its
 * departments and towns); the task's progress is then derived from them. ZAddSubtasksInput.
 */
export function RefineModal({
  task,
  plan,
  onClose,
}: {
  task: Parent;
  plan: PlanSummary;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ tasks: ChildTaskValues[] }>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const { units } = useOfficeOptions(plan.jurisdiction.id);
  const start = dayjs(task.startDate);
  const due = dayjs(task.dueDate);
  const add = useAction(trpc.cascade.addSubtasks.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: (_d, input) => t("tree.refined", { n: input.tasks.length }),
    onSuccess: onClose,
  });
  const submit = async () => {
    setFormErrors([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as { tasks?: ChildTaskValues[] };
    const checked = validateAll(
      ZAddSubtasksInput,
      { parentTaskId: task.id, tasks: (v.tasks ?? []).map(toChildTask) },
      locale,
    );
    if (!checked.ok) {
      setFormErrors([...checked.formErrors, ...checked.fields.flatMap((f) => f.errors)]);
      return;
    }
    add.run(checked.data);
  };
  return (
    <Modal
      open
      title={t("tree.refineTitle")}
      onCancel={onClose}
      okText={t("common.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={add.pending}
      onOk={() => void submit()}
      destroyOnHidden
      width={720}
    >
      <Typography.Paragraph strong>{task.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("tree.refineHelp")}</Typography.Paragraph>
      {add.error ? (
        <Alert type="error" showIcon title={add.error} style={{ marginBottom: 12 }} />
      ) : null}
      {formErrors.length ? (
        <Alert type="error" showIcon title={formErrors.join("；")} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ tasks: [blankChildTask(start, due)] }}>
        <ChildTasksFields
          form={form}
          units={units}
          start={start}
          due={due}
          outside={(d: Dayjs) => d.year() < plan.periodStart || d.year() > plan.periodEnd}
        />
      </Form>
    </Modal>
  );
}
