import { skipToken, useQuery } from "@tanstack/react-query";
import { Alert, Descriptions, Divider, Drawer, Tag } from "antd";
import { useState } from "react";

import { QueryState } from "../../components/QueryState.tsx";
import { UnsavedScope, useUnsavedGuard } from "../../components/UnsavedGuard.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDerivedProgress } from "../cascade/use-derived.ts";
import { InstructionPanel } from "../tasks/loop/InstructionPanel.tsx";
import { EntryForm } from "./EntryForm.tsx";
import { EntryHistory } from "./EntryHistory.tsx";
import { EntryTexts } from "./EntryTexts.tsx";
import { EvidenceList } from "./EvidenceList.tsx";
import type { Entry, OpenCell } from "./types.ts";

/** One cell of the ledger: the unit's report for that quarter, to fill, amend or read. */
export function EntryDrawer({ open, onClose }: { open: OpenCell; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  // after a first submission the drawer follows the new entry (to attach evidence)
  const [entryId, setEntryId] = useState<string | null>(open.cell.entryId);
  const entry = useQuery(trpc.ledger.entry.queryOptions(entryId ? { entryId } : skipToken));
  const { row, cell, canReport } = open;
  // a task broken down further reports its derived progress, not a typed one (issue #19)
  const tree = useDerivedProgress(row.taskId);
  const derived = tree.derived && row.role === "lead" ? { progress: tree.progress } : null;
  const guard = useUnsavedGuard(onClose);
  return (
    <Drawer
      open
      onClose={guard.close}
      size={640}
      title={t("ledger.entryTitle", { period: labels.period(cell.period), task: row.title })}
      destroyOnHidden
    >
      <UnsavedScope report={guard.report}>
        {!entryId ? (
          canReport && cell.cycleId ? (
            <EntryForm
              target={{
                kind: "submit",
                taskId: row.taskId,
                cycleId: cell.cycleId,
                departmentId: row.departmentId,
              }}
              taskStatus={row.status}
              role={row.role}
              derived={derived}
              onDone={setEntryId}
            />
          ) : (
            <Alert type="info" title={t("ledger.noCycleOpen")} />
          )
        ) : (
          <QueryState query={entry}>
            {(e) => (
              <EntryView
                entry={e}
                canReport={canReport}
                taskStatus={row.status}
                role={row.role}
                derived={derived}
              />
            )}
          </QueryState>
        )}
      </UnsavedScope>
      <Divider titlePlacement="start">{t("ledger.history")}</Divider>
      <EntryHistory taskId={row.taskId} departmentId={row.departmentId} />
    </Drawer>
  );
}

function EntryView({
  entry,
  canReport,
  taskStatus,
  role,
  derived,
}: {
  role: "lead" | "support";
  derived: { progress: number } | null;
  entry: Entry;
  canReport: boolean;
  taskStatus: OpenCell["row"]["status"];
}) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const editable =
    canReport &&
    entry.isCurrent &&
    entry.reviewState !== "APPROVED" &&
    entry.cycle.state === "OPEN";
  return (
    <>
      {entry.reviewState === "RETURNED" && entry.reviewComment ? (
        <Alert
          type="warning"
          showIcon
          title={t("ledger.returnedBecause", { comment: entry.reviewComment })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          {
            key: "state",
            label: t("task.status"),
            children: (
              <>
                <Tag>{labels.review(entry.reviewState)}</Tag>
                {entry.late ? <Tag color="red">{t("ledger.late")}</Tag> : null}
              </>
            ),
          },
          {
            key: "rev",
            label: t("ledger.revision", { n: entry.revision }),
            children: formatDateTime(entry.submittedAt, locale),
          },
          { key: "dept", label: t("ledger.department"), children: entry.department.name },
          {
            key: "pct",
            label: t("ledger.percent"),
            children: `${entry.percentComplete}% · ${labels.taskStatus(entry.status)}`,
          },
        ]}
      />
      {editable ? (
        <>
          <Divider titlePlacement="start">{t("ledger.amend")}</Divider>
          <EntryForm
            key={entry.id}
            target={{ kind: "amend", entryId: entry.id, version: entry.version }}
            taskStatus={taskStatus}
            role={role}
            derived={derived}
            initial={{
              progressText: entry.progressText,
              percentComplete: entry.percentComplete,
              status: entry.status,
              problems: entry.problems,
              nextSteps: entry.nextSteps,
            }}
            onDone={() => undefined}
          />
        </>
      ) : (
        <EntryTexts entry={entry} />
      )}
      <Divider titlePlacement="start">{t("ledger.evidence")}</Divider>
      <EvidenceList files={entry.evidence} uploadTo={editable ? entry.id : undefined} />
      <Divider titlePlacement="start">{t("instruction.title")}</Divider>
      <InstructionPanel on={{ kind: "LEDGER_ENTRY", taskId: entry.taskId, entryId: entry.id }} />
    </>
  );
}
