import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Row, Select, Space, Typography, Upload } from "antd";
import { useState } from "react";

import type { PlanAccess } from "../../app/access.ts";
import { useSession, type PlanSummary } from "../../app/plan-context.tsx";
import { errorMessage, rowErrors } from "../../lib/errors.ts";
import { download, toBase64 } from "../../lib/files.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useInvalidateWork } from "../../lib/invalidate.ts";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { ImportErrors } from "./ImportErrors.tsx";

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * 台账 in Excel both ways: download a quarter's workbook (the template with what is already
 * reported), fill it offline, upload it back. An upload is all or nothing: every row valid, or
 * nothing applied and each bad row listed.
 */
export function LedgerExcel({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { myDepartments } = useSession();
  const invalidate = useInvalidateWork();
  const cycles = useQuery(trpc.ledger.cycles.queryOptions({ planId: plan.id }));
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const periods = (cycles.data ?? [])
    .filter((c) => c.state !== "SCHEDULED")
    .map((c) => c.period)
    .reverse();
  const open = (cycles.data ?? []).find((c) => c.state === "OPEN")?.period;
  const [chosen, setPeriod] = useState<string | undefined>();
  const period = chosen ?? open ?? periods[0];
  const choosable = (departments.data ?? []).filter(
    (d) => access !== "department" || myDepartments.includes(d.id),
  );
  const [departmentId, setDepartmentId] = useState<string | undefined>(
    access === "department" && myDepartments.length === 1 ? myDepartments[0] : undefined,
  );
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const importer = useMutation(
    trpc.ledger.importWorkbook.mutationOptions({ onSuccess: () => invalidate() }),
  );

  const onDownload = async () => {
    if (!period) return;
    setDownloading(true);
    setDownloadError(null);
    const query = new URLSearchParams({ period, ...(departmentId ? { departmentId } : {}) });
    try {
      await download(`/api/plans/${plan.id}/ledger.xlsx?${query}`, `ledger-${period}.xlsx`);
    } catch (error) {
      const e = error as Error & { messageEn?: string };
      setDownloadError(locale === "en" && e.messageEn ? e.messageEn : e.message);
    } finally {
      setDownloading(false);
    }
  };
  const onFile = async (file: File) => {
    importer.reset();
    setFileName(file.name);
    setFileError(
      !/\.xlsx$/i.test(file.name)
        ? t("ledger.badType")
        : file.size > MAX_BYTES
          ? t("import.tooLarge")
          : null,
    );
    if (!/\.xlsx$/i.test(file.name) || file.size > MAX_BYTES) return;
    importer.mutate({
      planId: plan.id,
      contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
    });
  };
  const errors = rowErrors(importer.error);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card size="small" title={<h2 className="card-title">{t("ledger.export")}</h2>}>
          <Typography.Paragraph type="secondary">{t("ledger.exportHelp")}</Typography.Paragraph>
          <Space wrap>
            <Select
              aria-label={t("ledger.period")}
              style={{ width: 170 }}
              loading={cycles.isPending}
              value={period}
              onChange={setPeriod}
              options={periods.map((p) => ({ value: p, label: labels.period(p) }))}
              notFoundContent={t("ledger.noCycleOpen")}
            />
            {access !== "department" || myDepartments.length > 1 ? (
              <Select
                aria-label={t("ledger.department")}
                style={{ width: 200 }}
                allowClear
                placeholder={t("ledger.allDepartments")}
                value={departmentId}
                onChange={setDepartmentId}
                showSearch={{ optionFilterProp: "label" }}
                options={choosable.map((d) => ({ value: d.id, label: d.name }))}
              />
            ) : null}
            <Button
              type="primary"
              disabled={!period}
              loading={downloading}
              onClick={() => void onDownload()}
            >
              {t("ledger.downloadXlsx")}
            </Button>
          </Space>
          {downloadError ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginTop: 12 }}
              title={downloadError}
            />
          ) : null}
        </Card>
      </Col>
      {access !== "read" ? (
        <Col xs={24} lg={14}>
          <Card size="small" title={<h2 className="card-title">{t("ledger.import")}</h2>}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              multiple={false}
              disabled={importer.isPending}
              beforeUpload={(file) => {
                void onFile(file);
                return false;
              }}
            >
              <p style={{ margin: 0 }}>
                {importer.isPending ? t("ledger.importing") : t("ledger.importDrop")}
              </p>
              <Typography.Text type="secondary">{t("ledger.importHint")}</Typography.Text>
            </Upload.Dragger>
            <div aria-live="polite" style={{ marginTop: 12 }}>
              {importer.data ? (
                <Alert
                  type="success"
                  showIcon
                  title={t("ledger.imported", { name: fileName ?? "" })}
                  description={t("ledger.importCounts", importer.data)}
                />
              ) : null}
              {importer.error ? (
                <>
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    title={t("ledger.importRejected")}
                    description={errorMessage(importer.error, locale)}
                    style={{ marginBottom: 8 }}
                  />
                  {errors.length ? <ImportErrors errors={errors} /> : null}
                </>
              ) : null}
              {fileError ? <Alert type="error" showIcon role="alert" title={fileError} /> : null}
            </div>
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
