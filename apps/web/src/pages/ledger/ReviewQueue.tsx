import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Divider, Drawer, Form, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";

import { ZReviewLedgerEntryInput } from "@duban/domain/schemas";

import { LimitedTextArea } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { firstIssue } from "../../lib/zod-rules.ts";
import { EntryHistory } from "./EntryHistory.tsx";
import { EntryTexts } from "./EntryTexts.tsx";
import { EvidenceList } from "./EvidenceList.tsx";
import type { QueueEntry } from "./types.ts";

/** The office's queue of submitted reports, oldest first; each is approved or returned with a comment. */
export function ReviewQueue({ planId }: { planId: string }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const queue = useQuery(trpc.ledger.reviewQueue.queryOptions({ planId }));
  const [current, setCurrent] = useState<QueueEntry | null>(null);
  return (
    <>
      <QueryState
        query={queue}
        isEmpty={(q) => q.length === 0}
        empty={<Alert type="success" title={t("ledger.queueEmpty")} />}
      >
        {(q) => (
          <Table<QueueEntry>
            size="small"
            rowKey="id"
            dataSource={q}
            pagination={{
              pageSize: 15,
              showSizeChanger: false,
              showTotal: (n) => t("common.total", { n }),
            }}
            columns={[
              {
                title: t("task.name"),
                render: (_v, r) => (
                  <Button
                    type="link"
                    style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "start" }}
                    onClick={() => setCurrent(r)}
                  >
                    {r.task.title}
                  </Button>
                ),
              },
              { title: t("ledger.department"), width: 160, render: (_v, r) => r.department.name },
              { title: t("ledger.period"), dataIndex: "period", width: 80 },
              {
                title: t("ledger.percent"),
                width: 90,
                align: "right",
                render: (_v, r) => `${r.percentComplete}%`,
              },
              {
                title: t("task.status"),
                width: 84,
                render: (_v, r) => labels.taskStatus(r.status),
              },
              {
                title: t("ledger.submittedAt"),
                width: 150,
                render: (_v, r) => (
                  <>
                    {formatDateTime(r.submittedAt, locale)}
                    {r.late ? (
                      <Tag color="red" style={{ marginInlineStart: 4 }}>
                        {t("ledger.late")}
                      </Tag>
                    ) : null}
                  </>
                ),
              },
              {
                title: t("common.actions"),
                width: 80,
                render: (_v, r) => (
                  <Button size="small" onClick={() => setCurrent(r)}>
                    {t("ledger.view")}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {current ? <ReviewDrawer entry={current} onClose={() => setCurrent(null)} /> : null}
    </>
  );
}

export function ReviewDrawer({ entry, onClose }: { entry: QueueEntry; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<{ comment: string }>();
  const review = useAction(trpc.ledger.review.mutationOptions(), {
    invalidate: "work",
    success: (_r, input) => t(input.decision === "APPROVE" ? "ledger.approved" : "ledger.returned"),
    onSuccess: onClose,
    fields: { form, names: ["comment"] },
  });
  const decide = (decision: "APPROVE" | "RETURN") => {
    const input = {
      entryId: entry.id,
      version: entry.version,
      decision,
      comment: (form.getFieldValue("comment") as string | undefined) ?? "",
    };
    // the same rule as the server: returning needs a comment
    const problem = firstIssue(ZReviewLedgerEntryInput, input, "comment");
    if (problem) return form.setFields([{ name: "comment", errors: [problem] }]);
    review.run(ZReviewLedgerEntryInput.parse(input));
  };
  return (
    <Drawer
      open
      onClose={onClose}
      size={640}
      title={`${labels.period(entry.period)} · ${entry.task.title}`}
    >
      <Typography.Text type="secondary">
        {entry.department.name} · {formatDateTime(entry.submittedAt, locale)} ·{" "}
        {entry.percentComplete}% · {labels.taskStatus(entry.status)}
      </Typography.Text>
      <EntryTexts entry={entry} />
      <Typography.Title level={5}>{t("ledger.evidence")}</Typography.Title>
      <EvidenceList files={entry.evidence} />
      <Divider />
      {review.error ? (
        <Alert
          type="error"
          showIcon
          title={review.error}
          style={{ marginBottom: 12 }}
          role="alert"
        />
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t("ledger.reviewComment")}>
          <LimitedTextArea schema={ZReviewLedgerEntryInput} field="comment" rows={3} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            onClick={() => decide("APPROVE")}
            loading={review.pending && review.variables?.decision === "APPROVE"}
          >
            {t("ledger.approve")}
          </Button>
          <Button
            danger
            onClick={() => decide("RETURN")}
            loading={review.pending && review.variables?.decision === "RETURN"}
          >
            {t("ledger.return")}
          </Button>
        </Space>
      </Form>
      <Divider titlePlacement="start">{t("ledger.history")}</Divider>
      <EntryHistory taskId={entry.task.id} departmentId={entry.department.id} />
    </Drawer>
  );
}
