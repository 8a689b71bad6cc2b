import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Popconfirm,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";

import { ZRunJobNowInput } from "@duban/domain/schemas";

import { useSession } from "../../app/plan-context.tsx";
import { errorMessage, fieldErrors } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { planQuarters } from "../ledger/CyclesPanel.tsx";
import { DryRunChannels } from "./DryRunChannels.tsx";
import { DryRunRecipients } from "./DryRunRecipients.tsx";
import { isFutureDay, summaryPairs } from "./run-result.ts";
import type { JobName, RunNowInput } from "./types.ts";

type Values = { asOf: Dayjs | null; period: string | null; thisPlan: boolean; dryRun: boolean };
const FIELDS = ["asOf", "period", "planId", "dryRun"] as const;

/**
 * Run a job now, over the office's own jurisdictions (a city's: also the counties below). A dry
 * run (the default) writes nothing and sends nothing: it answers with who would be emailed and why,
 * and from there the same run can be made for real. A date after today can only be a dry run: the
 * switch is held on and the real run is not offered (the server refuses it too).
 */
export function RunNowDrawer({ name, onClose }: { name: JobName; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const { plan, access } = useSession();
  const [form] = Form.useForm<Values>();
  const [last, setLast] = useState<RunNowInput | null>(null);
  const toInput = (dryRun?: boolean): RunNowInput => {
    const v = form.getFieldsValue(true) as Values;
    const asOf = v.asOf ? v.asOf.format("YYYY-MM-DD") : undefined;
    // the sender has no plan filter; a future day is a dry run whatever the switch says
    return {
      name,
      asOf,
      period: v.period ?? undefined,
      planId: v.thisPlan && plan && name !== "send-notifications" ? plan.id : undefined,
      dryRun: isFutureDay(asOf) || (dryRun ?? v.dryRun),
    };
  };
  const run = useMutation(
    trpc.jobs.runNow.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.jobs.pathFilter()),
      onError: (error) =>
        form.setFields(
          fieldErrors(error, locale, FIELDS).map((f) => ({
            ...f,
            name: f.name === "planId" ? "thisPlan" : f.name,
          })),
        ),
    }),
  );
  const submit = (input: RunNowInput) => {
    setLast(input);
    run.mutate(ZRunJobNowInput.parse(input));
  };
  const result = run.data ?? null;
  // the run's own answer; a queued send has none yet
  const ran = result && !result.queued ? result : null;
  const asOfValue = Form.useWatch("asOf", form);
  const future = isFutureDay(asOfValue ? asOfValue.format("YYYY-MM-DD") : undefined);
  const planScoped = name !== "send-notifications";
  const rule = (field: string) => zodRule(ZRunJobNowInput, field, () => toInput());
  const needsPeriod = name === "quarterly-summary" || name === "quarterly-cycle";
  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      title={t("jobs.runTitle", { name: labels.jobName(name) })}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ asOf: null, period: null, thisPlan: false, dryRun: true }}
        onFinish={() => submit(toInput())}
      >
        <div className="form-grid">
          <Form.Item
            name="asOf"
            label={t("jobs.asOf")}
            rules={[rule("asOf")]}
            extra={t("jobs.asOfHint")}
          >
            <DatePicker
              style={{ width: "100%" }}
              onChange={(d: Dayjs | null) => {
                if (isFutureDay(d ? d.format("YYYY-MM-DD") : undefined))
                  form.setFieldValue("dryRun", true);
              }}
            />
          </Form.Item>
          {needsPeriod ? (
            <Form.Item name="period" label={t("ledger.period")} rules={[rule("period")]}>
              <Select
                allowClear
                options={
                  plan
                    ? planQuarters(plan.periodStart, plan.periodEnd).map((p) => ({
                        value: p,
                        label: labels.period(p),
                      }))
                    : []
                }
              />
            </Form.Item>
          ) : null}
        </div>
        {future ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t("jobs.futureDryOnly")}
          />
        ) : null}
        {plan && access === "office" && planScoped ? (
          <Form.Item name="thisPlan" valuePropName="checked">
            <Checkbox>{t("jobs.thisPlan", { plan: plan.title })}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item
          name="dryRun"
          valuePropName="checked"
          label={t("jobs.dryRun")}
          extra={t("jobs.dryRunHint")}
        >
          <Switch aria-label={t("jobs.dryRun")} disabled={future} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() => (
            <Button type="primary" htmlType="submit" loading={run.isPending}>
              {form.getFieldValue("dryRun") ? t("jobs.dryRunNow") : t("jobs.runNow")}
            </Button>
          )}
        </Form.Item>
      </Form>
      <div aria-live="polite">
        {run.error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 16 }}
            title={errorMessage(run.error, locale)}
          />
        ) : null}
        {result && last ? (
          <>
            <Divider titlePlacement="start">
              {last.dryRun ? t("jobs.dryRunResult") : t("jobs.runResult")}
            </Divider>
            {result.queued ? (
              <Alert
                type="success"
                showIcon
                title={t("jobs.queued")}
                style={{ marginBottom: 12 }}
              />
            ) : null}
            {summaryPairs(ran?.summary).length ? (
              <Descriptions
                size="small"
                bordered
                column={2}
                style={{ marginBottom: 12 }}
                items={summaryPairs(ran?.summary).map(([k, v]) => ({
                  key: k,
                  label: k,
                  children: v,
                }))}
              />
            ) : null}
            {last.dryRun ? (
              <>
                <Typography.Paragraph>
                  {t("jobs.wouldEmail", { n: ran?.recipients?.length ?? 0 })}
                </Typography.Paragraph>
                <DryRunRecipients recipients={ran?.recipients ?? []} />
                {ran?.channels?.length ? (
                  <>
                    <Typography.Paragraph style={{ marginTop: 12 }}>
                      {t("jobs.wouldPost", { n: ran.channels.length })}
                    </Typography.Paragraph>
                    <DryRunChannels lines={ran.channels} />
                  </>
                ) : null}
                {isFutureDay(last.asOf) ? (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                    {t("jobs.futureDryOnly")}
                  </Typography.Paragraph>
                ) : (
                  <Space style={{ marginTop: 12 }}>
                    <Popconfirm
                      title={t("jobs.confirmReal")}
                      onConfirm={() => submit({ ...last, dryRun: false })}
                    >
                      <Button danger loading={run.isPending}>
                        {t("jobs.runForReal")}
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              </>
            ) : (
              <Alert type="success" showIcon title={t("jobs.ran")} />
            )}
          </>
        ) : null}
      </div>
    </Drawer>
  );
}
