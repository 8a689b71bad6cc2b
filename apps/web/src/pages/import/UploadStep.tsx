import { useMutation } from "@tanstack/react-query";
import { Alert, Form, Select, Spin, Typography, Upload } from "antd";
import { useState } from "react";

import { ZPreviewPlanInput } from "@duban/domain/schemas";

import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { firstIssue } from "../../lib/zod-rules.ts";
import type { Preview } from "./ImportWizard.tsx";
import { useElapsedSeconds } from "./written-units.tsx";

/** The file as plan.preview and plan.import take it; `kind` and `title` as the office chose. */
export type UploadedFile = {
  jurisdictionId: string;
  fileName: string;
  contentBase64: string;
  kind?: "plan" | "division";
  title?: string;
};

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = /\.(txt|docx|pdf|xlsx)$/i;

/** The file's bytes as base64, as plan.preview and plan.import take them. */
export function toBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}

export function UploadStep({
  jurisdictions,
  onPreview,
}: {
  jurisdictions: Array<{ id: string; name: string }>;
  onPreview: (file: UploadedFile, preview: Preview) => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [jurisdictionId, setJurisdictionId] = useState(jurisdictions[0]!.id);
  const [localError, setLocalError] = useState<string | null>(null);
  const preview = useMutation(trpc.plan.preview.mutationOptions());
  // a large .docx or .pdf takes seconds: say that it is working, and for how long
  const seconds = useElapsedSeconds(preview.isPending);
  const handle = async (file: File) => {
    setLocalError(null);
    preview.reset();
    if (!ACCEPT.test(file.name)) return setLocalError(t("import.badType"));
    if (file.size > MAX_BYTES) return setLocalError(t("import.tooLarge"));
    if (file.size === 0)
      return setLocalError(
        firstIssue(
          ZPreviewPlanInput,
          { jurisdictionId, fileName: file.name, contentBase64: "" },
          "contentBase64",
        ),
      );
    const input = { jurisdictionId, fileName: file.name, contentBase64: await toBase64(file) };
    const problem = ["fileName", "contentBase64"]
      .map((f) => firstIssue(ZPreviewPlanInput, input, f))
      .find(Boolean);
    if (problem) return setLocalError(problem);
    preview.mutate(input, { onSuccess: (result) => onPreview(input, result) });
  };
  return (
    <Spin
      spinning={preview.isPending}
      description={seconds >= 1 ? t("import.parsingElapsed", { s: seconds }) : t("import.parsing")}
    >
      {jurisdictions.length > 1 ? (
        <Form.Item label={t("import.jurisdiction")}>
          <Select
            value={jurisdictionId}
            onChange={setJurisdictionId}
            options={jurisdictions.map((j) => ({ value: j.id, label: j.name }))}
            style={{ width: 240 }}
          />
        </Form.Item>
      ) : null}
      {localError || preview.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t("import.fileError")}
          description={localError ?? errorMessage(preview.error, locale)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Upload.Dragger
        accept=".txt,.docx,.pdf,.xlsx"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void handle(file);
          return false;
        }}
      >
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          {t("import.drop")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("import.dropHint")}</Typography.Text>
      </Upload.Dragger>
    </Spin>
  );
}
