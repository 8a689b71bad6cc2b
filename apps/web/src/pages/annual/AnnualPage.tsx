import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Flex, Form, Modal, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";

import { ZCreateAnnualPlanInput } from "@duban/domain/schemas";

import type { PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedInput } from "../../components/LimitedInput.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { shanghaiYear } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { DownloadButton } from "../evaluations/DownloadButton.tsx";
import { defaultYear, yearOptions } from "./annual-years.ts";
import { AnnualToolbar } from "./AnnualToolbar.tsx";
import { ImportModal } from "./ImportModal.tsx";
import { ItemsTable } from "./ItemsTable.tsx";

/** 年度工作要点 (issue #18): a year's items drawn from the plan; the office edits, others read. */
export function AnnualPage() {
  return <NeedPlan>{(plan, access) => <Annual plan={plan} access={access} />}</NeedPlan>;
}

function Annual({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const list = useQuery(trpc.annualPlan.list.queryOptions({ planId: plan.id }));
  const asked = Number(params.get("year")) || null;
  const year = defaultYear(
    plan,
    shanghaiYear(),
    (list.data ?? []).map((p) => p.year),
    asked,
  );
  const current = list.data?.find((p) => p.year === year) ?? null;
  const office = access === "office";
  const detail = useQuery({
    ...trpc.annualPlan.get.queryOptions({ annualPlanId: current?.id ?? "" }),
    enabled: !!current,
  });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const yearPicker = (
    <Select
      aria-label={t("annual.year")}
      value={year}
      style={{ width: 110 }}
      options={yearOptions(plan).map((y) => ({ value: y, label: `${y}` }))}
      onChange={(y) => setParams({ year: String(y) })}
    />
  );
  const d = detail.data;
  return (
    <>
      <PageHeader
        title={t("menu.annual")}
        sub={d ? d.title : undefined}
        extra={
          <>
            {yearPicker}
            {d ? (
              <DownloadButton
                url={`/api/annual-plans/${d.id}/export.xlsx`}
                name={`${d.title}.xlsx`}
                label={t("annual.export")}
              />
            ) : null}
          </>
        }
      />
      <QueryState query={list}>
        {() =>
          !current ? (
            <Card>
              <Empty description={t(office ? "annual.none" : "annual.noneReader", { year })}>
                {office ? (
                  <Space wrap style={{ justifyContent: "center" }}>
                    <Button type="primary" onClick={() => setCreating(true)}>
                      {t("annual.create")}
                    </Button>
                    <Button onClick={() => setImporting(true)}>{t("annual.import")}</Button>
                  </Space>
                ) : null}
              </Empty>
            </Card>
          ) : (
            <QueryState query={detail}>
              {(plan2) => (
                <Card size="small">
                  <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
                    <Tag color={plan2.status === "ISSUED" ? "green" : "default"}>
                      {labels.annualPlanStatus(plan2.status)}
                    </Tag>
                    {plan2.docNumber ? <span>{plan2.docNumber}</span> : null}
                    <span style={{ color: "#71717a" }}>
                      {t("annual.items", {
                        n: plan2.items.length,
                        done: plan2.items.filter((i) => i.outcome.done).length,
                      })}
                    </span>
                  </Flex>
                  {plan2.canEdit && plan2.status === "DRAFT" ? (
                    <Alert
                      type="info"
                      showIcon
                      title={t("annual.officeDraft")}
                      style={{ marginBottom: 12 }}
                    />
                  ) : null}
                  {plan2.canEdit ? (
                    <AnnualToolbar plan={plan} annual={plan2} onImport={() => setImporting(true)} />
                  ) : null}
                  <ItemsTable plan={plan} annual={plan2} />
                </Card>
              )}
            </QueryState>
          )
        }
      </QueryState>
      {creating ? (
        <CreateModal planId={plan.id} year={year} onClose={() => setCreating(false)} />
      ) : null}
      {importing ? (
        <ImportModal planId={plan.id} year={year} onClose={() => setImporting(false)} />
      ) : null}
    </>
  );
}

function CreateModal({
  planId,
  year,
  onClose,
}: {
  planId: string;
  year: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const create = useAction(trpc.annualPlan.create.mutationOptions(), {
    invalidate: [trpc.annualPlan.pathFilter()],
    success: t("annual.created"),
    onSuccess: onClose,
  });
  return (
    <Modal
      open
      title={`${t("annual.create")} · ${year}`}
      onCancel={onClose}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={create.pending}
      onOk={() =>
        create.run(ZCreateAnnualPlanInput.parse({ planId, year, title: title.trim() || undefined }))
      }
    >
      {create.error ? (
        <Alert type="error" showIcon title={create.error} style={{ marginBottom: 12 }} />
      ) : null}
      <Form layout="vertical">
        <Form.Item label={t("annual.titleOptional")} htmlFor="annual-create-title">
          <LimitedInput
            id="annual-create-title"
            schema={ZCreateAnnualPlanInput}
            field="title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
