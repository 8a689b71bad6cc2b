import { App, Button, Flex, Upload, type UploadProps } from "antd";
import { useState } from "react";

import { usePhone } from "../app/layout/phone.ts";
import { useI18n } from "../lib/i18n.tsx";
import { CSRF_HEADERS } from "../lib/trpc.ts";

/** What the evidence routes take (packages/domain evidence checks): PDF, images, Word, Excel. */
export const EVIDENCE_ACCEPT =
  ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg";

type Refusal = { error?: { message?: string; messageEn?: string } } | undefined;

/**
 * Uploads one evidence file to one of the api's evidence routes (`action`, multipart POST, e.g.
 * /api/ledger/:entryId/evidence): a "choose file" button and, on a phone, 拍照, which opens the
 * camera (`<input type="file" accept="image/*" capture="environment">`; a browser without a
 * camera offers its file picker). A refusal shows the server's message in the UI language;
 * `onDone` runs after each stored file (issue #20).
 */
export function EvidenceUpload({
  action,
  label,
  onDone,
  small,
}: {
  action: string;
  label: string;
  onDone: () => void;
  small?: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const phone = usePhone();
  const [busy, setBusy] = useState<"file" | "photo" | null>(null);
  const common = (which: "file" | "photo"): UploadProps => ({
    name: "file",
    action,
    headers: CSRF_HEADERS,
    maxCount: 1,
    showUploadList: false,
    onChange: (info) => {
      if (info.file.status === "uploading") return setBusy(which);
      setBusy(null);
      if (info.file.status === "done") {
        void message.success(t("ledger.uploaded", { name: info.file.name }));
        onDone();
      } else if (info.file.status === "error") {
        const body = info.file.response as Refusal;
        void message.error(
          (locale === "en" ? body?.error?.messageEn : undefined) ??
            body?.error?.message ??
            t("import.fileError"),
        );
      }
    },
  });
  const size = small && !phone ? "small" : undefined;
  return (
    <Flex gap={8} wrap>
      {phone ? (
        <Upload {...common("photo")} accept="image/*" capture="environment">
          <Button type="primary" size={size} loading={busy === "photo"}>
            {t("phone.takePhoto")}
          </Button>
        </Upload>
      ) : null}
      <Upload {...common("file")} accept={EVIDENCE_ACCEPT}>
        <Button size={size} loading={busy === "file"}>
          {phone ? t("phone.chooseFile") : label}
        </Button>
      </Upload>
    </Flex>
  );
}
