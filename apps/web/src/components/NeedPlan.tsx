import { Button, Empty } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";

import type { PlanAccess } from "../app/access.ts";
import { useSession, type PlanSummary } from "../app/plan-context.tsx";
import { useI18n } from "../lib/i18n.tsx";

/** Renders its children with the current plan, or an empty state pointing to the import wizard. */
export function NeedPlan({
  children,
}: {
  children: (plan: PlanSummary, access: PlanAccess) => ReactNode;
}) {
  const { plan, access, me } = useSession();
  const { t } = useI18n();
  if (!plan || !access) {
    const office = me.memberships.some((m) => m.role === "OFFICE");
    return (
      <Empty description={t("plan.none")}>
        {office ? (
          <Link to="/plan/import">
            <Button type="primary">{t("menu.import")}</Button>
          </Link>
        ) : null}
      </Empty>
    );
  }
  return <>{children(plan, access)}</>;
}
