import { Space, Typography } from "antd";

import { EvidenceUpload } from "../../components/EvidenceUpload.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useInvalidateWork } from "../../lib/invalidate.ts";

type File = { id: string; fileName: string; size: number };

const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Evidence files of an entry (always downloaded, never shown inline) and, for its unit, an upload. */
export function EvidenceList({ files, uploadTo }: { files: File[]; uploadTo?: string }) {
  const { t } = useI18n();
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
        <>
          <EvidenceUpload
            action={`/api/ledger/${uploadTo}/evidence`}
            label={t("ledger.upload")}
            onDone={() => void invalidate()}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("ledger.uploadHelp")}
          </Typography.Text>
        </>
      ) : null}
    </Space>
  );
}
