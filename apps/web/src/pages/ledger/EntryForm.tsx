import { Alert, Button, Form, InputNumber, Select } from "antd";

import type { TaskStatusKey } from "@duban/domain/i18n";
import { ZAmendLedgerEntryInput, ZSubmitLedgerEntryInput } from "@duban/domain/schemas";

import { LimitedTextArea } from "../../components/LimitedInput.tsx";
import { useReportUnsaved } from "../../components/UnsavedGuard.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { reportableStatuses } from "../../lib/transitions.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { toEntryInput, type EntryTarget, type EntryValues } from "./entry-input.ts";

export type { EntryValues };

const ENTRY_FIELDS = [
  "progressText",
  "percentComplete",
  "status",
  "problems",
  "nextSteps",
] as const;
type Target = EntryTarget;

/**
 * The unit's report on one task for one quarter: a first submission, or an amendment (a new
 * revision; the old one stays in the history). Validated with the server's own schemas (the same
 * ledger-entry fields the Excel import checks); long text is counted and refused, never cut off.
 */
export function EntryForm({
  target,
  initial,
  taskStatus,
  role = "lead",
  derived,
  onDone,
}: {
  target: Target;
  initial?: Partial<EntryValues>;
  taskStatus: TaskStatusKey;
  /** the reporting unit's part in the task: a supporting unit may report its part 已完成 */
  role?: "lead" | "support";
  /**
   * the task's progress is derived from the tasks below it (issue #19): the report carries that
   * figure, which the unit cannot change here
   */
  derived?: { progress: number } | null;
  onDone: (entryId: string) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<EntryValues>();
  const reportUnsaved = useReportUnsaved();
  const schema = target.kind === "submit" ? ZSubmitLedgerEntryInput : ZAmendLedgerEntryInput;
  const toInput = () => toEntryInput(target, form.getFieldsValue(true) as EntryValues);
  const handlers = {
    invalidate: "work",
    success: t(target.kind === "submit" ? "ledger.submitted" : "ledger.amended"),
    onSuccess: (entry: { id: string }) => {
      reportUnsaved(false);
      onDone(entry.id);
    },
    fields: { form, names: ENTRY_FIELDS },
  } as const;
  const submit = useAction(trpc.ledger.submit.mutationOptions(), handlers);
  const amend = useAction(trpc.ledger.amend.mutationOptions(), handlers);
  const pending = submit.pending || amend.pending;
  const error = submit.error ?? amend.error;
  const rule = (field: keyof EntryValues) => zodRule(schema, field, toInput);
  const onFinish = () => {
    if (target.kind === "submit") submit.run(ZSubmitLedgerEntryInput.parse(toInput()));
    else amend.run(ZAmendLedgerEntryInput.parse(toInput()));
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={() => reportUnsaved(true)}
      initialValues={{
        status: reportableStatuses(taskStatus, role)[0],
        problems: "",
        nextSteps: "",
        percentComplete: null,
        ...initial,
        ...(derived ? { percentComplete: derived.progress } : {}),
      }}
      onFinish={onFinish}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
      ) : null}
      {derived ? (
        <Alert
          type="info"
          showIcon
          title={t("ledger.derivedProgress")}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form.Item
        name="progressText"
        label={t("ledger.progressText")}
        rules={[rule("progressText")]}
        required
      >
        <LimitedTextArea schema={schema} field="progressText" rows={4} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <div style={{ display: "flex", gap: 16 }}>
          <Form.Item
            name="percentComplete"
            label={t("ledger.percent")}
            rules={[rule("percentComplete")]}
            required
            style={{ flex: 1 }}
          >
            {/* no min, max or precision: antd would round 0.8 to 1 and clamp 150 to 100 behind the user's back; the schema refuses and explains */}
            <InputNumber style={{ width: "100%" }} disabled={!!derived} />
          </Form.Item>
          <Form.Item
            name="status"
            label={t("ledger.statusAfter")}
            rules={[rule("status")]}
            required
            style={{ flex: 1 }}
          >
            <Select
              options={reportableStatuses(taskStatus, role).map((s) => ({
                value: s,
                label: labels.taskStatus(s),
              }))}
            />
          </Form.Item>
        </div>
      </Form.Item>
      <Form.Item name="problems" label={t("ledger.problems")} rules={[rule("problems")]}>
        <LimitedTextArea schema={schema} field="problems" rows={2} />
      </Form.Item>
      <Form.Item name="nextSteps" label={t("ledger.nextSteps")} rules={[rule("nextSteps")]}>
        <LimitedTextArea schema={schema} field="nextSteps" rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending}>
        {target.kind === "submit" ? t("common.submit") : t("ledger.amend")}
      </Button>
    </Form>
  );
}
