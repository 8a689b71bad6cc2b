import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Form, Modal, Radio, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";

import { ZAssignIndicatorInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedTextArea } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { checkAssign, toTargets, type AssignValues } from "./assign-input.ts";
import { cascadeInvalidation } from "./invalidate.ts";
import { TargetsPicker, type TargetValue } from "./TargetsPicker.tsx";
import { targetOptions } from "./types.ts";

type Indicator = {
  id: string;
  name: string;
  unit: string | null;
  baselineValue: number | null;
  targetValue: number | null;
};
const RULES = ["SUM", "MEAN", "OWN"] as const;

/** The office's 下达份额 button on an indicator's 份额 tab. */
export function AssignIndicatorButton({
  plan,
  indicator,
  assigned,
}: {
  plan: PlanSummary;
  indicator: Indicator;
  /** the child jurisdictions that already carry a live share of the indicator */
  assigned: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (plan.status !== "ACTIVE") return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("shares.assign")}</Button>
      {open ? (
        <AssignIndicatorModal
          indicator={indicator}
          jurisdictionId={plan.jurisdiction.id}
          assigned={assigned}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

/**
 * 下达份额 (issue #19): each chosen county's share of the indicator (its baseline and target), its
 * weight, the plan it lands in, and how the indicator's value rolls up from the shares (sum, mean,
 * or the indicator's own reported value checked against them). The sum of the shares' targets is
 * shown against the indicator's own target; a difference is allowed (the office decides), only said.
 */
export function AssignIndicatorModal({
  indicator,
  jurisdictionId,
  assigned,
  onClose,
}: {
  indicator: Indicator;
  jurisdictionId: string;
  assigned: ReadonlySet<string>;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<AssignValues & { rollupRule: (typeof RULES)[number] }>();
  const [targets, setTargets] = useState<TargetValue[]>([]);
  const [problems, setProblems] = useState<{ byTarget: Map<string, string>; other: string[] }>({
    byTarget: new Map(),
    other: [],
  });
  const options = useQuery(trpc.cascade.options.queryOptions({ jurisdictionId }));
  const assign = useAction(trpc.cascade.assignIndicator.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: (d) => t("cascade.assigned", { n: d.assignmentIds.length }),
    onSuccess: onClose,
    fields: { form, names: ["decomposeBy", "note", "rollupRule"] },
  });
  const submit = () => {
    const v = form.getFieldsValue(true) as AssignValues & { rollupRule?: string };
    const checked = checkAssign(
      ZAssignIndicatorInput,
      {
        indicatorId: indicator.id,
        targets: toTargets(targets, true),
        decomposeBy: v.decomposeBy?.format("YYYY-MM-DD") ?? "",
        note: v.note ?? "",
        rollupRule: v.rollupRule ?? "SUM",
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
  const shareSum = targets.reduce((s, v) => s + (v.shareTarget ?? 0), 0);
  const unit = indicator.unit ?? "";
  return (
    <Modal
      open
      title={t("shares.assignTitle", { name: indicator.name })}
      onCancel={onClose}
      okText={t("cascade.assign")}
      cancelText={t("common.cancel")}
      confirmLoading={assign.pending}
      onOk={submit}
      destroyOnHidden
      width={680}
    >
      <Typography.Paragraph type="secondary">
        {t("shares.parentFigures", {
          baseline: formatValue(indicator.baselineValue),
          target: formatValue(indicator.targetValue),
          unit,
        })}
      </Typography.Paragraph>
      {assign.error ? (
        <Alert type="error" showIcon title={assign.error} style={{ marginBottom: 12 }} />
      ) : null}
      {problems.other.length ? (
        <Alert type="error" showIcon title={problems.other.join("；")} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ rollupRule: "SUM" }} onFinish={submit}>
        <Form.Item label={t("cascade.targets")} required>
          <QueryState query={options}>
            {(o) => (
              <TargetsPicker
                share
                options={targetOptions(o, assigned)}
                value={targets}
                onChange={setTargets}
                problems={problems.byTarget}
              />
            )}
          </QueryState>
          {targets.length ? (
            <Typography.Text
              type={
                indicator.targetValue !== null && shareSum !== indicator.targetValue
                  ? "warning"
                  : "secondary"
              }
              data-testid="share-sum"
            >
              {t("shares.sum", { sum: formatValue(shareSum), target: formatValue(indicator.targetValue), unit })}
            </Typography.Text>
          ) : null}
        </Form.Item>
        <Form.Item name="rollupRule" label={t("shares.rollupRule")} required>
          <Radio.Group
            options={RULES.map((r) => ({ value: r, label: labels.rollupRule(r) }))}
          />
        </Form.Item>
        <Form.Item name="decomposeBy" label={t("cascade.decomposeBy")} required>
          <DatePicker style={{ width: "100%" }} disabledDate={(d: Dayjs) => d.isBefore(new Date(), "day")} />
        </Form.Item>
        <Form.Item name="note" label={t("cascade.note")}>
          <LimitedTextArea
            schema={ZAssignIndicatorInput}
            field="note"
            autoSize={{ minRows: 2, maxRows: 6 }}
            placeholder={t("cascade.notePlaceholder")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
