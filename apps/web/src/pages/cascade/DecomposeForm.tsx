import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Radio, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";

import { ZDecomposeAssignmentInput } from "@duban/domain/schemas";

import { useSession } from "../../app/plan-context.tsx";
import { useReportUnsaved } from "../../components/UnsavedGuard.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { validateAll } from "../../lib/zod-rules.ts";
import { blankChildTask, toChildTask, type ChildTaskValues } from "./child-tasks.ts";
import { ChildTasksFields } from "./ChildTasksFields.tsx";
import { cascadeInvalidation } from "./invalidate.ts";
import { useOfficeOptions } from "./use-units.ts";

/** What the 分解 form needs of the assignment it decomposes. */
export type DecomposeTarget = {
  id: string;
  version: number;
  kind: "TASK" | "INDICATOR";
  toJurisdictionId: string;
  /** the plan named by the office above, else the county chooses */
  targetPlanId: string | null;
  targetPlanTitle?: string | null;
  /** the parent task's dates, the default for new rows */
  startDate?: string | null;
  dueDate?: string | null;
};

type Values = {
  planId?: string;
  tasks: ChildTaskValues[];
  indicatorMode: "create" | "link";
  indicatorId?: string;
};

/**
 * 分解 (issue #19): the receiving office turns an assignment into its own plan's tasks for its
 * departments or towns (乡镇/街道), with weights — or, for an indicator share, links an indicator
 * of its plan or has one created with the share. Checked by the api's ZDecomposeAssignmentInput.
 */
export function DecomposeForm({
  target,
  onDone,
}: {
  target: DecomposeTarget;
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const reportUnsaved = useReportUnsaved();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const { units, plans: ownPlans, query: options } = useOfficeOptions(target.toJurisdictionId);
  const { plans } = useSession();
  const planId = Form.useWatch("planId", form) ?? target.targetPlanId ?? undefined;
  const mode = Form.useWatch("indicatorMode", form) ?? "create";
  // the plan's years bound the dates (the session lists every plan the user reads)
  const plan = plans.find((p) => p.id === planId);
  const indicators = useQuery({
    ...trpc.indicator.list.queryOptions({ planId: planId ?? "" }),
    enabled: target.kind === "INDICATOR" && !!planId,
  });
  const start = target.startDate ? dayjs(target.startDate) : null;
  const due = target.dueDate ? dayjs(target.dueDate) : null;
  const decompose = useAction(trpc.cascade.decompose.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: (_data, input) =>
      target.kind === "TASK"
        ? t("cascade.decomposed", { n: input.tasks?.length ?? 0 })
        : t("cascade.decomposedIndicator"),
    onSuccess: () => {
      reportUnsaved(false);
      onDone?.();
    },
    fields: { form, names: ["planId", "indicatorId"] },
  });
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      assignmentId: target.id,
      version: target.version,
      ...(target.targetPlanId ? {} : { planId: v.planId }),
      tasks: target.kind === "TASK" ? (v.tasks ?? []).map(toChildTask) : [],
      ...(target.kind === "INDICATOR" && v.indicatorMode === "link"
        ? { indicatorId: v.indicatorId }
        : {}),
    };
  };
  const submit = async () => {
    setFormErrors([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const checked = validateAll(ZDecomposeAssignmentInput, toInput(), locale);
    if (!checked.ok) {
      form.setFields(
        checked.fields.filter((f) => f.name !== "tasks") as Parameters<typeof form.setFields>[0],
      );
      setFormErrors([
        ...checked.formErrors,
        ...checked.fields.filter((f) => f.name === "tasks").flatMap((f) => f.errors),
      ]);
      return;
    }
    decompose.run(checked.data);
  };
  const outside = plan
    ? (d: Dayjs) => d.year() < plan.periodStart || d.year() > plan.periodEnd
    : undefined;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="decompose"
      onValuesChange={() => reportUnsaved(true)}
      initialValues={{
        planId: target.targetPlanId ?? undefined,
        tasks: target.kind === "TASK" ? [blankChildTask(start, due)] : [],
        indicatorMode: "create",
      }}
      onFinish={() => void submit()}
    >
      <Typography.Paragraph type="secondary">{t("cascade.decomposeHelp")}</Typography.Paragraph>
      {decompose.error ? (
        <Alert type="error" showIcon title={decompose.error} style={{ marginBottom: 12 }} />
      ) : null}
      {formErrors.length ? (
        <Alert type="error" showIcon title={formErrors.join("；")} style={{ marginBottom: 12 }} />
      ) : null}
      <Form.Item
        name="planId"
        label={t("cascade.plan")}
        required
        rules={[{ required: !target.targetPlanId, message: t("cascade.planRequired") }]}
      >
        <Select
          disabled={!!target.targetPlanId}
          loading={options.isPending}
          options={
            target.targetPlanId && !ownPlans.some((p) => p.id === target.targetPlanId)
              ? [{ value: target.targetPlanId, label: target.targetPlanTitle ?? "" }]
              : ownPlans.map((p) => ({ value: p.id, label: p.title }))
          }
          aria-label={t("cascade.plan")}
        />
      </Form.Item>
      {target.kind === "TASK" ? (
        <ChildTasksFields form={form} units={units} start={start} due={due} outside={outside} />
      ) : (
        <>
          <Form.Item name="indicatorMode" label={t("cascade.indicatorMode")}>
            <Radio.Group
              options={[
                { value: "create", label: t("cascade.indicatorCreate") },
                { value: "link", label: t("cascade.indicatorLink") },
              ]}
            />
          </Form.Item>
          {mode === "link" ? (
            <Form.Item
              name="indicatorId"
              label={t("cascade.indicatorPick")}
              required
              rules={[{ required: true, message: t("cascade.indicatorRequired") }]}
            >
              <Select
                loading={indicators.isFetching}
                showSearch={{ optionFilterProp: "label" }}
                aria-label={t("cascade.indicatorPick")}
                options={(indicators.data?.indicators ?? []).map((i) => ({
                  value: i.id,
                  label: i.unit ? `${i.name}（${i.unit}）` : i.name,
                }))}
              />
            </Form.Item>
          ) : (
            <Alert
              type="info"
              title={t("cascade.indicatorCreateHelp")}
              style={{ marginBottom: 12 }}
            />
          )}
        </>
      )}
      <Button
        type="primary"
        htmlType="submit"
        loading={decompose.pending}
        style={{ marginTop: 12 }}
        block
      >
        {t("cascade.decompose")}
      </Button>
    </Form>
  );
}
