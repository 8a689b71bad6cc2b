import { Alert, Form, Modal } from "antd";

import { ZClearAnnualTargetInput } from "@duban/domain/schemas";

import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { formatValue } from "./trajectory.ts";

type Values = { reason: string; docRef: string };
const FIELDS = ["reason", "docRef"] as const;

/** Withdrawing a 年度目标 is an adjustment: the reason is required, the row is kept. */
export function WithdrawTargetModal({
  target,
  onClose,
}: {
  target: { id: string; year: number; value: number };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return { targetId: target.id, reason: v.reason ?? "", docRef: v.docRef || undefined };
  };
  const clear = useAction(trpc.indicator.clearAnnualTarget.mutationOptions(), {
    invalidate: [trpc.indicator.pathFilter(), trpc.district.pathFilter()],
    success: t("targets.withdrawn"),
    onSuccess: onClose,
    fields: { form, names: FIELDS },
  });
  const rule = (f: keyof Values) => zodRule(ZClearAnnualTargetInput, f, toInput);
  return (
    <Modal
      open
      title={`${t("targets.withdrawTitle")}：${target.year} · ${formatValue(target.value)}`}
      onCancel={onClose}
      okText={t("targets.withdraw")}
      cancelText={t("common.cancel")}
      confirmLoading={clear.pending}
      onOk={() => form.submit()}
    >
      {clear.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={clear.error}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form
        form={form}
        // its own field ids: the page has other forms with a "value" field
        name="withdrawTarget"
        layout="vertical"
        onFinish={() => clear.run(ZClearAnnualTargetInput.parse(toInput()))}
      >
        <Form.Item name="reason" label={t("adjust.reason")} rules={[rule("reason")]} required>
          <LimitedTextArea schema={ZClearAnnualTargetInput} field="reason" rows={2} />
        </Form.Item>
        <Form.Item name="docRef" label={t("adjust.docRef")} rules={[rule("docRef")]}>
          <LimitedInput
            schema={ZClearAnnualTargetInput}
            field="docRef"
            placeholder={t("adjust.docRefHint")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
