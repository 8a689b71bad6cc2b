import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Divider, Form, Input } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router";

import { ZLoginInput } from "@duban/domain/schemas";

import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { AuthCard } from "./AuthCard.tsx";

type Values = { email: string; password: string };

/** the refusals the api's OIDC callback reports as `?oidcError=` (apps/api/src/oidc-routes.ts) */
const OIDC_ERRORS = [
  "state",
  "exchange",
  "provider",
  "unknown",
  "disabled",
  "unavailable",
] as const;
type OidcError = (typeof OIDC_ERRORS)[number];
const oidcErrorOf = (value: string | null): OidcError | null =>
  OIDC_ERRORS.find((e) => e === value) ?? null;

/** Only paths inside the app: `next` must not send the user to another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/overview";
}

export function LoginPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await navigate(safeNext(params.get("next")), { replace: true });
      },
    }),
  );
  // the unified identity button (统一身份认证, issue #20) shows only where the deployment has one
  const providers = useQuery(trpc.auth.providers.queryOptions());
  const oidc = providers.data?.oidc ?? null;
  const oidcError = oidcErrorOf(params.get("oidcError"));
  // the provider by the deployment's own name (DUBAN_OIDC_NAME, e.g. 贵州省统一身份认证平台)
  const oidcName = oidc ? (locale === "en" ? oidc.nameEn : oidc.name) : t("auth.oidcDefaultName");
  const oidcStart = `/api/auth/oidc/start?returnTo=${encodeURIComponent(safeNext(params.get("next")))}`;
  const rule = (field: keyof Values) =>
    zodRule(ZLoginInput, field, () => form.getFieldsValue(true));
  return (
    <AuthCard title={t("auth.login")}>
      {oidcError && !login.error ? (
        <Alert
          type="error"
          showIcon
          title={t(`auth.oidcError.${oidcError}`, { name: oidcName })}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      {oidc ? (
        <>
          <Button type="primary" block href={oidcStart}>
            {t("auth.oidcLogin", { name: oidcName })}
          </Button>
          <Divider plain>{t("auth.or")}</Divider>
        </>
      ) : null}
      {login.error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(login.error, locale)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => login.mutate(ZLoginInput.parse(v))}
      >
        <Form.Item
          name="email"
          label={t("auth.email")}
          rules={[rule("email")]}
          validateTrigger="onBlur"
        >
          <Input autoComplete="username" autoFocus inputMode="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("auth.password")}
          rules={[rule("password")]}
          validateTrigger="onBlur"
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button
          type={oidc ? "default" : "primary"}
          htmlType="submit"
          block
          loading={login.isPending}
        >
          {t("auth.login")}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: "right" }}>
        <Link to="/forgot-password">{t("auth.forgot")}</Link>
      </div>
    </AuthCard>
  );
}
