import { skipToken, useQuery } from "@tanstack/react-query";
import { Badge, Tabs } from "antd";
import { useState } from "react";

import type { PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { YearSelect } from "../../components/year/YearSelect.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { CyclesPanel, EntryDrawer, LedgerExcel, ReviewQueue } from "./lazy-parts.tsx";
import { LedgerGrid } from "./LedgerGrid.tsx";
import type { OpenCell } from "./types.ts";

export function LedgerPage() {
  return <NeedPlan>{(plan, access) => <Ledger plan={plan} access={access} />}</NeedPlan>;
}

function Ledger({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [open, setOpen] = useState<OpenCell | null>(null);
  const office = access === "office";
  const queue = useQuery(
    trpc.ledger.reviewQueue.queryOptions(office ? { planId: plan.id } : skipToken),
  );
  const items = [
    {
      key: "grid",
      label: t("ledger.grid"),
      children: <LedgerGrid plan={plan} access={access} onOpen={setOpen} />,
    },
    ...(office
      ? [
          {
            key: "review",
            label: (
              <Badge count={queue.data?.length ?? 0} size="small" offset={[10, -2]}>
                {t("ledger.review", { n: queue.data?.length ?? 0 })}
              </Badge>
            ),
            children: <ReviewQueue planId={plan.id} />,
          },
        ]
      : []),
    {
      key: "excel",
      label: t("ledger.excel"),
      children: <LedgerExcel plan={plan} access={access} />,
    },
    {
      key: "cycles",
      label: t("ledger.cycles"),
      children: <CyclesPanel plan={plan} office={office} />,
    },
  ];
  return (
    <>
      <PageHeader title={t("menu.ledger")} extra={<YearSelect plan={plan} />} />
      <Tabs items={items} destroyOnHidden={false} />
      {open ? <EntryDrawer open={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
