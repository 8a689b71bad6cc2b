import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, Modal, Skeleton } from "antd";
import { useState } from "react";

import { ZIssueNoticesInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import type { TaskDetail } from "../types.ts";
import {
  defaultReplyDue,
  NoticeFields,
  noticeInput,
  type NoticeFormValues,
} from "./NoticeForm.tsx";

/** 催办 one task (the office): a dialog with the suggested level pre-selected. Issue #17 step 4. */
export function UrgeTask({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NoticeFormValues>();
  const suggestion = useQuery({
    ...trpc.notice.suggestLevel.queryOptions({ taskId: task.id }),
    enabled: open,
  });
  const toInput = () => ({
    planId: plan.id,
    taskIds: [task.id],
    ...noticeInput(form.getFieldsValue(true) as NoticeFormValues),
  });
  const issue = useAction(trpc.notice.issue.mutationOptions(), {
    invalidate: [trpc.notice.pathFilter()],
    success: (d) => t("notice.issued", { title: d.notices[0]?.title ?? "" }),
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
    },
    fields: { form, names: ["level", "requirement", "replyDueDate"] },
  });
  // closed tasks (已完成 / 已取消) are not urged: the server refuses them too
  if (task.status === "COMPLETED" || task.status === "CANCELLED") return null;
  return (
    <>
      <Button danger onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
        {t("notice.urge")}
      </Button>
      <Modal
        open={open}
        title={`${t("notice.urge")}：${task.title}`}
        okText={t("notice.issue")}
        confirmLoading={issue.pending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {suggestion.isPending ? (
          <Skeleton active />
        ) : (
          // mounted once the suggestion is known, so the suggested level is the form's initial value
          <Form
            form={form}
            layout="vertical"
            initialValues={{
              level: suggestion.data?.level ?? "BLUE",
              requirement: "",
              replyDueDate: defaultReplyDue(),
            }}
            onFinish={() => issue.run(ZIssueNoticesInput.parse(toInput()))}
          >
            <NoticeFields toInput={toInput} suggested={suggestion.data?.level} />
          </Form>
        )}
        {issue.error ? (
          <Alert type="error" showIcon title={issue.error} style={{ marginTop: 8 }} />
        ) : null}
      </Modal>
    </>
  );
}
