import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Form, Modal, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";

import { ZAssignTaskInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedTextArea } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { checkAssign, toTargets, type AssignValues } from "./assign-input.ts";
import { cascadeInvalidation } from "./invalidate.ts";
import { TargetsPicker, type TargetValue } from "./TargetsPicker.tsx";
import { targetOptions } from "./types.ts";

/**
 * 下达 (issue #19): the office of the task's plan hands the task to one or more of its direct child
 * jurisdictions (cascade.options), each with a weight in the task's roll-up, the plan it lands in,
 * and the day by which the county must decompose it.
 */
export function AssignTaskButton({
  task,
  plan,
  assigned,
}: {
  task: { id: string; title: string };
  plan: PlanSummary;
  /** the child jurisdictions that already carry a live assignment of the task */
  assigned: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (plan.status !== "ACTIVE") return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("cascade.assign")}</Button>
      {open ? (
        <AssignTaskModal
          task={task}
          jurisdictionId={plan.jurisdiction.id}
          assigned={assigned}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

export function AssignTaskModal({
  task,
  jurisdictionId,
  assigned,
  onClose,
}: {
  task: { id: string; title: string };
  jurisdictionId: string;
  assigned: ReadonlySet<string>;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<AssignValues>();
  const [targets, setTargets] = useState<TargetValue[]>([]);
  const [problems, setProblems] = useState<{ byTarget: Map<string, string>; other: string[] }>({
    byTarget: new Map(),
    other: [],
  });
  const options = useQuery(trpc.cascade.options.queryOptions({ jurisdictionId }));
  const assign = useAction(trpc.cascade.assignTask.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: (d) => t("cascade.assigned", { n: d.assignmentIds.length }),
    onSuccess: onClose,
    fields: { form, names: ["decomposeBy", "note"] },
  });
  const submit = () => {
    const v = form.getFieldsValue(true) as AssignValues;
    const checked = checkAssign(
      ZAssignTaskInput,
      {
        taskId: task.id,
        targets: toTargets(targets, false),
        decomposeBy: v.decomposeBy?.format("YYYY-MM-DD") ?? "",
        note: v.note ?? "",
      },
      locale,
    );
    if (!checked.ok) {
      form.setFields(checked.fields as Parameters<typeof form.setFields>[0]);
      setProblems({ byTarget: checked.byTarget, other: checked.other });
      return;
    }
    setProblems({ byTarget: new Map(), other: [] });
    assign.run(checked.data);
  };
  return (
    <Modal
      open
      title={t("cascade.assignTitle")}
      onCancel={onClose}
      okText={t("cascade.assign")}
      cancelText={t("common.cancel")}
      confirmLoading={assign.pending}
      onOk={submit}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{task.title}</Typography.Paragraph>
      {assign.error ? (
        <Alert type="error" showIcon title={assign.error} style={{ marginBottom: 12 }} />
      ) : null}
      {problems.other.length ? (
        <Alert type="error" showIcon title={problems.other.join("；")} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t("cascade.targets")} required>
          <QueryState query={options}>
            {(o) => (
              <TargetsPicker
                options={targetOptions(o, assigned)}
                value={targets}
                onChange={setTargets}
                problems={problems.byTarget}
              />
            )}
          </QueryState>
        </Form.Item>
        <Form.Item name="decomposeBy" label={t("cascade.decomposeBy")} required>
          <DatePicker style={{ width: "100%" }} disabledDate={(d: Dayjs) => d.isBefore(new Date(), "day")} />
        </Form.Item>
        <Form.Item name="note" label={t("cascade.note")}>
          <LimitedTextArea
            schema={ZAssignTaskInput}
            field="note"
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t("cascade.notePlaceholder")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
