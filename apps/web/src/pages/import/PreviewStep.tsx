import { Alert, Button, Col, Collapse, Row, Space, Table, Tree, Typography } from "antd";
import { useMemo } from "react";

import { ZImportPlanInput } from "@duban/domain/schemas";

import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { buildTree } from "../plan/plan-tree.ts";
import type { Preview } from "./ImportWizard.tsx";
import type { UploadedFile } from "./UploadStep.tsx";

type Candidate = Preview["candidateTasks"][number];
type IndicatorRow = Preview["indicatorTables"][number]["rows"][number];

/** What the parser found, before anything is stored: structure, indicators, candidate tasks, warnings. */
export function PreviewStep({
  file,
  preview,
  onBack,
  onImported,
}: {
  file: UploadedFile;
  preview: Preview;
  onBack: () => void;
  onImported: (planId: string) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const importPlan = useAction(trpc.plan.import.mutationOptions(), {
    success: (r) =>
      r.created ? t("import.imported", { title: r.title }) : t("import.alreadyImported"),
    onSuccess: (r) => onImported(r.planId),
  });
  const tree = useMemo(
    () =>
      buildTree(
        preview.nodes.map((n) => ({
          id: n.code,
          parentId: n.parentCode,
          number: n.number,
          title: n.title,
          kind: n.kind,
        })),
      ),
    [preview.nodes],
  );
  const indicators = preview.indicatorTables.flatMap((tb) => tb.rows);
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {preview.title ?? file.fileName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {preview.period ? `${preview.period.start}–${preview.period.end} · ` : ""}
        {t("import.parsed", {
          nodes: preview.nodes.length,
          indicators: preview.stats.indicators,
          boxes: preview.stats.boxes,
          candidates: preview.candidateTasks.length,
        })}
      </Typography.Paragraph>
      {preview.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("plan.warnings", { n: preview.warnings.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 120, overflow: "auto" }}>
              {preview.warnings.map((w, i) => (
                <li key={i}>
                  {w.line ? `L${w.line} ` : ""}
                  {w.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Typography.Title level={5}>{t("plan.tree")}</Typography.Title>
          <div
            style={{ maxHeight: 420, overflow: "auto", border: "1px solid #f0f0f0", padding: 4 }}
          >
            <Tree treeData={tree} defaultExpandAll blockNode selectable={false} />
          </div>
        </Col>
        <Col xs={24} lg={16}>
          <Collapse
            defaultActiveKey={["candidates"]}
            items={[
              {
                key: "candidates",
                label: `${t("import.candidates")}（${preview.candidateTasks.length}）`,
                children: (
                  <Table<Candidate>
                    size="small"
                    rowKey="nodeCode"
                    dataSource={preview.candidateTasks}
                    pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
                    locale={{ emptyText: t("import.noCandidates") }}
                    columns={[
                      { title: t("task.source"), dataIndex: "nodeCode", width: 110 },
                      { title: t("task.name"), dataIndex: "title", ellipsis: true },
                      {
                        title: `${t("import.suggested")}${t("task.lead")}`,
                        dataIndex: "suggestedLead",
                        width: 130,
                        render: (v: string | null) => v ?? "—",
                      },
                      {
                        title: t("task.supporting"),
                        width: 150,
                        ellipsis: true,
                        render: (_v, r) => r.suggestedSupporting.join("、") || "—",
                      },
                    ]}
                  />
                ),
              },
              {
                key: "indicators",
                label: `${t("plan.indicatorTable")}（${indicators.length}）`,
                children: (
                  <Table<IndicatorRow>
                    size="small"
                    rowKey={(r) => `${r.line}`}
                    dataSource={indicators}
                    pagination={false}
                    columns={[
                      { title: t("ind.number"), dataIndex: "number", width: 56 },
                      { title: t("ind.name"), dataIndex: "name" },
                      { title: t("ind.unit"), dataIndex: "unit", width: 80 },
                      {
                        title: t("ind.baseline"),
                        width: 90,
                        render: (_v, r) =>
                          r.baseline === null ? r.baselineText || "—" : formatValue(r.baseline),
                      },
                      {
                        title: t("ind.target"),
                        width: 90,
                        render: (_v, r) =>
                          r.target === null ? r.targetText || "—" : formatValue(r.target),
                      },
                    ]}
                  />
                ),
              },
              {
                key: "boxes",
                label: `${t("plan.box")}（${preview.boxes.length}）`,
                children: preview.boxes.map((b) => (
                  <div key={b.code} className="plan-box">
                    <strong>
                      {b.number} {b.title}
                    </strong>
                    <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
                      {b.items.map((i) => (
                        <li key={i.code}>
                          {i.number} {i.title}
                        </li>
                      ))}
                    </ul>
                  </div>
                )),
              },
            ]}
          />
        </Col>
      </Row>
      {importPlan.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={importPlan.error}
          style={{ marginTop: 12 }}
        />
      ) : null}
      <Space style={{ marginTop: 16 }}>
        <Button onClick={onBack}>{t("common.back")}</Button>
        <Button
          type="primary"
          loading={importPlan.pending}
          onClick={() => importPlan.run(ZImportPlanInput.parse(file))}
        >
          {t("import.confirmImport")}
        </Button>
      </Space>
    </>
  );
}
