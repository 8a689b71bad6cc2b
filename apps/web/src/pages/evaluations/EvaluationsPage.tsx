import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Result,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";

import { seesEvaluations, type PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { AnnualPreview } from "./AnnualPreview.tsx";
import { DownloadButton } from "./DownloadButton.tsx";
import { EvaluationPreview } from "./EvaluationPreview.tsx";

type Kind = "MIDTERM" | "FINAL" | "ANNUAL";
type Past = RouterOutputs["evaluation"]["list"][number];

/** the download of an evaluation; the 年度评估 names its year too */
export const evaluationUrl = (
  planId: string,
  kind: Kind,
  asOf: string,
  ext: "docx" | "xlsx",
  year?: number | null,
) =>
  `/api/plans/${planId}/evaluation.${ext}?${new URLSearchParams({
    kind,
    asOf,
    ...(kind === "ANNUAL" && year ? { year: String(year) } : {}),
  })}`;

export function EvaluationsPage() {
  return (
    <NeedPlan>
      {(plan, access) =>
        seesEvaluations(access) ? (
          <Evaluations plan={plan} access={access} />
        ) : (
          <OfficeAndLeadersOnly />
        )
      }
    </NeedPlan>
  );
}

/** Department staff are refused evaluations by the server (they hold every unit's figures): say so instead of failing. */
function OfficeAndLeadersOnly() {
  const { t } = useI18n();
  return <Result status="403" title="403" subTitle={t("evaluations.officeAndLeadersOnly")} />;
}

/**
 * 中期评估 / 总结评估 / 年度评估: the figures as of a date (the 年度评估: of a year, by default its
 * 31 December), generated (kept) by the office, downloadable as Word and Excel.
 */
function Evaluations({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [kind, setKind] = useState<Kind>("MIDTERM");
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [year, setYear] = useState<Dayjs>(() => dayjs());
  const input = {
    planId: plan.id,
    kind,
    asOf: asOf ? asOf.format("YYYY-MM-DD") : undefined,
    ...(kind === "ANNUAL" ? { year: year.year() } : {}),
  };
  const preview = useQuery(trpc.evaluation.preview.queryOptions(input));
  const past = useQuery(trpc.evaluation.list.queryOptions({ planId: plan.id }));
  const generate = useAction(trpc.evaluation.generate.mutationOptions(), {
    invalidate: [trpc.evaluation.list.queryFilter({ planId: plan.id })],
    success: (r) => t("evaluations.generated", { date: r.asOf }),
  });
  const day = preview.data?.asOf;
  return (
    <>
      <PageHeader title={t("menu.evaluations")} sub={preview.data?.title} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented
            aria-label={t("evaluations.kind")}
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            options={[
              { value: "MIDTERM", label: labels.evaluationKind("MIDTERM") },
              { value: "FINAL", label: labels.evaluationKind("FINAL") },
              { value: "ANNUAL", label: labels.evaluationKind("ANNUAL") },
            ]}
          />
          {kind === "ANNUAL" ? (
            <DatePicker
              picker="year"
              aria-label={t("evaluations.year")}
              allowClear={false}
              value={year}
              onChange={(v) => v && setYear(v)}
            />
          ) : null}
          <DatePicker
            aria-label={t("evaluations.asOf")}
            placeholder={t("evaluations.asOfDefault")}
            value={asOf}
            onChange={setAsOf}
          />
          {access === "office" ? (
            <Button
              type="primary"
              disabled={!preview.data}
              loading={generate.pending}
              onClick={() => generate.run(input)}
            >
              {t("evaluations.generate")}
            </Button>
          ) : null}
          {day ? (
            <DownloadButton
              url={evaluationUrl(plan.id, kind, day, "docx", input.year)}
              name={`evaluation-${day}.docx`}
              label={t("evaluations.downloadDocx")}
            />
          ) : null}
          {day ? (
            <DownloadButton
              url={evaluationUrl(plan.id, kind, day, "xlsx", input.year)}
              name={`evaluation-${day}.xlsx`}
              label={t("evaluations.downloadXlsx")}
            />
          ) : null}
        </Space>
        {generate.error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 12 }}
            title={generate.error}
          />
        ) : null}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <QueryState query={preview} rows={10}>
            {(d) => (
              <>
                {d.annual ? <AnnualPreview annual={d.annual} /> : null}
                <EvaluationPreview data={d} />
              </>
            )}
          </QueryState>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={<h2 className="card-title">{t("evaluations.past")}</h2>}>
            <QueryState
              query={past}
              isEmpty={(p) => p.length === 0}
              empty={<Empty description={t("evaluations.none")} />}
            >
              {(rows) => (
                <Table<Past>
                  size="small"
                  rowKey="id"
                  dataSource={rows}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  columns={[
                    {
                      title: t("evaluations.kind"),
                      render: (_v, r) => (
                        <Tag>
                          {r.year ? `${r.year} ` : ""}
                          {labels.evaluationKind(r.kind)}
                        </Tag>
                      ),
                    },
                    {
                      title: t("evaluations.asOf"),
                      dataIndex: "asOf",
                      render: (v: string, r) => (
                        <span title={`${r.generatedBy} · ${formatDateTime(r.generatedAt, locale)}`}>
                          {v}
                        </span>
                      ),
                    },
                    {
                      title: t("common.download"),
                      render: (_v, r) => (
                        <Space size={4}>
                          <DownloadButton
                            size="small"
                            url={evaluationUrl(plan.id, r.kind, r.asOf, "docx", r.year)}
                            name={`evaluation-${r.asOf}.docx`}
                            label="Word"
                          />
                          <DownloadButton
                            size="small"
                            url={evaluationUrl(plan.id, r.kind, r.asOf, "xlsx", r.year)}
                            name={`evaluation-${r.asOf}.xlsx`}
                            label="Excel"
                          />
                        </Space>
                      ),
                    },
                  ]}
                />
              )}
            </QueryState>
          </Card>
        </Col>
      </Row>
    </>
  );
}
