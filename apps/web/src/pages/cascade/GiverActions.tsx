import { Alert, Button, Col, DatePicker, Form, InputNumber, Modal, Row, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";

import { ZUpdateAssignmentInput, ZWithdrawAssignmentInput } from "@duban/domain/schemas";

import { LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { cascadeInvalidation } from "./invalidate.ts";

/** What the giving office's controls need of an assignment. */
export type GivenAssignment = {
  id: string;
  version: number;
  weight: number;
  decomposeBy: string;
  note: string;
  state: "PENDING" | "DECOMPOSED" | "WITHDRAWN";
};

type UpdateValues = { weight: number | null; decomposeBy: Dayjs | null; note: string };

/**
 * The office above changes an assignment's weight (in the parent's roll-up), its 分解时限 (only
 * while it waits to be decomposed) or what it asks (ZUpdateAssignmentInput; the version guards
 * against a change made meanwhile).
 */
export function UpdateAssignmentForm({ assignment }: { assignment: GivenAssignment }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<UpdateValues>();
  const toInput = () => {
    const v = form.getFieldsValue(true) as UpdateValues;
    const day = v.decomposeBy?.format("YYYY-MM-DD");
    return {
      assignmentId: assignment.id,
      version: assignment.version,
      ...(v.weight === null || v.weight === assignment.weight ? {} : { weight: v.weight }),
      ...(day && day !== assignment.decomposeBy ? { decomposeBy: day } : {}),
      ...(v.note === assignment.note ? {} : { note: v.note ?? "" }),
    };
  };
  const update = useAction(trpc.cascade.update.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: t("cascade.updated"),
    fields: { form, names: ["weight", "decomposeBy", "note"] },
  });
  const rule = (f: keyof UpdateValues) => zodRule(ZUpdateAssignmentInput, f, toInput);
  return (
    <Form<UpdateValues>
      form={form}
      layout="vertical"
      name="update-assignment"
      initialValues={{
        weight: assignment.weight,
        decomposeBy: dayjs(assignment.decomposeBy),
        note: assignment.note,
      }}
      onFinish={() => update.run(ZUpdateAssignmentInput.parse(toInput()))}
    >
      {update.error ? (
        <Alert type="error" showIcon title={update.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Row gutter={12}>
        <Col xs={12} sm={8}>
          <Form.Item
            name="weight"
            label={t("cascade.weight")}
            tooltip={t("cascade.weightHelp")}
            rules={[rule("weight")]}
          >
            <InputNumber style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={16}>
          <Form.Item
            name="decomposeBy"
            label={t("cascade.decomposeBy")}
            rules={[rule("decomposeBy")]}
          >
            <DatePicker
              style={{ width: "100%" }}
              disabled={assignment.state !== "PENDING"}
              disabledDate={(d: Dayjs) => d.isBefore(new Date(), "day")}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t("cascade.note")} rules={[rule("note")]}>
        <LimitedTextArea
          schema={ZUpdateAssignmentInput}
          field="note"
          autoSize={{ minRows: 2, maxRows: 6 }}
        />
      </Form.Item>
      <Button htmlType="submit" loading={update.pending}>
        {t("cascade.update")}
      </Button>
    </Form>
  );
}

/** 撤回 with a reason, confirmed in a dialog (ZWithdrawAssignmentInput). */
export function WithdrawAssignment({
  assignment,
  onDone,
}: {
  assignment: GivenAssignment;
  onDone?: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const toInput = () => ({
    assignmentId: assignment.id,
    version: assignment.version,
    reason: (form.getFieldValue("reason") as string | undefined) ?? "",
  });
  const withdraw = useAction(trpc.cascade.withdraw.mutationOptions(), {
    invalidate: cascadeInvalidation(trpc),
    success: t("cascade.withdrawn"),
    onSuccess: () => {
      setOpen(false);
      onDone?.();
    },
    fields: { form, names: ["reason"] },
  });
  if (assignment.state === "WITHDRAWN") return null;
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t("cascade.withdraw")}
      </Button>
      {open ? (
        <Modal
          open
          title={t("cascade.withdrawTitle")}
          onCancel={() => setOpen(false)}
          okText={t("cascade.confirmWithdraw")}
          okButtonProps={{ danger: true }}
          cancelText={t("common.cancel")}
          confirmLoading={withdraw.pending}
          onOk={() => form.submit()}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">{t("cascade.withdrawHelp")}</Typography.Paragraph>
          {withdraw.error ? (
            <Alert type="error" showIcon title={withdraw.error} style={{ marginBottom: 12 }} />
          ) : null}
          <Form
            form={form}
            layout="vertical"
            name="withdraw-assignment"
            onFinish={() => withdraw.run(ZWithdrawAssignmentInput.parse(toInput()))}
          >
            <Form.Item
              name="reason"
              label={t("cascade.withdrawReason")}
              required
              rules={[zodRule(ZWithdrawAssignmentInput, "reason", toInput)]}
            >
              <LimitedTextArea
                schema={ZWithdrawAssignmentInput}
                field="reason"
                autoSize={{ minRows: 2, maxRows: 5 }}
              />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
