import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Flex, Layout, Segmented, Select, Tag, Typography } from "antd";
import { useNavigate } from "react-router";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useSession } from "../plan-context.tsx";

export function TopBar() {
  const trpc = useTRPC();
  const { t, locale, setLocale } = useI18n();
  const labels = useLabels();
  const { me, plans, plan, access, setPlanId } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        void navigate("/login", { replace: true });
      },
    }),
  );
  const roles = [...new Set(me.memberships.map((m) => m.role))];
  return (
    <Layout.Header
      style={{
        background: "#fff",
        // one line on a screen; on a phone (375 px) the right-hand group wraps under the plan
        padding: "8px 16px",
        height: "auto",
        minHeight: 56,
        lineHeight: "normal",
        borderBottom: "1px solid #f0f0f0",
      }}
    >
      <Flex justify="space-between" align="center" gap={8} wrap style={{ minHeight: 40 }}>
        <Flex align="center" gap={8} style={{ minWidth: 0, flex: "1 1 200px" }}>
          {plans.length > 0 ? (
            <Select
              aria-label={t("plan.select")}
              style={{ minWidth: 0, maxWidth: 520, flex: 1 }}
              value={plan?.id}
              onChange={setPlanId}
              showSearch={{ optionFilterProp: "label" }}
              options={plans.map((p) => ({
                value: p.id,
                label: `${p.jurisdiction.name} · ${p.title}${p.status === "ACTIVE" ? "" : `（${labels.planStatus(p.status)}）`}`,
              }))}
            />
          ) : null}
          {access === "read" ? <Tag>{t("access.readOnly")}</Tag> : null}
        </Flex>
        <Flex align="center" gap={12} wrap>
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
          <Typography.Text style={{ whiteSpace: "nowrap" }}>
            {me.name}{" "}
            <Typography.Text type="secondary">
              {roles.map((r) => labels.role(r)).join(" / ")}
            </Typography.Text>
          </Typography.Text>
          <Button size="small" onClick={() => logout.mutate()} loading={logout.isPending}>
            {t("auth.logout")}
          </Button>
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
