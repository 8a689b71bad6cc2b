import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Empty, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";

import { ZWriteInstructionInput } from "@duban/domain/schemas";

import { useSession, type PlanSummary } from "../../../app/plan-context.tsx";
import { LimitedTextArea, useFieldCheck } from "../../../components/LimitedInput.tsx";
import { QueryState } from "../../../components/QueryState.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { FollowUpModal } from "./FollowUpModal.tsx";

/** What the instructions are on: a task (with those on its reports), one report, an indicator. */
export type InstructionOn =
  | { kind: "TASK"; taskId: string }
  | { kind: "LEDGER_ENTRY"; taskId: string; entryId: string }
  | { kind: "INDICATOR"; indicatorId: string };
export type InstructionItem = RouterOutputs["instruction"]["list"][number];

/** the text field's limit: every target of ZWriteInstructionInput takes the same `text` */
const TEXT_SCHEMA = ZWriteInstructionInput.options[0];

/**
 * 领导批示 on a task, a ledger entry or an indicator (issue #17 step 5): the instructions for
 * everyone who may see them (author, date, text, follow-up), a box for the jurisdiction's leaders
 * to write one, and for the office 转为督办事项 on each instruction not yet followed up.
 */
export function InstructionPanel({
  on,
  plan: given,
}: {
  on: InstructionOn;
  plan?: PlanSummary | null;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const session = useSession();
  const plan = given ?? session.plan;
  const jurisdictionId = plan?.jurisdiction.id;
  const roles = session.me.memberships
    .filter((m) => m.jurisdiction.id === jurisdictionId)
    .map((m) => m.role);
  const leader = roles.includes("LEADER");
  const office = roles.includes("OFFICE");
  const writable = plan?.status !== "ARCHIVED";
  const list = useQuery(
    trpc.instruction.list.queryOptions(
      on.kind === "INDICATOR" ? { indicatorId: on.indicatorId } : { taskId: on.taskId },
    ),
  );
  const [followUp, setFollowUp] = useState<InstructionItem | null>(null);
  return (
    <div>
      <QueryState query={list} rows={2}>
        {(items) => {
          const shown =
            on.kind === "LEDGER_ENTRY"
              ? items.filter((i) => i.ledgerEntry?.id === on.entryId)
              : items;
          return shown.length ? (
            <div role="list" aria-label={t("instruction.title")}>
              {shown.map((i) => (
                <InstructionRow
                  key={i.id}
                  item={i}
                  onFollowUp={office && writable && !i.followedUp ? () => setFollowUp(i) : null}
                />
              ))}
            </div>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("instruction.none")} />
          );
        }}
      </QueryState>
      {leader && writable ? <WriteBox on={on} /> : null}
      {followUp && plan ? (
        <FollowUpModal instruction={followUp} plan={plan} onClose={() => setFollowUp(null)} />
      ) : null}
    </div>
  );
}

function InstructionRow({
  item,
  onFollowUp,
}: {
  item: InstructionItem;
  onFollowUp: (() => void) | null;
}) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  return (
    <div role="listitem" style={{ padding: "8px 0", borderBottom: "1px solid #f0f0f0" }}>
      <div style={{ minWidth: 0 }}>
        <Space size={4} wrap>
          <Tag color="volcano">{t("instruction.tag")}</Tag>
          <Typography.Text strong>{item.author.name}</Typography.Text>
          <Typography.Text type="secondary">
            {formatDateTime(item.createdAt, locale)}
          </Typography.Text>
          {item.ledgerEntry ? (
            <Tag>
              {t("instruction.onEntry", {
                period: labels.period(item.ledgerEntry.period),
                unit: item.ledgerEntry.department.name,
              })}
            </Tag>
          ) : null}
        </Space>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0 0" }}>
          {item.text}
        </Typography.Paragraph>
        {item.followUp ? (
          <Typography.Text type="secondary">
            {t("instruction.followedUpAs")}{" "}
            <Link to={`/tasks?task=${item.followUp.id}`}>{item.followUp.title}</Link>
            {" · "}
            {t("task.due")} {item.followUp.dueDate}
          </Typography.Text>
        ) : item.followedUp ? (
          <Typography.Text type="secondary">{t("instruction.followedUp")}</Typography.Text>
        ) : null}
      </div>
      {onFollowUp ? (
        <Button size="small" style={{ marginTop: 4 }} onClick={onFollowUp}>
          {t("instruction.followUp")}
        </Button>
      ) : null}
    </div>
  );
}

/** The leader's box: the text, sent to the office and the unit concerned. */
function WriteBox({ on }: { on: InstructionOn }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [text, setText] = useState("");
  const check = useFieldCheck(TEXT_SCHEMA, "text");
  const write = useAction(trpc.instruction.write.mutationOptions(), {
    invalidate: [trpc.instruction.pathFilter()],
    success: t("instruction.written"),
    onSuccess: () => setText(""),
  });
  const submit = () => {
    if (check.check(text)) return;
    const target =
      on.kind === "TASK"
        ? { target: "TASK" as const, taskId: on.taskId }
        : on.kind === "LEDGER_ENTRY"
          ? { target: "LEDGER_ENTRY" as const, ledgerEntryId: on.entryId }
          : { target: "INDICATOR" as const, indicatorId: on.indicatorId };
    write.run({ ...target, text });
  };
  return (
    <div style={{ marginTop: 12 }}>
      <LimitedTextArea
        schema={TEXT_SCHEMA}
        field="text"
        aria-label={t("instruction.placeholder")}
        placeholder={t("instruction.placeholder")}
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={text}
        status={check.problem ? "error" : undefined}
        onChange={(e) => {
          check.clear();
          setText(e.target.value);
        }}
      />
      {check.message}
      <Button
        type="primary"
        style={{ marginTop: 8 }}
        loading={write.pending}
        disabled={!text.trim()}
        onClick={submit}
      >
        {t("instruction.write")}
      </Button>
      {write.error ? (
        <Alert type="error" showIcon title={write.error} style={{ marginTop: 8 }} />
      ) : null}
    </div>
  );
}
