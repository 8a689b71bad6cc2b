import { useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Radio,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useState } from "react";

import {
  ZApplyCompletionInput,
  ZDecideCompletionInput,
  zQualityRating,
} from "@duban/domain/schemas";

import { LimitedTextArea } from "../../../components/LimitedInput.tsx";
import { formatDateTime } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { CSRF_HEADERS, useTRPC, type RouterOutputs } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import type { TaskDetail } from "../types.ts";

type Application = RouterOutputs["completion"]["list"][number];
type Rating = (typeof zQualityRating.options)[number];

/** at most this many evidence files in one application (the api's limit, MAX_COMPLETION_FILES) */
const MAX_FILES = 10;
const ApproveBranch = ZDecideCompletionInput.options[0];
const ReturnBranch = ZDecideCompletionInput.options[1];

const stateColor: Record<Application["state"], string> = {
  PENDING: "purple",
  APPROVED: "green",
  RETURNED: "orange",
};
export const ratingColor: Record<Rating, string> = {
  EXCELLENT: "green",
  GOOD: "blue",
  FAIR: "gold",
  POOR: "red",
};

const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * 办结审核 on a task (issue #17 steps 3 and 6): the lead unit's 申请办结 form (summary + 1–10
 * evidence files), the office's sign-off with a 评价 rating or return with a comment, the task's
 * rating, and every application with its evidence and decision.
 */
export function CompletionPanel({ task }: { task: TaskDetail }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const list = useQuery(trpc.completion.list.queryOptions({ taskId: task.id }));
  const writable = task.plan.status !== "ARCHIVED";
  const applications = list.data ?? [];
  const pending = applications.find((a) => a.state === "PENDING");
  const canApply =
    writable &&
    task.relation === "lead" &&
    (task.status === "NOT_STARTED" || task.status === "IN_PROGRESS");
  if (!applications.length && !canApply && !task.rating) return null;
  return (
    <section aria-label={t("completion.title")}>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("completion.title")}
      </Typography.Title>
      <TaskRating task={task} />
      {task.status === "PENDING_REVIEW" && task.relation !== "office" ? (
        <Alert type="info" showIcon title={t("completion.awaiting")} style={{ marginBottom: 12 }} />
      ) : null}
      {canApply ? <ApplyForm task={task} /> : null}
      {pending && writable && task.relation === "office" ? (
        <SignOffForm application={pending} />
      ) : null}
      {applications.map((a) => (
        <ApplicationCard key={a.id} application={a} />
      ))}
    </section>
  );
}

/** The task's 评价, once signed off. */
function TaskRating({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!task.rating) return null;
  return (
    <Typography.Paragraph>
      {t("completion.rating")}：
      <Tag color={ratingColor[task.rating]}>{labels.qualityRating(task.rating)}</Tag>
      {task.ratingComment ? <Typography.Text>{task.ratingComment}</Typography.Text> : null}
    </Typography.Paragraph>
  );
}

/** The lead unit applies: a summary and at least one evidence file, sent as one multipart request. */
function ApplyForm({ task }: { task: TaskDetail }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ summary: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [filesProblem, setFilesProblem] = useState<string | null>(null);
  const toInput = () => ({
    taskId: task.id,
    version: task.version,
    summary: (form.getFieldValue("summary") as string | undefined) ?? "",
  });
  const apply = useAction(
    {
      mutationFn: async (input: { summary: string; files: File[] }) => {
        const body = new FormData();
        body.append("version", String(task.version));
        body.append("summary", input.summary);
        for (const f of input.files) body.append("file", f, f.name);
        const res = await fetch(`/api/tasks/${task.id}/completion`, {
          method: "POST",
          headers: CSRF_HEADERS,
          body,
        });
        if (res.ok) return (await res.json()) as { applicationId: string };
        const answer = (await res.json().catch(() => null)) as {
          error?: { message?: string; messageEn?: string };
        } | null;
        throw new Error(
          (locale === "en" ? answer?.error?.messageEn : undefined) ??
            answer?.error?.message ??
            t("import.fileError"),
        );
      },
    },
    {
      invalidate: "work",
      success: t("completion.applied"),
      onSuccess: async () => {
        form.resetFields();
        setFiles([]);
        await queryClient.invalidateQueries(trpc.completion.pathFilter());
      },
    },
  );
  const submit = ({ summary }: { summary: string }) => {
    if (!files.length) {
      setFilesProblem(t("completion.needFile"));
      return;
    }
    apply.run({
      summary,
      files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f),
    });
  };
  return (
    <Card size="small" title={t("completion.apply")} style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="summary"
          label={t("completion.summary")}
          rules={[zodRule(ZApplyCompletionInput, "summary", toInput)]}
        >
          <LimitedTextArea
            schema={ZApplyCompletionInput}
            field="summary"
            rows={4}
            placeholder={t("completion.summaryHelp")}
          />
        </Form.Item>
        <Form.Item
          label={t("completion.evidence")}
          required
          validateStatus={filesProblem ? "error" : undefined}
          help={filesProblem ?? t("completion.evidenceHelp", { n: MAX_FILES })}
        >
          <Upload
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(0, MAX_FILES));
              if (fileList.length) setFilesProblem(null);
            }}
          >
            <Button>{t("completion.chooseFiles")}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={apply.pending}>
          {t("completion.submit")}
        </Button>
        {apply.error ? (
          <Alert type="error" showIcon title={apply.error} style={{ marginTop: 8 }} />
        ) : null}
      </Form>
    </Card>
  );
}

/** The office signs off with a 评价 (and an optional comment) or returns with a comment. */
function SignOffForm({ application }: { application: Application }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<Rating | undefined>();
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const decide = useAction(trpc.completion.decide.mutationOptions(), {
    invalidate: "work",
    success: (_d, input) => (input.approve ? t("completion.approved") : t("completion.returned")),
    onSuccess: async () => {
      setRating(undefined);
      setComment("");
      await queryClient.invalidateQueries(trpc.completion.pathFilter());
    },
  });
  const approve = () => {
    if (!rating) return setProblem(t("completion.needRating"));
    const input = {
      approve: true as const,
      applicationId: application.id,
      version: application.version,
      rating,
      comment: comment.trim() || undefined,
    };
    const checked = ApproveBranch.safeParse(input);
    if (!checked.success) return setProblem(checked.error.issues[0]!.message);
    setProblem(null);
    decide.run(input);
  };
  const giveBack = () => {
    const input = {
      approve: false as const,
      applicationId: application.id,
      version: application.version,
      comment: comment.trim(),
    };
    if (!input.comment) return setProblem(t("completion.needComment"));
    const checked = ReturnBranch.safeParse(input);
    if (!checked.success) return setProblem(checked.error.issues[0]!.message);
    setProblem(null);
    decide.run(input);
  };
  return (
    <Card size="small" title={t("completion.review")} style={{ marginBottom: 12 }}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Text>{t("completion.rateHelp")}</Typography.Text>
        <Radio.Group
          aria-label={t("completion.rating")}
          value={rating}
          onChange={(e) => setRating(e.target.value as Rating)}
          options={zQualityRating.options.map((r) => ({
            value: r,
            label: labels.qualityRating(r),
          }))}
        />
        <LimitedTextArea
          schema={ReturnBranch}
          field="comment"
          rows={3}
          aria-label={t("completion.comment")}
          placeholder={t("completion.commentHelp")}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        {problem ? (
          <Typography.Text type="danger" role="alert">
            {problem}
          </Typography.Text>
        ) : null}
        <Space wrap>
          <Button type="primary" loading={decide.pending} onClick={approve}>
            {t("completion.signOff")}
          </Button>
          <Button danger loading={decide.pending} onClick={giveBack}>
            {t("completion.return")}
          </Button>
        </Space>
        {decide.error ? <Alert type="error" showIcon title={decide.error} /> : null}
      </Space>
    </Card>
  );
}

/** One application: who applied when, the summary, the evidence (downloads), the decision. */
function ApplicationCard({ application: a }: { application: Application }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: "state",
            label: t("completion.state"),
            children: (
              <Space wrap>
                <Tag color={stateColor[a.state]}>{labels.completionState(a.state)}</Tag>
                {a.rating ? (
                  <Tag color={ratingColor[a.rating]}>{labels.qualityRating(a.rating)}</Tag>
                ) : null}
              </Space>
            ),
          },
          {
            key: "applied",
            label: t("completion.appliedAt"),
            children: `${formatDateTime(a.appliedAt, locale)} · ${a.departmentName}${a.appliedByName ? ` · ${a.appliedByName}` : ""}`,
          },
          {
            key: "summary",
            label: t("completion.summary"),
            children: <span style={{ whiteSpace: "pre-wrap" }}>{a.summary}</span>,
          },
          {
            key: "evidence",
            label: t("completion.evidence"),
            children: (
              <Space orientation="vertical" size={2}>
                {a.evidence.map((f) => (
                  <a key={f.id} href={`/api/evidence/${f.id}`} download>
                    {f.fileName}（{kb(f.size)}）
                  </a>
                ))}
              </Space>
            ),
          },
          ...(a.decidedAt
            ? [
                {
                  key: "decided",
                  label: t("completion.decidedAt"),
                  children: `${formatDateTime(a.decidedAt, locale)}${a.decidedByName ? ` · ${a.decidedByName}` : ""}${a.comment ? ` · ${a.comment}` : ""}`,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
