import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, List, Modal, Select, Typography } from "antd";
import { useState } from "react";

import { ZIssueNoticesInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { errorMessage } from "../../../lib/errors.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import {
  defaultReplyDue,
  NoticeFields,
  noticeInput,
  type NoticeFormValues,
} from "./NoticeForm.tsx";

type Values = NoticeFormValues & { departmentId?: string; schedule?: "OVERDUE" | "LAGGING" };
type Preview = Array<{ id: string; title: string; departmentName: string }>;

/**
 * 批量催办 on the task list (the office): every open task of the plan led by a unit and/or overdue
 * or lagging, after a confirmation that shows how many tasks (a dry run of the same call).
 */
export function BatchUrge({
  plan,
  departmentId,
  schedule,
}: {
  plan: PlanSummary;
  departmentId?: string;
  schedule?: string;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [form] = Form.useForm<Values>();
  const departments = useQuery({
    ...trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
    enabled: open,
  });
  const toInput = (dryRun = false) => {
    const v = form.getFieldsValue(true) as Values;
    return {
      planId: plan.id,
      filter: { departmentId: v.departmentId, schedule: v.schedule },
      ...noticeInput(v),
      ...(dryRun ? { dryRun: true } : {}),
    };
  };
  const check = useMutation(trpc.notice.issue.mutationOptions());
  const issue = useAction(trpc.notice.issue.mutationOptions(), {
    invalidate: [trpc.notice.pathFilter()],
    success: (d) => t("notice.batchIssued", { n: d.notices.length }),
    onSuccess: () => {
      setOpen(false);
      setPreview(null);
      form.resetFields();
    },
    fields: { form, names: ["level", "requirement", "replyDueDate"] },
  });
  const start = () => {
    form.setFieldsValue({
      departmentId,
      schedule: schedule === "OVERDUE" || schedule === "LAGGING" ? schedule : "OVERDUE",
    });
    setPreview(null);
    check.reset();
    setOpen(true);
  };
  const onFinish = async () => {
    if (preview) return issue.run(ZIssueNoticesInput.parse(toInput()));
    const result = await check
      .mutateAsync(ZIssueNoticesInput.parse(toInput(true)))
      .catch(() => null);
    if (result) setPreview(result.tasks);
  };
  return (
    <>
      <Button danger onClick={start}>
        {t("notice.batch")}
      </Button>
      <Modal
        open={open}
        title={t("notice.batch")}
        okText={preview ? t("notice.confirmIssue", { n: preview.length }) : t("notice.preview")}
        okButtonProps={{ danger: !!preview }}
        confirmLoading={issue.pending || check.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ level: "YELLOW", requirement: "", replyDueDate: defaultReplyDue() }}
          onValuesChange={() => setPreview(null)}
          onFinish={() => void onFinish()}
        >
          <Form.Item name="departmentId" label={t("notice.leadUnit")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("notice.anyUnit")}
              options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
          <Form.Item name="schedule" label={t("task.schedule")}>
            <Select
              allowClear
              placeholder={t("notice.anySchedule")}
              options={[
                { value: "OVERDUE", label: t("notice.overdue") },
                { value: "LAGGING", label: t("notice.lagging") },
              ]}
            />
          </Form.Item>
          <NoticeFields toInput={() => toInput()} />
        </Form>
        {check.error ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(check.error, locale)}
            style={{ marginTop: 8 }}
          />
        ) : null}
        {preview ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t("notice.confirmCount", { n: preview.length })}
            />
            <List
              size="small"
              style={{ maxHeight: 200, overflow: "auto" }}
              dataSource={preview}
              renderItem={(p) => (
                <List.Item>
                  <Typography.Text ellipsis>
                    {p.title}
                    <Typography.Text type="secondary">（{p.departmentName}）</Typography.Text>
                  </Typography.Text>
                </List.Item>
              )}
            />
          </>
        ) : null}
        {issue.error ? (
          <Alert type="error" showIcon title={issue.error} style={{ marginTop: 8 }} />
        ) : null}
      </Modal>
    </>
  );
}
