import { useMutation } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Col,
  Collapse,
  Flex,
  Form,
  Row,
  Segmented,
  Space,
  Spin,
  Table,
  Tree,
  Typography,
} from "antd";
import { useMemo, useState } from "react";

import { ZImportPlanInput } from "@duban/domain/schemas";
import { splitUnits, writtenUnitResolver } from "@duban/domain/task-drafts";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { buildTree } from "../plan/plan-tree.ts";
import type { Preview } from "./ImportWizard.tsx";
import type { UploadedFile } from "./UploadStep.tsx";
import {
  DeadlineText,
  directoryOf,
  UnitMatchTag,
  useDirectory,
  useElapsedSeconds,
} from "./written-units.tsx";

type Candidate = Preview["candidateTasks"][number];
type IndicatorRow = Preview["indicatorTables"][number]["rows"][number];

/** What the parser found, before anything is stored: structure, indicators, candidate tasks, warnings. */
export function PreviewStep({
  file,
  preview,
  onBack,
  onImported,
  onPreview,
}: {
  file: UploadedFile;
  preview: Preview;
  onBack: () => void;
  onImported: (planId: string) => void;
  /** the same file previewed again (another document kind chosen) */
  onPreview: (file: UploadedFile, preview: Preview) => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [title, setTitle] = useState(file.title ?? "");
  const [titleError, setTitleError] = useState(false);
  const repreview = useMutation(trpc.plan.preview.mutationOptions());
  const seconds = useElapsedSeconds(repreview.isPending);
  const chooseKind = (kind: "auto" | "plan" | "division") => {
    const next = { ...file, kind: kind === "auto" ? undefined : kind };
    repreview.mutate(ZImportPlanInput.parse(next), {
      onSuccess: (result) => onPreview(next, result),
    });
  };
  const { units, aliases } = useDirectory(file.jurisdictionId);
  // before the directory arrives (or for a reader without the alias table) nothing matches yet
  const resolve = useMemo(
    () => writtenUnitResolver(directoryOf(units.data ?? [], aliases.data ?? [])),
    [units.data, aliases.data],
  );
  const unitNames = useMemo(
    () => new Map((units.data ?? []).map((u) => [u.id, u.name])),
    [units.data],
  );
  const writtenUnits = (text: string | null | undefined, list: string[] | undefined) =>
    (list?.length ? list : text ? splitUnits(text) : []).map(resolve);
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
      <Spin
        spinning={repreview.isPending}
        description={
          seconds >= 1 ? t("import.parsingElapsed", { s: seconds }) : t("import.parsing")
        }
      >
        <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
          <Typography.Text>{t("import.kind")}</Typography.Text>
          <Segmented
            aria-label={t("import.kind")}
            value={file.kind ?? "auto"}
            onChange={(v) => chooseKind(v as "auto" | "plan" | "division")}
            options={[
              { value: "auto", label: t("import.kind.auto") },
              { value: "plan", label: t("import.kind.plan") },
              { value: "division", label: t("import.kind.division") },
            ]}
          />
          {preview.kind ? (
            <Typography.Text type="secondary">
              {t("import.kind.detected", { kind: t(`import.kind.${preview.kind}`) })}
            </Typography.Text>
          ) : null}
        </Flex>
        {repreview.error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={errorMessage(repreview.error, locale)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {preview.title ? (
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {preview.title}
          </Typography.Title>
        ) : (
          <Form.Item
            label={t("import.planTitle")}
            required
            validateStatus={titleError && !title.trim() ? "error" : undefined}
            help={t("import.titleMissing")}
          >
            <LimitedInput
              schema={ZImportPlanInput}
              field="title"
              aria-label={t("import.planTitle")}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              style={{ maxWidth: 480 }}
            />
          </Form.Item>
        )}
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
                          title: t("import.writtenLead"),
                          width: 130,
                          render: (_v, r) => r.leadText ?? "—",
                        },
                        {
                          title: t("import.writtenSupport"),
                          width: 130,
                          ellipsis: true,
                          render: (_v, r) => r.supportText ?? "—",
                        },
                        {
                          title: t("import.matchedUnit"),
                          width: 170,
                          render: (_v, r) => {
                            const written = [
                              ...writtenUnits(r.leadText, r.leadUnits),
                              ...writtenUnits(r.supportText, r.supportUnits),
                            ];
                            if (!written.length)
                              return r.suggestedLead
                                ? `${t("import.suggested")}：${r.suggestedLead}`
                                : "—";
                            return written.map((u) => (
                              <UnitMatchTag key={u.written} unit={u} names={unitNames} t={t} />
                            ));
                          },
                        },
                        {
                          title: t("import.deadline"),
                          width: 100,
                          render: (_v, r) => <DeadlineText deadline={r.deadline ?? null} t={t} />,
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
                        { title: t("indicators.number"), dataIndex: "number", width: 56 },
                        { title: t("indicators.name"), dataIndex: "name" },
                        { title: t("indicators.unit"), dataIndex: "unit", width: 80 },
                        {
                          title: t("indicators.baseline"),
                          width: 90,
                          render: (_v, r) =>
                            r.baseline === null ? r.baselineText || "—" : formatValue(r.baseline),
                        },
                        {
                          title: t("indicators.target"),
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
      </Spin>
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
          onClick={() => {
            if (!preview.title && !title.trim()) return setTitleError(true);
            importPlan.run(
              ZImportPlanInput.parse({ ...file, title: preview.title ? undefined : title }),
            );
          }}
        >
          {t("import.confirmImport")}
        </Button>
      </Space>
    </>
  );
}
