import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, InputNumber, Popconfirm, Segmented, Space, Table, Tabs } from "antd";
import { useState } from "react";

import { labelOf, schemeComponentLabels } from "@duban/domain/i18n";

import type { PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { shanghaiYear } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { AdjustmentsCard } from "./AdjustmentsCard.tsx";
import { DrillDrawer } from "./DrillDrawer.tsx";
import { PublicationsCard } from "./PublicationsCard.tsx";
import { SchemeEditor } from "./SchemeEditor.tsx";

type Sheet = RouterOutputs["assessment"]["scores"];
type UnitLine = Sheet["units"][number];

/**
 * 考核评分 (issue #18): the year's scheme, the scores of a quarter (provisional, year to date) or
 * the year (final) with rank and drill-down, 加减分, publication and the published sheets. The
 * office edits and publishes; leaders read; unit staff see their own line (the server cuts it).
 */
export function AssessmentPage() {
  return <NeedPlan>{(plan, access) => <Assessment plan={plan} access={access} />}</NeedPlan>;
}

function Assessment({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const { t } = useI18n();
  const [year, setYear] = useState(() => shanghaiYear());
  const jurisdictionId = plan.jurisdiction.id;
  const office = access === "office";
  return (
    <>
      <PageHeader
        title={t("menu.assessment")}
        extra={
          <InputNumber
            aria-label={t("assessment.year")}
            min={2000}
            max={2100}
            value={year}
            onChange={(v) => v && setYear(v)}
            addonBefore={t("assessment.year")}
            style={{ width: 150 }}
          />
        }
      />
      <Tabs
        items={[
          {
            key: "scores",
            label: t("assessment.scores"),
            children: <Scores jurisdictionId={jurisdictionId} year={year} office={office} />,
          },
          {
            key: "scheme",
            label: t("assessment.scheme"),
            children: <SchemeEditor jurisdictionId={jurisdictionId} year={year} office={office} />,
          },
          {
            key: "adjustments",
            label: t("assessment.adjustments"),
            children: (
              <AdjustmentsCard jurisdictionId={jurisdictionId} year={year} office={office} />
            ),
          },
          {
            key: "publications",
            label: t("assessment.publications"),
            children: <PublicationsCard jurisdictionId={jurisdictionId} year={year} />,
          },
        ]}
      />
    </>
  );
}

function Scores({
  jurisdictionId,
  year,
  office,
}: {
  jurisdictionId: string;
  year: number;
  office: boolean;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const [which, setWhich] = useState<string>("YEAR");
  const period = which === "YEAR" ? String(year) : `${year}${which}`;
  const [drill, setDrill] = useState<UnitLine | null>(null);
  const scores = useQuery(trpc.assessment.scores.queryOptions({ jurisdictionId, period }));
  const yearOver = new Date() > new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const publish = useAction(trpc.assessment.publish.mutationOptions(), {
    invalidate: [trpc.assessment.pathFilter()],
    success: t("assessment.published"),
  });
  const kinds = scores.data?.units[0]?.components.map((c) => c.kind) ?? [];
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={t("assessment.period")}
          value={which}
          onChange={(v) => setWhich(String(v))}
          options={[
            ...["Q1", "Q2", "Q3", "Q4"].map((q) => ({ value: q, label: q })),
            { value: "YEAR", label: t("assessment.wholeYear") },
          ]}
        />
        {office ? (
          <Popconfirm
            title={t("assessment.publishConfirm", { period })}
            description={which === "YEAR" && !yearOver ? t("assessment.publishEarly") : undefined}
            onConfirm={() =>
              publish.run({
                jurisdictionId,
                period,
                dryRun: false,
                confirmBeforeYearEnd: which === "YEAR",
              })
            }
          >
            <Button type="primary" loading={publish.pending} disabled={!scores.data}>
              {t("assessment.publish")}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
      {publish.error ? (
        <Alert type="error" title={publish.error} style={{ marginBottom: 12 }} />
      ) : null}
      <QueryState query={scores}>
        {(sheet) => (
          <>
            <div style={{ marginBottom: 8, color: "#666" }}>
              {t(sheet.kind === "YEAR" ? "assessment.final" : "assessment.provisional", {
                asOf: sheet.asOf,
                version: sheet.schemeVersion,
              })}
            </div>
            <Table
              size="small"
              rowKey="departmentId"
              dataSource={sheet.units}
              pagination={false}
              scroll={{ x: "max-content" }}
              onRow={(u) => ({ onClick: () => setDrill(u), style: { cursor: "pointer" } })}
              columns={[
                { title: t("assessment.rank"), dataIndex: "rank", width: 56, fixed: "left" },
                { title: t("assessment.unit"), dataIndex: "departmentName", fixed: "left" },
                ...kinds.map((k, i) => ({
                  key: k,
                  title: labelOf(schemeComponentLabels, k, locale),
                  render: (_: unknown, u: UnitLine) => u.components[i]?.points ?? "",
                })),
                { title: t("assessment.bonus"), dataIndex: "bonus" },
                { title: t("assessment.deduction"), dataIndex: "deduction" },
                {
                  title: t("assessment.total"),
                  dataIndex: "total",
                  render: (v: number) => <strong>{v}</strong>,
                },
              ]}
            />
          </>
        )}
      </QueryState>
      <DrillDrawer
        jurisdictionId={jurisdictionId}
        period={period}
        unit={drill}
        onClose={() => setDrill(null)}
      />
    </Card>
  );
}
