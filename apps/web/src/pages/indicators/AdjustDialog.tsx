import { Alert, Form, InputNumber, Modal, Select, Typography } from "antd";

import { ZAdjustIndicatorInput } from "@duban/domain/schemas";

import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { formatValue } from "./trajectory.ts";
import type { IndicatorRow } from "./types.ts";

type Field = "BASELINE_VALUE" | "BASELINE_YEAR" | "TARGET_VALUE" | "TARGET_YEAR";
type Values = { field: Field; value: number | null; reason: string; docRef: string };
const FIELDS = ["field", "value", "reason", "docRef"] as const;
const ADJUSTABLE: Field[] = ["TARGET_VALUE", "TARGET_YEAR", "BASELINE_VALUE", "BASELINE_YEAR"];

/** The indicator's current value of an adjustable field. */
const currentOf = (ind: IndicatorRow, field: Field) =>
  ({
    BASELINE_VALUE: ind.baselineValue,
    BASELINE_YEAR: ind.baselineYear,
    TARGET_VALUE: ind.targetValue,
    TARGET_YEAR: ind.targetYear,
  })[field];

/**
 * 动态调整 (issue #18): the office changes the baseline or target (value or year) with a reason
 * and the 依据文件; the server keeps the old value in the adjustment history.
 */
export function AdjustDialog({
  indicator,
  onClose,
}: {
  indicator: IndicatorRow;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const field = (Form.useWatch("field", form) ?? "TARGET_VALUE") as Field;
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      indicatorId: indicator.id,
      version: indicator.version,
      field: v.field,
      value: v.value ?? undefined,
      reason: v.reason ?? "",
      docRef: v.docRef || undefined,
    };
  };
  const adjust = useAction(trpc.indicator.adjust.mutationOptions(), {
    invalidate: [trpc.indicator.pathFilter(), trpc.district.pathFilter()],
    success: t("adjust.done"),
    onSuccess: onClose,
    fields: { form, names: FIELDS },
  });
  const rule = (f: keyof Values) => zodRule(ZAdjustIndicatorInput, f, toInput);
  const years = field === "BASELINE_YEAR" || field === "TARGET_YEAR";
  return (
    <Modal
      open
      title={`${t("adjust.title")}：${indicator.name}`}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={adjust.pending}
      onOk={() => form.submit()}
    >
      {adjust.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={adjust.error}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form
        form={form}
        // its own field ids: the page has other forms with a "value" field
        name="indicatorAdjust"
        layout="vertical"
        initialValues={{ field: "TARGET_VALUE", value: null }}
        onFinish={() => adjust.run(ZAdjustIndicatorInput.parse(toInput()))}
      >
        <Form.Item name="field" label={t("adjust.field")} rules={[rule("field")]} required>
          <Select
            options={ADJUSTABLE.map((f) => ({ value: f, label: t(`adjust.field.${f}`) }))}
            onChange={() => form.setFieldValue("value", null)}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {t("adjust.current", { value: formatValue(currentOf(indicator, field)) })}
        </Typography.Paragraph>
        <Form.Item
          name="value"
          label={`${t("adjust.newValue")}${!years && indicator.unit ? `（${indicator.unit}）` : ""}`}
          rules={[rule("value")]}
          required
        >
          <InputNumber style={{ width: "100%" }} precision={years ? 0 : undefined} />
        </Form.Item>
        <Form.Item name="reason" label={t("adjust.reason")} rules={[rule("reason")]} required>
          <LimitedTextArea schema={ZAdjustIndicatorInput} field="reason" rows={2} />
        </Form.Item>
        <Form.Item name="docRef" label={t("adjust.docRef")} rules={[rule("docRef")]}>
          <LimitedInput
            schema={ZAdjustIndicatorInput}
            field="docRef"
            placeholder={t("adjust.docRefHint")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
