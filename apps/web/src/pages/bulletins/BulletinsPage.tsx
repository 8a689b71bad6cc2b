import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Empty, Row, Select, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { scorePeriodText } from "./bulletin-format.ts";
import { BulletinDetail } from "./BulletinDetail.tsx";

type Row = RouterOutputs["bulletin"]["list"]["bulletins"][number];

/**
 * 督查通报 (issue #18): the jurisdiction's bulletins (drafts for the office, issued ones for all),
 * drafting one from a published score period, and the chosen bulletin (?bulletin=<id>) below.
 */
export function BulletinsPage() {
  return <NeedPlan>{(plan) => <Bulletins plan={plan} />}</NeedPlan>;
}

function Bulletins({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const selected = params.get("bulletin");
  const jurisdictionId = plan.jurisdiction.id;
  const list = useQuery(trpc.bulletin.list.queryOptions({ jurisdictionId }));
  const open = (id: string | null) => setParams(id ? { bulletin: id } : {});
  return (
    <>
      <PageHeader title={t("menu.bulletins")} sub={plan.jurisdiction.name} />
      {list.data?.canCreate ? (
        <CreateFromPublication jurisdictionId={jurisdictionId} onCreated={open} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={<h2 className="card-title">{t("bulletins.list")}</h2>}>
            <QueryState
              query={list}
              isEmpty={(d) => d.bulletins.length === 0}
              empty={<Empty description={t("bulletins.none")} />}
            >
              {(d) => (
                <Table<Row>
                  size="small"
                  rowKey="id"
                  dataSource={d.bulletins}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  rowClassName={(r) => (r.id === selected ? "ant-table-row-selected" : "")}
                  onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: "pointer" } })}
                  columns={[
                    {
                      title: t("bulletins.period"),
                      render: (_v, r) => scorePeriodText(r.period, locale),
                    },
                    {
                      title: t("bulletins.docNumber"),
                      render: (_v, r) => (
                        <Button type="link" size="small" onClick={() => open(r.id)}>
                          {r.docNumber ?? t("bulletins.untitledDraft")}
                        </Button>
                      ),
                    },
                    {
                      title: t("bulletins.state"),
                      render: (_v, r) => (
                        <Tag color={r.state === "ISSUED" ? "green" : "default"}>
                          {labels.bulletinState(r.state)}
                        </Tag>
                      ),
                    },
                  ]}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          {selected ? (
            <BulletinDetail key={selected} bulletinId={selected} onGone={() => open(null)} />
          ) : (
            <Card size="small">
              <Empty description={t("bulletins.choose")} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}

/** The office drafts a bulletin from one of the published score periods. */
function CreateFromPublication({
  jurisdictionId,
  onCreated,
}: {
  jurisdictionId: string;
  onCreated: (id: string) => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const sources = useQuery(trpc.bulletin.sources.queryOptions({ jurisdictionId }));
  const [publicationId, setPublicationId] = useState<string | undefined>();
  const create = useAction(trpc.bulletin.create.mutationOptions(), {
    invalidate: [trpc.bulletin.list.queryFilter({ jurisdictionId })],
    success: t("bulletins.created"),
    onSuccess: (b) => onCreated(b.id),
  });
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space wrap>
        <Select
          aria-label={t("bulletins.publication")}
          placeholder={t("bulletins.publication")}
          style={{ minWidth: 220, maxWidth: "100%" }}
          loading={sources.isLoading}
          value={publicationId}
          onChange={setPublicationId}
          notFoundContent={t("bulletins.noPublications")}
          options={(sources.data ?? []).map((s) => ({
            value: s.id,
            label:
              scorePeriodText(s.period, locale) +
              (s.bulletins ? ` · ${t("bulletins.hasBulletins", { n: s.bulletins })}` : ""),
          }))}
        />
        <Button
          type="primary"
          disabled={!publicationId}
          loading={create.pending}
          onClick={() => publicationId && create.run({ publicationId })}
        >
          {t("bulletins.create")}
        </Button>
      </Space>
      {create.error ? (
        <div role="alert" style={{ color: "#cf1322", marginTop: 8 }}>
          {create.error}
        </div>
      ) : null}
    </Card>
  );
}
