import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, InputNumber, Select, Table, Tag, Typography } from "antd";
import { useState } from "react";

import { ZSetAnnualTargetInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedInput, LimitedTextArea } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime, shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { YEARS_AFTER_PERIOD } from "../annual/annual-years.ts";
import { formatValue } from "./trajectory.ts";
import type { IndicatorRow } from "./types.ts";
import { WithdrawTargetModal } from "./WithdrawTargetModal.tsx";

type TargetRow = RouterOutputs["indicator"]["annualTargets"]["rows"][number];
type Values = {
  year: number;
  scope: string;
  value: number | null;
  note: string;
  reason: string;
  docRef: string;
};
const FIELDS = ["year", "value", "note", "reason", "docRef"] as const;

/** "whole", "d:<districtId>" or "u:<departmentId>" → the input's two ids. */
const scopeIds = (scope: string) => ({
  districtId: scope.startsWith("d:") ? scope.slice(2) : null,
  departmentId: scope.startsWith("u:") ? scope.slice(2) : null,
});
const scopeOf = (r: { districtId: string | null; departmentId: string | null }) =>
  r.districtId ? `d:${r.districtId}` : r.departmentId ? `u:${r.departmentId}` : "whole";

/**
 * 年度目标 (issue #18): the indicator's targets by year and scope (whole jurisdiction, 片区,
 * responsible unit), replaced ones struck through; the office sets one, and replacing a current
 * target asks for the reason and the 依据文件 (the server refuses it without a reason).
 */
export function AnnualTargets({
  plan,
  indicator,
  office,
}: {
  plan: PlanSummary;
  indicator: IndicatorRow;
  office: boolean;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const targets = useQuery(
    trpc.indicator.annualTargets.queryOptions({ indicatorId: indicator.id }),
  );
  const departments = useQuery({
    ...trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
    enabled: office,
  });
  const [withdrawing, setWithdrawing] = useState<TargetRow | null>(null);
  const [form] = Form.useForm<Values>();
  const year = Form.useWatch("year", form);
  const scope = Form.useWatch("scope", form) ?? "whole";
  const years: number[] = [];
  // the years the plan may still run in (a 年度工作要点 after its period): the server decides
  // (lastReportingYear), as for the demo's 2026 targets
  const lastYear = Math.max(indicator.targetYear, plan.periodEnd + YEARS_AFTER_PERIOD);
  for (let y = indicator.baselineYear + 1; y <= lastYear; y++) years.push(y);
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const existing = targets.data?.rows.find(
    (r) => r.current && r.year === year && scopeOf(r) === scope,
  );
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    return {
      indicatorId: indicator.id,
      year: v.year,
      ...scopeIds(v.scope ?? "whole"),
      value: v.value ?? undefined,
      note: v.note || undefined,
      reason: v.reason || undefined,
      docRef: v.docRef || undefined,
    };
  };
  const set = useAction(trpc.indicator.setAnnualTarget.mutationOptions(), {
    invalidate: [trpc.indicator.pathFilter(), trpc.district.pathFilter()],
    success: (_r, input) => t("targets.saved", { year: String(input.year) }),
    onSuccess: () => form.resetFields(["value", "note", "reason", "docRef"]),
    fields: { form, names: FIELDS },
  });
  const rule = (field: keyof Values) => zodRule(ZSetAnnualTargetInput, field, toInput);
  const scopeName = (r: TargetRow) => r.district?.name ?? r.department?.name ?? t("targets.whole");
  return (
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12 }}>
      <Typography.Text type="secondary">{t("targets.hint")}</Typography.Text>
      <QueryState
        query={targets}
        isEmpty={(d) => d.rows.length === 0}
        empty={<Typography.Text type="secondary">{t("targets.none")}</Typography.Text>}
      >
        {(d) => (
          <Table<TargetRow>
            size="small"
            rowKey="id"
            dataSource={d.rows}
            // scrolls sideways on a phone rather than wrapping names character by character
            scroll={{ x: 600 }}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t("targets.year"), dataIndex: "year" },
              { title: t("targets.scope"), render: (_v, r) => scopeName(r) },
              {
                title: t("targets.value"),
                align: "right",
                render: (_v, r) =>
                  r.current ? (
                    formatValue(r.value)
                  ) : (
                    <Typography.Text delete type="secondary">
                      {formatValue(r.value)}
                    </Typography.Text>
                  ),
              },
              {
                title: t("targets.note"),
                dataIndex: "note",
                render: (v: string | null) => v ?? "—",
              },
              { title: t("targets.setAt"), render: (_v, r) => formatDateTime(r.setAt, locale) },
              {
                title: t("targets.state"),
                render: (_v, r) =>
                  r.current ? (
                    <Tag color="green">{t("targets.current")}</Tag>
                  ) : (
                    <Tag>{t("targets.replaced")}</Tag>
                  ),
              },
              ...(office
                ? [
                    {
                      title: t("common.actions"),
                      render: (_v: unknown, r: TargetRow) =>
                        r.current ? (
                          <Button size="small" onClick={() => setWithdrawing(r)}>
                            {t("targets.withdraw")}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      {office ? (
        <Form
          form={form}
          // its own field ids: the page has other forms with a "value" field
          name="annualTarget"
          layout="vertical"
          initialValues={{
            year: years.includes(thisYear) ? thisYear : years.at(-1),
            scope: "whole",
          }}
          onFinish={() => set.run(ZSetAnnualTargetInput.parse(toInput()))}
        >
          {set.error ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={set.error}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <div style={{ display: "flex", gap: 16, flexWrap: "wrap" }}>
            <Form.Item
              name="year"
              label={t("targets.year")}
              rules={[rule("year")]}
              required
              style={{ flex: "1 1 100px" }}
            >
              <Select options={years.map((y) => ({ value: y, label: String(y) }))} />
            </Form.Item>
            <Form.Item name="scope" label={t("targets.scope")} style={{ flex: "2 1 180px" }}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                options={[
                  { value: "whole", label: t("targets.whole") },
                  ...(targets.data?.districts ?? []).map((d) => ({
                    value: `d:${d.id}`,
                    label: `${t("targets.district")}：${d.name}`,
                  })),
                  ...(departments.data ?? []).map((d) => ({
                    value: `u:${d.id}`,
                    label: `${t("targets.department")}：${d.name}`,
                  })),
                ]}
              />
            </Form.Item>
            <Form.Item
              name="value"
              label={`${t("targets.value")}${indicator.unit ? `（${indicator.unit}）` : ""}`}
              rules={[rule("value")]}
              required
              style={{ flex: "1 1 140px" }}
            >
              <InputNumber style={{ width: "100%" }} />
            </Form.Item>
          </div>
          <Form.Item name="note" label={t("targets.note")} rules={[rule("note")]}>
            <LimitedInput schema={ZSetAnnualTargetInput} field="note" />
          </Form.Item>
          {existing ? (
            <>
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t("targets.replaceHint", { value: formatValue(existing.value) })}
              />
              <Form.Item name="reason" label={t("adjust.reason")} rules={[rule("reason")]} required>
                <LimitedTextArea schema={ZSetAnnualTargetInput} field="reason" rows={2} />
              </Form.Item>
              <Form.Item name="docRef" label={t("adjust.docRef")} rules={[rule("docRef")]}>
                <LimitedInput
                  schema={ZSetAnnualTargetInput}
                  field="docRef"
                  placeholder={t("adjust.docRefHint")}
                />
              </Form.Item>
            </>
          ) : null}
          <Button type="primary" htmlType="submit" loading={set.pending}>
            {t("targets.set")}
          </Button>
        </Form>
      ) : null}
      {withdrawing ? (
        <WithdrawTargetModal target={withdrawing} onClose={() => setWithdrawing(null)} />
      ) : null}
    </div>
  );
}
