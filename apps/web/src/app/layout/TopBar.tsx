import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Flex, Grid, Layout, Segmented, Select, Tag, Typography } from "antd";
import { useNavigate } from "react-router";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { InboxBell } from "../../pages/inbox/InboxBell.tsx";
import { useSession } from "../plan-context.tsx";
import { MenuIcon } from "./NavIcons.tsx";

/** The header: the plan picker, the bell, the language and logout; on a phone, the menu button first. */
export function TopBar({ onMenu }: { onMenu?: () => void }) {
  const trpc = useTRPC();
  const { t, locale, setLocale } = useI18n();
  const labels = useLabels();
  const { me, plans, plan, access, setPlanId } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: (result) => {
        queryClient.clear();
        // signed in through the unified identity provider: sign out there too (RP-initiated logout)
        if (result?.redirectTo) window.location.assign(result.redirectTo);
        else void navigate("/login", { replace: true });
      },
    }),
  );
  const roles = [...new Set(me.memberships.map((m) => m.role))];
  // a phone (375 px): the plan picker may shrink, the name gives way to the bell and logout
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Layout.Header
      style={{
        background: "#fff",
        padding: wide ? "0 20px" : "0 8px",
        height: 56,
        lineHeight: "56px",
        borderBottom: "1px solid #f0f0f0",
      }}
    >
      <Flex justify="space-between" align="center" gap={12} style={{ height: "100%" }}>
        <Flex
          align="center"
          gap={8}
          style={{ minWidth: 0, flex: 1, overflow: wide ? undefined : "hidden" }}
        >
          {onMenu ? (
            <Button
              type="text"
              className="touch-target"
              icon={<MenuIcon />}
              aria-label={t("phone.openMenu")}
              onClick={onMenu}
              style={{ flex: "none" }}
            />
          ) : null}
          {plans.length > 0 ? (
            <Select
              aria-label={t("plan.select")}
              style={{ minWidth: wide ? 280 : 0, width: "100%", maxWidth: 520, flex: 1 }}
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
        <Flex align="center" gap={wide ? 12 : 4}>
          <InboxBell />
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
          {wide ? (
            <Typography.Text style={{ whiteSpace: "nowrap" }}>
              {me.name}{" "}
              <Typography.Text type="secondary">
                {roles.map((r) => labels.role(r)).join(" / ")}
              </Typography.Text>
            </Typography.Text>
          ) : null}
          <Button
            size={wide ? "small" : undefined}
            onClick={() => logout.mutate()}
            loading={logout.isPending}
          >
            {t("auth.logout")}
          </Button>
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
