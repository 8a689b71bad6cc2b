import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Form, Input, Result } from "antd";
import { Link } from "react-router";

import { ZRequestPasswordResetInput } from "@duban/domain/schemas";

import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { AuthCard } from "./AuthCard.tsx";

export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ email: string }>();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  return (
    <AuthCard title={t("auth.forgotTitle")}>
      {request.isSuccess ? (
        // the same answer whether or not the address has an account: nothing to enumerate
        <Result
          status="success"
          title={t("auth.resetSent")}
          extra={<Link to="/login">{t("auth.backToLogin")}</Link>}
        />
      ) : (
        <>
          {request.error ? (
            <Alert
              type="error"
              showIcon
              title={errorMessage(request.error, locale)}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => request.mutate(ZRequestPasswordResetInput.parse(v))}
          >
            <Form.Item
              name="email"
              label={t("auth.email")}
              extra={t("auth.forgotHelp")}
              rules={[
                zodRule(ZRequestPasswordResetInput, "email", () => form.getFieldsValue(true)),
              ]}
            >
              <Input autoComplete="username" autoFocus inputMode="email" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={request.isPending}>
              {t("auth.sendReset")}
            </Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <Link to="/login">{t("auth.backToLogin")}</Link>
          </div>
        </>
      )}
    </AuthCard>
  );
}
