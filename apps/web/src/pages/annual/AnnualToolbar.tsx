import { Button, Flex } from "antd";
import { useState } from "react";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { RegisterItemModal } from "../tasks/RegisterItemModal.tsx";
import { CarryOverModal } from "./CarryOverModal.tsx";
import { IssueModal } from "./IssueModal.tsx";
import { PullTasksModal } from "./PullTasksModal.tsx";
import type { AnnualDetail } from "./types.ts";

type Open = { kind: "pull"; preselect?: string } | { kind: "carry" | "register" | "issue" } | null;

/** The office's actions on a year's plan: pull tasks, 结转, 立项 and add, import, 印发. */
export function AnnualToolbar({
  plan,
  annual,
  onImport,
}: {
  plan: PlanSummary;
  annual: AnnualDetail;
  onImport: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setOpen({ kind: "pull" })}>
          {t("annual.pull")}
        </Button>
        <Button onClick={() => setOpen({ kind: "carry" })}>{t("annual.carryOver")}</Button>
        {plan.status === "ACTIVE" ? (
          <Button onClick={() => setOpen({ kind: "register" })}>{t("annual.register")}</Button>
        ) : null}
        <Button onClick={onImport}>{t("annual.import")}</Button>
        {annual.status === "DRAFT" ? (
          <Button
            type="primary"
            ghost
            disabled={annual.items.length === 0}
            onClick={() => setOpen({ kind: "issue" })}
          >
            {t("annual.issue")}
          </Button>
        ) : null}
      </Flex>
      {open?.kind === "pull" ? (
        <PullTasksModal annual={annual} preselect={open.preselect} onClose={close} />
      ) : null}
      {open?.kind === "carry" ? <CarryOverModal annual={annual} onClose={close} /> : null}
      {open?.kind === "issue" ? <IssueModal annual={annual} onClose={close} /> : null}
      {open?.kind === "register" ? (
        <RegisterItemModal
          plan={plan}
          onClose={close}
          // the new item is a task of the plan: it goes on into the pull dialog, ticked
          onRegistered={(taskId) => setOpen({ kind: "pull", preselect: taskId })}
        />
      ) : null}
    </>
  );
}
