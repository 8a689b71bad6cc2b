import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Form, InputNumber, Space, Switch, Typography } from "antd";
import { useEffect } from "react";

import { fieldLabels, type Field } from "@duban/domain/i18n";
import { ZSupervisionSettingsInput } from "@duban/domain/schemas";

import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { TaskLight } from "../../components/task/TaskLight.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { useOfficeJurisdiction } from "./useOfficeJurisdiction.tsx";

type Settings = RouterOutputs["supervisionSettings"]["get"];
type Values = {
  yellowLagPoints: number;
  redLagPoints: number;
  dueSoonDays: number;
  acknowledgeWorkingDays: number;
  escalationDays: number;
  leaderApprovalRequired: boolean;
  allowLateRequests: boolean;
};
const FIELDS = [
  "yellowLagPoints",
  "redLagPoints",
  "dueSoonDays",
  "acknowledgeWorkingDays",
  "escalationDays",
  "leaderApprovalRequired",
  "allowLateRequests",
] as const;

/** The numeric fields by section: name, help text, unit. */
const NUMBERS: Array<{
  section: "lights" | "loop";
  name: Extract<Field, keyof Values>;
  help: MessageKey;
  unit: MessageKey;
}> = [
  {
    section: "lights",
    name: "yellowLagPoints",
    help: "supervision.yellowHelp",
    unit: "supervision.unitPoints",
  },
  {
    section: "lights",
    name: "redLagPoints",
    help: "supervision.redHelp",
    unit: "supervision.unitPoints",
  },
  {
    section: "lights",
    name: "dueSoonDays",
    help: "supervision.dueSoonHelp",
    unit: "supervision.unitDays",
  },
  {
    section: "loop",
    name: "acknowledgeWorkingDays",
    help: "supervision.acknowledgeHelp",
    unit: "supervision.unitWorkingDays",
  },
  {
    section: "loop",
    name: "escalationDays",
    help: "supervision.escalationHelp",
    unit: "supervision.unitDays",
  },
];

/**
 * 督办设置 (office): the jurisdiction's traffic-light bands (黄/红 points behind 序时进度, 临期 days),
 * 签收 working days, red-notice escalation days, the leader's second approval and late requests.
 * Every field is checked by ZSupervisionSettingsInput as the server checks it. Issue #17 step 8.
 */
export function SupervisionSettingsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { jurisdictionId, chooser, forbidden } = useOfficeJurisdiction();
  const settings = useQuery({
    ...trpc.supervisionSettings.get.queryOptions({ jurisdictionId: jurisdictionId ?? "" }),
    enabled: !!jurisdictionId,
  });
  if (forbidden) return forbidden;
  return (
    <>
      <PageHeader title={t("supervision.title")} extra={chooser} />
      <QueryState query={settings}>
        {(s) => <SettingsForm key={s.jurisdictionId} settings={s} />}
      </QueryState>
    </>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Values | undefined;
  const save = useAction(trpc.supervisionSettings.update.mutationOptions(), {
    // the lights of every list and count change with the bands
    invalidate: [
      trpc.supervisionSettings.pathFilter(),
      trpc.task.pathFilter(),
      trpc.overview.pathFilter(),
    ],
    success: t("common.saved"),
    fields: { form, names: FIELDS },
  });
  useEffect(() => form.setFieldsValue(pick(settings)), [form, settings]);
  const toInput = () => ({
    jurisdictionId: settings.jurisdictionId,
    ...(form.getFieldsValue(true) as Values),
  });
  const label = (f: Field) => (locale === "en" ? fieldLabels[f].en : fieldLabels[f].zh);
  const number = (n: (typeof NUMBERS)[number]) => (
    <Form.Item
      key={n.name}
      name={n.name}
      label={label(n.name)}
      extra={t(n.help)}
      rules={[zodRule(ZSupervisionSettingsInput, n.name, toInput)]}
      // red is checked against yellow: re-check it when yellow changes
      dependencies={n.name === "redLagPoints" ? ["yellowLagPoints"] : undefined}
      required
    >
      <InputNumber style={{ width: 160 }} suffix={t(n.unit)} disabled={!settings.canEdit} />
    </Form.Item>
  );
  const bands =
    values && values.yellowLagPoints < values.redLagPoints
      ? {
          yellowLagPoints: values.yellowLagPoints,
          redLagPoints: values.redLagPoints,
          dueSoonDays: values.dueSoonDays,
        }
      : null;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={pick(settings)}
      disabled={!settings.canEdit}
      onFinish={() => save.run(ZSupervisionSettingsInput.parse(toInput()))}
      style={{ maxWidth: 720 }}
    >
      <Typography.Paragraph>{t("supervision.intro")}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {settings.isDefault
          ? t("supervision.default")
          : settings.updatedAt
            ? t("supervision.updated", {
                name: settings.updatedByName ?? "—",
                at: formatDateTime(settings.updatedAt, locale),
              })
            : null}
      </Typography.Paragraph>
      {!settings.canEdit ? (
        <Alert
          type="info"
          showIcon
          title={t("supervision.readOnly")}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {save.error ? (
        <Alert type="error" showIcon title={save.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Card
        size="small"
        title={<h2 className="card-title">{t("supervision.lights")}</h2>}
        style={{ marginBottom: 16 }}
      >
        {NUMBERS.filter((n) => n.section === "lights").map(number)}
        {bands ? (
          <Space wrap aria-live="polite">
            <TaskLight light="GREEN" dueSoon={false} lagPoints={0} overdue={false} />
            <TaskLight light="YELLOW" dueSoon lagPoints={0} overdue={false} />
            <TaskLight light="RED" dueSoon={false} lagPoints={0} overdue />
            <Typography.Text type="secondary">
              {t("light.bands", {
                yellow: bands.yellowLagPoints,
                red: bands.redLagPoints,
                days: bands.dueSoonDays,
              })}
            </Typography.Text>
          </Space>
        ) : null}
      </Card>
      <Card
        size="small"
        title={<h2 className="card-title">{t("supervision.loop")}</h2>}
        style={{ marginBottom: 16 }}
      >
        {NUMBERS.filter((n) => n.section === "loop").map(number)}
        <Form.Item
          name="leaderApprovalRequired"
          label={t("supervision.leaderApprovalRequired")}
          extra={t("supervision.leaderApprovalHelp")}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item
          name="allowLateRequests"
          label={t("supervision.allowLateRequests")}
          extra={t("supervision.allowLateHelp")}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Card>
      {settings.canEdit ? (
        <Button type="primary" htmlType="submit" loading={save.pending}>
          {t("common.save")}
        </Button>
      ) : null}
    </Form>
  );
}

const pick = (s: Settings): Values => ({
  yellowLagPoints: s.yellowLagPoints,
  redLagPoints: s.redLagPoints,
  dueSoonDays: s.dueSoonDays,
  acknowledgeWorkingDays: s.acknowledgeWorkingDays,
  escalationDays: s.escalationDays,
  leaderApprovalRequired: s.leaderApprovalRequired,
  allowLateRequests: s.allowLateRequests,
});
