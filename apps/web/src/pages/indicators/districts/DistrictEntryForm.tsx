import { Alert, Button, Form, InputNumber, Select } from "antd";

import { ZRecordObservationInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { LimitedInput } from "../../../components/LimitedInput.tsx";
import { shanghaiToday } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import { YEARS_AFTER_PERIOD } from "../../annual/annual-years.ts";
import { entryPeriods } from "../trajectory.ts";
import type { IndicatorRow } from "../types.ts";
import type { DistrictRow } from "./types.ts";

type Values = { districtId: string; period: string; value: number | null; source: string };
const FIELDS = ["districtId", "period", "value", "source"] as const;

/**
 * A 片区's quarter value, by the 片区's entering unit or the office (only the 片区 the server says
 * the user may enter are offered). Entering a quarter again corrects it.
 */
export function DistrictEntryForm({
  plan,
  indicator,
  districts,
}: {
  plan: PlanSummary;
  indicator: IndicatorRow;
  districts: DistrictRow[];
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const periods = entryPeriods(indicator, plan.periodEnd + YEARS_AFTER_PERIOD, shanghaiToday());
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      indicatorId: indicator.id,
      period: v.period,
      districtId: v.districtId ?? null,
      value: v.value ?? undefined,
      source: v.source || undefined,
    };
  };
  const record = useAction(trpc.indicator.record.mutationOptions(), {
    invalidate: [trpc.indicator.pathFilter(), trpc.district.pathFilter()],
    success: (_obs, input) => t("indicators.recorded", { period: labels.period(input.period) }),
    onSuccess: () => form.resetFields(["value", "source"]),
    fields: { form, names: FIELDS },
  });
  const rule = (field: keyof Values) => zodRule(ZRecordObservationInput, field, toInput);
  if (!periods.length) return <Alert type="info" title={t("indicators.noEntryPeriods")} />;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        districtId: districts[0]?.districtId,
        period: periods.at(-1),
        value: null,
        source: "",
      }}
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
          name="districtId"
          label={t("districts.district")}
          rules={[rule("districtId")]}
          required
          style={{ flex: "1 1 160px" }}
        >
          <Select options={districts.map((d) => ({ value: d.districtId, label: d.name }))} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t("ledger.period")}
          rules={[rule("period")]}
          required
          style={{ flex: "1 1 160px" }}
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
          style={{ flex: "1 1 140px" }}
        >
          <InputNumber style={{ width: "100%" }} />
        </Form.Item>
      </div>
      <Form.Item name="source" label={t("indicators.source")} rules={[rule("source")]}>
        <LimitedInput schema={ZRecordObservationInput} field="source" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.pending}>
        {t("districts.enter")}
      </Button>
    </Form>
  );
}
