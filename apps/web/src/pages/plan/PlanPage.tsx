import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Collapse, Row, Tag, Tree } from "antd";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ParseWarningList } from "../../components/ParseWarningList.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import type { PlanDocument } from "../indicators/types.ts";
import { ancestors, buildTree } from "./plan-tree.ts";
import { PlanText } from "./PlanText.tsx";

export function PlanPage() {
  return <NeedPlan>{(plan) => <Plan plan={plan} />}</NeedPlan>;
}

function Plan({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const doc = useQuery(trpc.plan.document.queryOptions({ planId: plan.id }));
  return (
    <QueryState query={doc} rows={12}>
      {(d) => <Document doc={d} />}
    </QueryState>
  );
}

function Document({ doc }: { doc: PlanDocument }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const selected = params.get("node");
  const tree = useMemo(() => buildTree(doc.nodes), [doc.nodes]);
  const taskNodes = useMemo(
    () => new Set(doc.tasksByNode.map((l) => l.sourceNodeId)),
    [doc.tasksByNode],
  );
  const [expanded, setExpanded] = useState<string[]>(() => [
    ...doc.nodes.filter((n) => n.kind === "PART" || n.kind === "CHAPTER").map((n) => n.id),
    ...(selected ? ancestors(doc.nodes, selected) : []),
  ]);
  const activate = useAction(trpc.plan.activate.mutationOptions(), {
    invalidate: "work",
    success: t("plan.activated"),
  });
  const select = (id: string) => {
    setParams({ node: id }, { replace: true });
    document.getElementById(`node-${id}`)?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  const p = doc.plan;
  return (
    <>
      <PageHeader
        title={p.title}
        sub={
          t("plan.meta", {
            jurisdiction: p.jurisdiction.name,
            period: `${p.periodStart}–${p.periodEnd}`,
            status: labels.planStatus(p.status),
          }) + ` · ${t("plan.nodeCount", { n: doc.nodes.length })}`
        }
        extra={
          doc.access === "office" && p.status === "DRAFT" ? (
            <Button
              type="primary"
              loading={activate.pending}
              onClick={() => activate.run({ planId: p.id, version: p.version })}
            >
              {t("plan.activate")}
            </Button>
          ) : null
        }
      />
      {activate.error ? (
        <Alert type="error" showIcon title={activate.error} style={{ marginBottom: 12 }} />
      ) : null}
      {doc.warnings.length ? (
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          items={[
            {
              key: "w",
              label: t("plan.warnings", { n: doc.warnings.length }),
              children: <ParseWarningList warnings={doc.warnings} />,
            },
          ]}
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t("plan.tree")}
            styles={{ body: { maxHeight: "calc(100vh - 230px)", overflow: "auto" } }}
          >
            <Tree
              blockNode
              treeData={tree}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => keys[0] && select(String(keys[0]))}
              titleRender={(n) => (
                <span>
                  {n.title}
                  {taskNodes.has(n.key) ? (
                    <Tag color="red" style={{ marginInlineStart: 4 }}>
                      {t("plan.hasTask")}
                    </Tag>
                  ) : null}
                </span>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={t("plan.text")}
            styles={{ body: { maxHeight: "calc(100vh - 230px)", overflow: "auto" } }}
          >
            <PlanText doc={doc} selected={selected} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
