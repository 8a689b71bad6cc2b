import { App, Button, Space, Typography, Upload } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useInvalidateWork } from "../../lib/invalidate.ts";
import { CSRF_HEADERS } from "../../lib/trpc.ts";

type File = { id: string; fileName: string; size: number };

const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Evidence files of an entry (always downloaded, never shown inline) and, for its unit, an upload. */
export function EvidenceList({ files, uploadTo }: { files: File[]; uploadTo?: string }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateWork();
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {files.length === 0 ? (
        <Typography.Text type="secondary">{t("common.none")}</Typography.Text>
      ) : null}
      {files.map((f) => (
        <a key={f.id} href={`/api/evidence/${f.id}`} download>
          {f.fileName}（{kb(f.size)}）
        </a>
      ))}
      {uploadTo ? (
        <Upload
          name="file"
          action={`/api/ledger/${uploadTo}/evidence`}
          headers={CSRF_HEADERS}
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          maxCount={1}
          showUploadList={false}
          onChange={(info) => {
            if (info.file.status === "done") {
              void message.success(t("ledger.uploaded", { name: info.file.name }));
              void invalidate();
            } else if (info.file.status === "error") {
              const body = info.file.response as
                { error?: { message?: string; messageEn?: string } } | undefined;
              void message.error(
                (locale === "en" ? body?.error?.messageEn : undefined) ??
                  body?.error?.message ??
                  t("import.fileError"),
              );
            }
          }}
        >
          <Button>{t("ledger.upload")}</Button>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t("ledger.uploadHelp")}
          </Typography.Text>
        </Upload>
      ) : null}
    </Space>
  );
}
