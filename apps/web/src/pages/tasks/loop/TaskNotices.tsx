import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Space, Tag, Typography } from "antd";
import { useState } from "react";

import { labelOf, noticeLevelLabels } from "@duban/domain/i18n";
import { ZReplyNoticeInput } from "@duban/domain/schemas";

import { EvidenceUpload } from "../../../components/EvidenceUpload.tsx";
import { LimitedTextArea, useFieldCheck } from "../../../components/LimitedInput.tsx";
import { QueryState } from "../../../components/QueryState.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { noticeLevelColor } from "./NoticeForm.tsx";

type Notice = RouterOutputs["notice"]["list"]["items"][number];

/** The task's 督办通知单, newest first: number, level, dates, the .docx, the replies; the urged unit replies here. */
export function TaskNotices({ taskId, planId }: { taskId: string; planId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const notices = useQuery(trpc.notice.list.queryOptions({ planId, taskId, pageSize: 200 }));
  return (
    <QueryState query={notices} rows={3}>
      {(d) =>
        d.items.length === 0 ? (
          <Typography.Text type="secondary">{t("notice.none")}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: "100%" }}>
            {d.items.map((n) => (
              <NoticeCard key={n.id} notice={n} />
            ))}
          </Space>
        )
      }
    </QueryState>
  );
}

export function NoticeCard({ notice }: { notice: Notice }) {
  const { t, locale } = useI18n();
  return (
    <Card
      size="small"
      title={
        <Space wrap size={4}>
          <Tag color={noticeLevelColor[notice.level]}>
            {labelOf(noticeLevelLabels, notice.level, locale)}
          </Tag>
          <span>{notice.title}</span>
        </Space>
      }
      extra={
        <a href={`/api/notices/${notice.id}/document`} download>
          {t("notice.download")}
        </a>
      }
    >
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>
        {notice.requirement}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("notice.issuedAt")} {formatDateTime(notice.issuedAt, locale)} · {notice.departmentName} ·{" "}
        {t("notice.replyDue")} {notice.replyDueDate}
      </Typography.Text>
      {notice.replies.length ? (
        <div style={{ marginTop: 8 }}>
          {notice.replies.map((r) => (
            <div
              key={r.id}
              style={{
                borderInlineStart: "3px solid #d9d9d9",
                paddingInlineStart: 8,
                marginTop: 6,
              }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("notice.reply")} · {formatDateTime(r.repliedAt, locale)}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 2 }}>
                {r.text}
              </Typography.Paragraph>
              <Space wrap>
                {r.evidence.map((f) => (
                  <a key={f.id} href={`/api/evidence/${f.id}`} download>
                    {f.fileName}
                  </a>
                ))}
                {notice.canReply ? <ReplyEvidenceUpload replyId={r.id} /> : null}
              </Space>
            </div>
          ))}
        </div>
      ) : notice.canReply ? null : (
        <Tag style={{ marginTop: 8 }}>{t("notice.unanswered")}</Tag>
      )}
      {notice.canReply ? <ReplyForm noticeId={notice.id} /> : null}
    </Card>
  );
}

function ReplyForm({ noticeId }: { noticeId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [text, setText] = useState("");
  const check = useFieldCheck(ZReplyNoticeInput, "text");
  const reply = useAction(trpc.notice.reply.mutationOptions(), {
    invalidate: [trpc.notice.pathFilter()],
    success: t("notice.replied"),
    onSuccess: () => setText(""),
  });
  const submit = () => {
    if (check.check(text)) return;
    reply.run({ noticeId, text });
  };
  return (
    <div style={{ marginTop: 8 }}>
      <LimitedTextArea
        schema={ZReplyNoticeInput}
        field="text"
        aria-label={t("notice.replyText")}
        placeholder={t("notice.replyText")}
        autoSize={{ minRows: 2, maxRows: 6 }}
        value={text}
        status={check.problem ? "error" : undefined}
        onChange={(e) => {
          if (check.problem) check.check(e.target.value);
          setText(e.target.value);
        }}
      />
      {check.message}
      <Button type="primary" loading={reply.pending} onClick={submit} style={{ marginTop: 6 }}>
        {t("notice.sendReply")}
      </Button>
      {reply.error ? (
        <Alert type="error" showIcon title={reply.error} style={{ marginTop: 6 }} />
      ) : null}
    </div>
  );
}

/** Evidence on the unit's own reply (POST /api/notice-replies/:replyId/evidence). */
function ReplyEvidenceUpload({ replyId }: { replyId: string }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <EvidenceUpload
      action={`/api/notice-replies/${replyId}/evidence`}
      label={t("notice.addEvidence")}
      small
      onDone={() => void queryClient.invalidateQueries(trpc.notice.pathFilter())}
    />
  );
}
