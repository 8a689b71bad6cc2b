import { Alert, Button, Modal, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";

import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { toBase64 } from "../import/UploadStep.tsx";

type Result = RouterOutputs["annualPlan"]["importDocument"];
type Row = Result["rows"][number];
const ACTION_COLOR: Record<Row["action"], string> = { add: "blue", new: "purple", skip: "default" };

/**
 * 导入分工方案: upload the year's task-division document, preview how each item matches the plan's
 * tasks (the dry run), then import: the year's plan is created when missing and the items added.
 */
export function ImportModal({
  planId,
  year,
  onClose,
}: {
  planId: string;
  year: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const preview = useAction(trpc.annualPlan.importDocument.mutationOptions());
  const run = useAction(trpc.annualPlan.importDocument.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter(), trpc.task.pathFilter()],
    success: (r) => t("annual.imported", { add: r.add, new: r.new, skip: r.skip }),
    onSuccess: onClose,
  });
  const result = preview.data;
  const columns = [
    { title: t("annual.row"), dataIndex: "title", key: "title" },
    {
      title: t("annual.col.status"),
      key: "action",
      render: (_: unknown, r: Row) => (
        <>
          <Tag color={ACTION_COLOR[r.action]}>{t(`annual.action.${r.action}`)}</Tag>
          {r.reason ? (
            <div style={{ fontSize: 12, color: "#71717a" }}>
              {locale === "en" ? r.reasonEn : r.reason}
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: t("annual.matched"),
      key: "match",
      render: (_: unknown, r: Row) => r.match?.title ?? r.leadDepartment?.name ?? "",
    },
    { title: t("annual.col.due"), dataIndex: "dueDate", key: "dueDate", width: 110 },
  ];
  return (
    <Modal
      open
      title={t("annual.importTitle", { year })}
      onCancel={onClose}
      width={860}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button
          key="run"
          type="primary"
          disabled={!result || result.add + result.new === 0}
          loading={run.pending}
          onClick={() => file && run.run({ planId, year, ...file, dryRun: false })}
        >
          {t("annual.importRun")}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t("annual.importHint")}</Typography.Paragraph>
      {preview.error || run.error ? (
        <Alert
          type="error"
          showIcon
          title={preview.error ?? run.error}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Upload
        accept=".txt,.docx,.pdf,.xlsx"
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => {
          void toBase64(f).then((contentBase64) => {
            const next = { fileName: f.name, contentBase64 };
            setFile(next);
            preview.run({ planId, year, ...next, dryRun: true });
          });
          return false;
        }}
      >
        <Button loading={preview.pending}>
          {file ? file.fileName : t("annual.importPreview")}
        </Button>
      </Upload>
      {result ? (
        <>
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t("annual.importSummary", { add: result.add, new: result.new, skip: result.skip })}
          </Typography.Paragraph>
          <Table<Row>
            size="small"
            rowKey="index"
            columns={columns}
            dataSource={result.rows}
            pagination={false}
            scroll={{ x: 640, y: 360 }}
          />
        </>
      ) : null}
    </Modal>
  );
}
