import { Table, Typography } from "antd";
import { Fragment } from "react";
import { Link } from "react-router";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { formatValue } from "../indicators/trajectory.ts";
import type { Indicator, PlanDocument } from "../indicators/types.ts";

const headingLevel: Record<string, 3 | 4 | 5> = { PART: 3, CHAPTER: 3, SECTION: 4, SUBSECTION: 5 };

/**
 * The document in reading order: headings and paragraphs, 专栏 in their boxes, the indicator
 * table and other tables where they stood. All text is the plan's own and renders as plain text.
 */
export function PlanText({ doc, selected }: { doc: PlanDocument; selected: string | null }) {
  const { t } = useI18n();
  const tasksByNode = new Map<string, PlanDocument["tasksByNode"]>();
  for (const l of doc.tasksByNode)
    if (l.sourceNodeId)
      tasksByNode.set(l.sourceNodeId, [...(tasksByNode.get(l.sourceNodeId) ?? []), l]);
  const indicatorsByNode = new Map<string, Indicator[]>();
  for (const i of doc.indicators)
    if (i.sourceNodeId)
      indicatorsByNode.set(i.sourceNodeId, [...(indicatorsByNode.get(i.sourceNodeId) ?? []), i]);
  const unplacedIndicators = doc.indicators.filter((i) => !i.sourceNodeId);
  const tablesByNode = new Map<string, PlanDocument["tables"]>();
  for (const tb of doc.tables)
    if (tb.nodeId) tablesByNode.set(tb.nodeId, [...(tablesByNode.get(tb.nodeId) ?? []), tb]);
  return (
    <div className="plan-text">
      {unplacedIndicators.length ? <IndicatorTable indicators={unplacedIndicators} /> : null}
      {doc.nodes.map((n) => {
        const tasks = tasksByNode.get(n.id) ?? [];
        const heading = headingLevel[n.kind];
        const isBox = n.kind === "BOX";
        const inBox = n.kind === "BOX_ITEM";
        const body = (
          <>
            {heading ? (
              <Typography.Title level={heading} style={{ marginTop: 12 }}>
                {n.number} {n.title}
              </Typography.Title>
            ) : (
              <Typography.Text strong={isBox}>
                {n.number} {n.title}
                {n.title && n.body ? "。" : ""}
              </Typography.Text>
            )}
            {n.body ? <Typography.Text>{n.body}</Typography.Text> : null}
            {tasks.length ? (
              <div style={{ marginTop: 4 }}>
                {tasks.map((l) => (
                  <Link
                    key={l.id}
                    to={`/tasks?task=${l.id}`}
                    style={{ marginInlineEnd: 12, fontSize: 12 }}
                  >
                    → {t("plan.openTask")}：{l.title}
                  </Link>
                ))}
              </div>
            ) : null}
          </>
        );
        return (
          <Fragment key={n.id}>
            <section
              id={`node-${n.id}`}
              className={`plan-node${tasks.length ? " has-task" : ""}${selected === n.id ? " selected" : ""}${isBox ? " plan-box" : ""}${inBox ? " plan-box-item" : ""}`}
              aria-label={isBox ? `${t("plan.box")} ${n.number}` : undefined}
            >
              {body}
            </section>
            {indicatorsByNode.has(n.id) ? (
              <IndicatorTable indicators={indicatorsByNode.get(n.id)!} />
            ) : null}
            {(tablesByNode.get(n.id) ?? []).map((tb) => (
              <GenericTable key={tb.id} title={tb.title} rows={tb.rows as string[][]} />
            ))}
          </Fragment>
        );
      })}
    </div>
  );
}

function IndicatorTable({ indicators }: { indicators: Indicator[] }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Table<Indicator>
      size="small"
      style={{ margin: "8px 0", whiteSpace: "normal" }}
      title={() => <strong>{t("plan.indicatorTable")}</strong>}
      rowKey="id"
      bordered
      dataSource={indicators}
      pagination={false}
      columns={[
        { title: t("indicators.number"), dataIndex: "number", width: 56 },
        { title: t("indicators.name"), dataIndex: "name" },
        { title: t("indicators.unit"), dataIndex: "unit", width: 90 },
        {
          title: `${t("indicators.baseline")}`,
          width: 110,
          render: (_v, r) => `${formatValue(r.baselineValue)}（${r.baselineYear}）`,
        },
        {
          title: `${t("indicators.target")}`,
          width: 110,
          render: (_v, r) => `${formatValue(r.targetValue)}（${r.targetYear}）`,
        },
        { title: t("indicators.nature"), width: 70, render: (_v, r) => labels.nature(r.nature) },
      ]}
    />
  );
}

function GenericTable({ title, rows }: { title: string; rows: string[][] }) {
  const [head = [], ...body] = rows;
  return (
    <table
      style={{
        borderCollapse: "collapse",
        margin: "8px 0",
        width: "100%",
        whiteSpace: "normal",
        fontSize: 13,
      }}
    >
      <caption style={{ textAlign: "start", fontWeight: 600 }}>{title}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} style={{ border: "1px solid #e5e5e5", padding: 4, background: "#fafafa" }}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {body.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} style={{ border: "1px solid #e5e5e5", padding: 4 }}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
