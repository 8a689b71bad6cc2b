import { Alert, Button, Form, InputNumber, Select } from "antd";

import { ZRecordObservationInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { YEARS_AFTER_PERIOD } from "../annual/annual-years.ts";
import { entryPeriods } from "./trajectory.ts";
import type { IndicatorRow } from "./types.ts";

type Values = { period: string; value: number | null; source: string; note: string };
const FIELDS = ["period", "value", "source", "note"] as const;

/**
 * A quarter's value, by the responsible department or the office; validated with the server's
 * own schema. Reporting a quarter again corrects it (the earlier value stays in the history).
 */
export function ObservationForm({
  plan,
  indicator,
}: {
  plan: PlanSummary;
  indicator: IndicatorRow;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  // the years the plan may still report in (a 年度工作要点 after its period): the server decides
  const periods = entryPeriods(indicator, plan.periodEnd + YEARS_AFTER_PERIOD, shanghaiToday());
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      indicatorId: indicator.id,
      period: v.period,
      districtId: null,
      value: v.value ?? undefined,
      source: v.source || undefined,
      note: v.note || undefined,
    };
  };
  const record = useAction(trpc.indicator.record.mutationOptions(), {
    invalidate: [trpc.indicator.pathFilter(), trpc.district.pathFilter()],
    success: (_obs, input) => t("indicators.recorded", { period: labels.period(input.period) }),
    onSuccess: () => form.resetFields(["value", "source", "note"]),
    fields: { form, names: FIELDS },
  });
  const rule = (field: keyof Values) => zodRule(ZRecordObservationInput, field, toInput);
  if (!periods.length) return <Alert type="info" title={t("indicators.noEntryPeriods")} />;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ period: periods.at(-1), value: null, source: "", note: "" }}
      onFinish={() => record.run(ZRecordObservationInput.parse(toInput()))}
    >
      {record.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={record.error}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div style={{ display: "flex", gap: 16, flexWrap: "wrap" }}>
        <Form.Item
          name="period"
          label={t("ledger.period")}
          rules={[rule("period")]}
          required
          style={{ flex: "1 1 180px" }}
        >
          <Select
            showSearch={{ optionFilterProp: "label" }}
            options={[...periods].reverse().map((p) => ({ value: p, label: labels.period(p) }))}
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={`${t("indicators.value")}${indicator.unit ? `（${indicator.unit}）` : ""}`}
          rules={[rule("value")]}
          required
          style={{ flex: "1 1 160px" }}
        >
          <InputNumber style={{ width: "100%" }} />
        </Form.Item>
      </div>
      <Form.Item name="source" label={t("indicators.source")} rules={[rule("source")]}>
        <LimitedInput
          schema={ZRecordObservationInput}
          field="source"
          placeholder={t("indicators.sourceHint")}
        />
      </Form.Item>
      <Form.Item name="note" label={t("indicators.note")} rules={[rule("note")]}>
        <LimitedTextArea schema={ZRecordObservationInput} field="note" rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.pending}>
        {t("indicators.record")}
      </Button>
    </Form>
  );
}
