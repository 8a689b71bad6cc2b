import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Result } from "antd";
import { Link, useSearchParams } from "react-router";

import { ZResetPasswordInput } from "@duban/domain/schemas";

import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { AuthCard } from "./AuthCard.tsx";

type Values = { password: string; confirm: string };

export function ResetPasswordPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [form] = Form.useForm<Values>();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const input = () => ({ token, password: form.getFieldValue("password") as string });
  if (!token) {
    return (
      <AuthCard title={t("auth.resetTitle")}>
        <Result
          status="warning"
          title={t("auth.resetNoToken")}
          extra={<Link to="/forgot-password">{t("auth.forgot")}</Link>}
        />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("auth.resetTitle")}>
      {reset.isSuccess ? (
        <Result
          status="success"
          title={t("auth.resetDone")}
          extra={<Link to="/login">{t("auth.login")}</Link>}
        />
      ) : (
        <>
          {reset.error ? (
            <Alert
              type="error"
              showIcon
              title={errorMessage(reset.error, locale)}
              style={{ marginBottom: 16 }}
              action={<Link to="/forgot-password">{t("auth.requestAgain")}</Link>}
            />
          ) : null}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={() => reset.mutate(ZResetPasswordInput.parse(input()))}
          >
            <Form.Item
              name="password"
              label={t("auth.newPassword")}
              rules={[zodRule(ZResetPasswordInput, "password", input)]}
            >
              <Input.Password autoComplete="new-password" autoFocus />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t("auth.confirmPassword")}
              dependencies={["password"]}
              rules={[
                {
                  validator: async (_r, v) => {
                    if (v !== form.getFieldValue("password")) throw new Error(t("auth.mismatch"));
                  },
                },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={reset.isPending}>
              {t("auth.setPassword")}
            </Button>
          </Form>
        </>
      )}
    </AuthCard>
  );
}
