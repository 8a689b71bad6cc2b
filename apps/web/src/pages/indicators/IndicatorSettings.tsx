import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, InputNumber, Select } from "antd";

import { ZUpdateIndicatorInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import type { IndicatorRow } from "./types.ts";

type Values = {
  responsibleDepartmentId: string | null;
  direction: "INCREASE" | "DECREASE";
  nature: "EXPECTED" | "BINDING";
  trajectory: "LINEAR" | "COMPOUND";
  accumulation: "LEVEL" | "CUMULATIVE";
  /** percentages in the form; the server stores fractions */
  atRiskThreshold: number | null;
  offTrackThreshold: number | null;
};
const FIELDS = [
  "responsibleDepartmentId",
  "direction",
  "nature",
  "trajectory",
  "accumulation",
  "atRiskThreshold",
  "offTrackThreshold",
] as const;
const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);
const frac = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);

/**
 * The office decides who reports an indicator and how its trajectory is judged. The thresholds
 * are typed as percentages without min/max on the input (antd would clamp 150 to 100 without a
 * word); the schema refuses what is out of range with its message.
 */
export function IndicatorSettings({
  plan,
  indicator,
}: {
  plan: PlanSummary;
  indicator: IndicatorRow;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const [form] = Form.useForm<Values>();
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      indicatorId: indicator.id,
      version: indicator.version,
      ...v,
      responsibleDepartmentId: v.responsibleDepartmentId ?? null,
      atRiskThreshold: frac(v.atRiskThreshold),
      offTrackThreshold: frac(v.offTrackThreshold),
    };
  };
  const update = useAction(trpc.indicator.update.mutationOptions(), {
    invalidate: [trpc.indicator.pathFilter(), trpc.district.pathFilter()],
    success: t("common.saved"),
    fields: { form, names: FIELDS },
  });
  const rule = (field: keyof Values) => zodRule(ZUpdateIndicatorInput, field, toInput);
  const options = <K extends string>(label: (k: K) => string, keys: K[]) =>
    keys.map((k) => ({ value: k, label: label(k) }));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{
        responsibleDepartmentId: indicator.responsibleDepartmentId,
        direction: indicator.direction,
        nature: indicator.nature,
        trajectory: indicator.trajectory,
        accumulation: indicator.accumulation,
        atRiskThreshold: pct(indicator.atRiskThreshold),
        offTrackThreshold: pct(indicator.offTrackThreshold),
      }}
      onFinish={() => update.run(ZUpdateIndicatorInput.parse(toInput()))}
    >
      {update.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={update.error}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form.Item
        name="responsibleDepartmentId"
        label={t("indicators.responsible")}
        rules={[rule("responsibleDepartmentId")]}
      >
        <Select
          allowClear
          loading={departments.isPending}
          placeholder={t("indicators.noResponsible")}
          showSearch={{ optionFilterProp: "label" }}
          options={(departments.data ?? [])
            .filter((d) => d.active)
            .map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <div className="form-grid">
        <Form.Item name="direction" label={t("indicators.direction")} rules={[rule("direction")]}>
          <Select options={options(labels.direction, ["INCREASE", "DECREASE"])} />
        </Form.Item>
        <Form.Item name="nature" label={t("indicators.nature")} rules={[rule("nature")]}>
          <Select
            options={(["EXPECTED", "BINDING"] as const).map((k) => ({
              value: k,
              label: labels.nature(k),
            }))}
          />
        </Form.Item>
        <Form.Item name="trajectory" label={t("indicators.method")} rules={[rule("trajectory")]}>
          <Select options={options(labels.method, ["LINEAR", "COMPOUND"])} />
        </Form.Item>
        <Form.Item
          name="accumulation"
          label={t("indicators.accumulation")}
          rules={[rule("accumulation")]}
        >
          <Select options={options(labels.accumulation, ["LEVEL", "CUMULATIVE"])} />
        </Form.Item>
        <Form.Item
          name="atRiskThreshold"
          label={t("indicators.atRisk")}
          rules={[rule("atRiskThreshold")]}
          extra={t("indicators.thresholdHint")}
        >
          <InputNumber suffix="%" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item
          name="offTrackThreshold"
          label={t("indicators.offTrack")}
          rules={[rule("offTrackThreshold")]}
        >
          <InputNumber suffix="%" style={{ width: "100%" }} />
        </Form.Item>
      </div>
      <Button type="primary" htmlType="submit" loading={update.pending}>
        {t("common.save")}
      </Button>
    </Form>
  );
}
