import { Card, Flex, Segmented, Typography } from "antd";
import type { ReactNode } from "react";

import { useI18n } from "../../lib/i18n.tsx";

/** The frame of the signed-out pages: product name, language switch, one form. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <main className="auth-page">
      <Card className="auth-card">
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text strong style={{ color: "#b8202e", fontSize: 16 }}>
            {t("app.fullName")}
          </Typography.Text>
          <Segmented
            aria-label={t("app.language")}
            size="small"
            value={locale}
            onChange={(v) => setLocale(v as typeof locale)}
            options={[
              { value: "zh-CN", label: "中文" },
              { value: "en", label: "EN" },
            ]}
          />
        </Flex>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 8 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </main>
  );
}
