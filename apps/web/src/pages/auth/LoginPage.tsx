import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Form, Input } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router";

import { ZLoginInput } from "@duban/domain/schemas";

import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { AuthCard } from "./AuthCard.tsx";

type Values = { email: string; password: string };

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
  const rule = (field: keyof Values) =>
    zodRule(ZLoginInput, field, () => form.getFieldsValue(true));
  return (
    <AuthCard title={t("auth.login")}>
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
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t("auth.login")}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: "right" }}>
        <Link to="/forgot-password">{t("auth.forgot")}</Link>
      </div>
    </AuthCard>
  );
}
