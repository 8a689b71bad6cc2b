import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";

import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";

type Prefs = RouterOutputs["channels"]["myPreferences"];
type Pref = Prefs["kinds"][number];
const MODES = ["IMMEDIATE", "DIGEST", "MUTED"] as const;
const CHANNELS = ["email", "inbox", "sms"] as const;

/**
 * 我的通知设置 (issue #20): per kind of notification, which channels (邮件, 站内消息, 短信) and
 * whether at once, in the daily digest or not at all; a change is saved at once. SMS needs the
 * user's mobile (set above the table); kinds the office forces on (escalations) are tagged.
 */
export function MySettings() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const prefs = useQuery(trpc.channels.myPreferences.queryOptions());
  return (
    <>
      <Typography.Paragraph type="secondary">{t("channels.help")}</Typography.Paragraph>
      <QueryState query={prefs}>{(data) => <PrefsTable data={data} />}</QueryState>
    </>
  );
}

function PrefsTable({ data }: { data: Prefs }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const save = useAction(trpc.channels.setMyPreference.mutationOptions(), {
    invalidate: [trpc.channels.myPreferences.queryFilter()],
    success: t("common.saved"),
  });
  const shown = (r: Pref): Pref =>
    save.pending && save.variables?.kind === r.kind ? { ...r, ...save.variables } : r;
  const change = (r: Pref, patch: Partial<Pick<Pref, "mode" | (typeof CHANNELS)[number]>>) => {
    const { kind, mode, email, inbox, sms } = { ...shown(r), ...patch };
    save.run({ kind, mode, email, inbox, sms });
  };
  const forced = data.forcedIn.map((j) => j.name).join("、");
  return (
    <>
      <MyMobile mobile={data.mobile} smsGateway={data.smsGateway} />
      {forced ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("channels.forcedIn", { jurisdictions: forced })}
        />
      ) : null}
      {save.error ? (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={save.error} />
      ) : null}
      <Table<Pref>
        size="small"
        rowKey="kind"
        dataSource={data.kinds}
        pagination={false}
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("notifications.kind"),
            render: (_v, r) => (
              <span>
                {labels.notificationKind(r.kind)}
                {r.forceable && forced ? (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {t("channels.forced")}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          {
            title: t("notifications.mode"),
            render: (_v, r) => (
              <Radio.Group
                aria-label={`${labels.notificationKind(r.kind)} ${t("notifications.mode")}`}
                optionType="button"
                size="small"
                value={shown(r).mode}
                onChange={(e) => change(r, { mode: e.target.value as (typeof MODES)[number] })}
                options={MODES.map((m) => ({ value: m, label: labels.deliveryMode(m) }))}
              />
            ),
          },
          ...CHANNELS.map((c) => ({
            title: t(`channels.${c}`),
            key: c,
            align: "center" as const,
            render: (_v: unknown, r: Pref) => (
              <Checkbox
                aria-label={`${labels.notificationKind(r.kind)} ${t(`channels.${c}`)}`}
                checked={shown(r)[c]}
                disabled={shown(r).mode === "MUTED" || (c === "sms" && !data.mobile)}
                onChange={(e) => change(r, { [c]: e.target.checked })}
              />
            ),
          })),
        ]}
      />
    </>
  );
}

/** The digits of a number as typed (full-width digits from a Chinese input method included). */
const digitsOf = (typed: string) => typed.normalize("NFKC").replace(/\D/g, "");

/**
 * The user's own mobile for SMS (mainland numbers; the server normalises and checks it). A new
 * number needs the 6-digit code the server sends to it by SMS (获取验证码, again after 60 s);
 * emptying the field and saving removes the number without a code. Without an SMS gateway no code
 * can arrive: the page says the office sets numbers, and only removing one's number is offered.
 */
function MyMobile({ mobile, smsGateway }: { mobile: string | null; smsGateway: boolean }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<{ mobile: string; code: string }>();
  const typed = Form.useWatch("mobile", form) ?? mobile ?? "";
  // the number (digits) a code went to, and when another may be asked (this browser's clock)
  const [sent, setSent] = useState<{
    digits: string;
    masked: string;
    minutes: number;
    resendAt: number;
  } | null>(null);
  const now = useNow(sent && sent.resendAt > Date.now() ? 1000 : null);
  const wait = sent ? Math.max(0, Math.ceil((sent.resendAt - now) / 1000)) : 0;
  const send = useAction(trpc.channels.requestMobileCode.mutationOptions(), {
    fields: { form, names: ["mobile"] },
    onSuccess: (data, input) =>
      setSent({
        digits: digitsOf(input.mobile),
        masked: data.mobile,
        minutes: data.validMinutes,
        resendAt: Date.now() + data.resendInSeconds * 1000,
      }),
  });
  const save = useAction(trpc.channels.setMyMobile.mutationOptions(), {
    invalidate: [trpc.channels.myPreferences.queryFilter()],
    success: t("common.saved"),
    fields: { form, names: ["mobile", "code"] },
    onSuccess: () => {
      setSent(null);
      form.setFieldValue("code", "");
    },
  });
  const clearing = !typed.trim();
  // the same number as now, written however: nothing to verify
  const unchanged = !!mobile && digitsOf(typed).endsWith(mobile);
  // a code sent to another number than the one now typed says nothing about this one
  const sentHere = sent && digitsOf(typed) === sent.digits ? sent : null;
  if (!smsGateway)
    return (
      <div style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t("channels.mobileNow", { mobile: mobile ?? t("admin.mobileNone") })}
        </Typography.Text>{" "}
        {mobile ? (
          <Popconfirm
            title={t("channels.removeMobile")}
            onConfirm={() => save.run({ mobile: null })}
          >
            <Button size="small" loading={save.pending}>
              {t("channels.removeMobile")}
            </Button>
          </Popconfirm>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          {t("channels.noSmsGateway")}
        </Typography.Paragraph>
        {save.error ? <Alert type="error" showIcon role="alert" title={save.error} /> : null}
      </div>
    );
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ mobile: mobile ?? "", code: "" }}
      onFinish={(v) =>
        save.run(
          v.mobile.trim()
            ? { mobile: v.mobile, code: (v.code ?? "").trim() || undefined }
            : { mobile: null },
        )
      }
      style={{ marginBottom: 12, rowGap: 8 }}
    >
      <Form.Item name="mobile" label={t("channels.mobile")} extra={t("channels.mobileHelp")}>
        <Input
          inputMode="tel"
          autoComplete="tel"
          style={{ width: 180, maxWidth: "100%" }}
          placeholder="138 0000 0000"
        />
      </Form.Item>
      {!clearing && !unchanged ? (
        <>
          <Button
            onClick={() => send.run({ mobile: typed })}
            loading={send.pending}
            disabled={wait > 0}
          >
            {wait > 0 ? t("channels.resendIn", { seconds: wait }) : t("channels.sendCode")}
          </Button>
          <Form.Item
            name="code"
            label={t("channels.code")}
            extra={
              sentHere
                ? t("channels.codeSent", { mobile: sentHere.masked, minutes: sentHere.minutes })
                : t("channels.codeHelp")
            }
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              style={{ width: 110 }}
              placeholder="123456"
            />
          </Form.Item>
        </>
      ) : null}
      <Space>
        <Button htmlType="submit" loading={save.pending} disabled={unchanged}>
          {t("common.save")}
        </Button>
      </Space>
      {send.error ? <Alert type="error" showIcon role="alert" title={send.error} /> : null}
      {save.error ? <Alert type="error" showIcon role="alert" title={save.error} /> : null}
    </Form>
  );
}

/** Date.now(), refreshed every `everyMs` while that is not null (a countdown). */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
