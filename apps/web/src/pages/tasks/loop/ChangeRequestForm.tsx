import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, DatePicker, Form, InputNumber, Select, Upload } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { z } from "zod";

import { changeRequestKindLabels } from "@duban/domain/i18n";
import { zChangeRequestKind, ZFileChangeRequestInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../../app/plan-context.tsx";
import { LimitedTextArea } from "../../../components/LimitedInput.tsx";
import { shanghaiToday } from "../../../lib/dates.ts";
import { useI18n } from "../../../lib/i18n.tsx";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import { zodRule } from "../../../lib/zod-rules.ts";
import type { TaskDetail } from "../types.ts";
import { uploadRequestEvidence } from "./evidence-upload.ts";

type Kind = z.infer<typeof zChangeRequestKind>;
type Values = {
  kind: Kind;
  proposedDueDate?: Dayjs;
  proposedDepartmentId?: string;
  indicatorId?: string;
  proposedTargetValue?: number;
  reason?: string;
};
/** the reason field's rule (the same in every kind of request) */
const ZReason = z.object({ reason: ZFileChangeRequestInput.options[0].shape.reason });

/**
 * 申请调整 (issue #17 step 2) for the lead unit: the kind, what is asked for (a date, a unit, an
 * indicator's target), the reason and optionally one evidence file, uploaded once the request exists.
 */
export function ChangeRequestForm({ task, plan }: { task: TaskDetail; plan: PlanSummary }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch("kind", form) ?? "EXTENSION";
  const units = useQuery({
    ...trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
    enabled: open && kind === "REASSIGNMENT",
  });
  const indicators = useQuery({
    ...trpc.indicator.list.queryOptions({ planId: plan.id }),
    enabled: open && kind === "TARGET_CHANGE",
  });
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    const base = { taskId: task.id, reason: v.reason ?? "" };
    switch (v.kind ?? "EXTENSION") {
      case "EXTENSION":
        return {
          ...base,
          kind: "EXTENSION" as const,
          proposedDueDate: v.proposedDueDate?.format("YYYY-MM-DD") ?? "",
        };
      case "REASSIGNMENT":
        return {
          ...base,
          kind: "REASSIGNMENT" as const,
          proposedDepartmentId: v.proposedDepartmentId || undefined,
        };
      case "TARGET_CHANGE":
        return {
          ...base,
          kind: "TARGET_CHANGE" as const,
          indicatorId: v.indicatorId ?? "",
          proposedTargetValue: v.proposedTargetValue as number,
        };
      default:
        return { ...base, kind: v.kind };
    }
  };
  const fileRequest = useAction(trpc.changeRequest.file.mutationOptions(), {
    invalidate: [trpc.task.pathFilter(), trpc.changeRequest.pathFilter()],
    success: t("loop.cr.filed"),
    fields: {
      form,
      names: [
        "proposedDueDate",
        "proposedDepartmentId",
        "indicatorId",
        "proposedTargetValue",
        "reason",
      ],
    },
    onSuccess: async (data) => {
      if (file) {
        await uploadRequestEvidence(data.requestId, file).catch(
          (error: Error & { messageEn?: string }) =>
            message.error(
              t("loop.cr.evidenceFailed", {
                message: (locale === "en" ? error.messageEn : undefined) ?? error.message,
              }),
            ),
        );
        // the list and the trail were refreshed when the request was filed, before its file arrived
        await Promise.all([
          queryClient.invalidateQueries(trpc.changeRequest.pathFilter()),
          queryClient.invalidateQueries(trpc.supervision.pathFilter()),
        ]);
      }
      form.resetFields();
      setFile(null);
      setOpen(false);
    },
  });
  const late = shanghaiToday() > task.dueDate;
  if (!open)
    return (
      <Button style={{ marginBottom: 16 }} onClick={() => setOpen(true)}>
        {t("loop.cr.file")}
      </Button>
    );
  const ownIndicators = indicators.data?.indicators ?? [];
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ kind: "EXTENSION" }}
      style={{ marginBottom: 16, maxWidth: 560 }}
      onFinish={() => fileRequest.run(ZFileChangeRequestInput.parse(toInput()))}
    >
      {late ? (
        <Alert type="warning" showIcon title={t("loop.cr.lateNote")} style={{ marginBottom: 12 }} />
      ) : null}
      <Form.Item name="kind" label={t("loop.cr.kind")}>
        <Select
          options={zChangeRequestKind.options.map((k) => ({
            value: k,
            label: changeRequestKindLabels[k][locale === "en" ? "en" : "zh"],
          }))}
        />
      </Form.Item>
      {kind === "EXTENSION" ? (
        <Form.Item
          name="proposedDueDate"
          label={t("loop.cr.proposedDue")}
          rules={[zodRule(ZFileChangeRequestInput, "proposedDueDate", toInput)]}
        >
          <DatePicker
            disabledDate={(d) =>
              d.format("YYYY-MM-DD") <= task.dueDate || d.year() > plan.periodEnd
            }
          />
        </Form.Item>
      ) : null}
      {kind === "REASSIGNMENT" ? (
        <Form.Item name="proposedDepartmentId" label={t("loop.cr.proposedUnit")}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            loading={units.isLoading}
            options={(units.data ?? [])
              .filter((u) => u.active && u.id !== task.leadDepartment.id)
              .map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      ) : null}
      {kind === "TARGET_CHANGE" ? (
        <>
          <Form.Item
            name="indicatorId"
            label={t("loop.cr.indicator")}
            rules={[zodRule(ZFileChangeRequestInput, "indicatorId", toInput)]}
          >
            <Select
              loading={indicators.isLoading}
              notFoundContent={t("loop.cr.noIndicators")}
              options={ownIndicators
                .filter((i) => i.responsibleDepartmentId === task.leadDepartment.id)
                .map((i) => ({
                  value: i.id,
                  label: `${i.name}（${i.targetValue ?? "—"}${i.unit ?? ""}）`,
                }))}
            />
          </Form.Item>
          <Form.Item
            name="proposedTargetValue"
            label={t("loop.cr.target")}
            rules={[zodRule(ZFileChangeRequestInput, "proposedTargetValue", toInput)]}
          >
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item
        name="reason"
        label={t("loop.cr.reason")}
        rules={[zodRule(ZReason, "reason", () => ({ reason: form.getFieldValue("reason") ?? "" }))]}
      >
        <LimitedTextArea schema={ZReason} field="reason" rows={3} />
      </Form.Item>
      <Form.Item label={t("loop.cr.evidence")}>
        <Upload
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: "1", name: file.name, status: "done" }] : []}
        >
          <Button>{t("loop.cr.chooseFile")}</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={fileRequest.pending}>
        {t("loop.cr.submit")}
      </Button>
      <Button style={{ marginInlineStart: 8 }} onClick={() => setOpen(false)}>
        {t("common.cancel")}
      </Button>
      {fileRequest.error ? (
        <Alert type="error" showIcon title={fileRequest.error} style={{ marginTop: 8 }} />
      ) : null}
    </Form>
  );
}
