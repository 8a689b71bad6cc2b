import { Table, Tag } from "antd";
import { Link } from "react-router";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import {
  partSeriesColumns,
  partWarnings,
  type PartRow,
} from "../indicators/districts/part-columns.tsx";
import { shownPeriods } from "../indicators/districts/types.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { assignmentHref } from "./links.ts";
import type { SharesView } from "./shares-types.ts";

type Row = PartRow & {
  name: string;
  assignmentId: string | null;
  state: SharesView["children"][number]["state"] | null;
  shareBaseline: number | null;
  shareTarget: number | null;
  weight: number | null;
};

/**
 * 份额 (issue #19, the cascade): each child jurisdiction's share of a parent indicator side by
 * side with the rolled-up value. One row per county (its 下达 state, share baseline and target,
 * weight, the latest quarters, its light against its own share), then the total by the parent's
 * rule. An OWN total that disagrees with the shares is tagged in its cell; a total the actor
 * cannot see whole (`partial`) is the parent's own value only (the server decides).
 */
export function SharesTable({ view }: { view: SharesView }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const periods = shownPeriods(view);
  const warningsOf = (id: string | null) => partWarnings(view.warnings, id, locale);
  const latestTotal = [...view.total].reverse().find((r) => r.value !== null) ?? null;
  const rows: Row[] = [
    ...view.children.map((c) => ({
      key: c.assignmentId,
      name: c.jurisdiction.name,
      total: false,
      assignmentId: c.assignmentId,
      state: c.state,
      shareBaseline: c.shareBaseline,
      shareTarget: c.shareTarget,
      weight: c.weight,
      values: new Map(c.series.map((s) => [s.period, { value: s.value }])),
      status: c.assessment.status,
      expected: c.assessment.expected,
      shortfall: c.assessment.shortfall,
      warnings: warningsOf(c.jurisdiction.id),
    })),
    {
      key: "total",
      name: `${t("shares.total")}（${labels.rollupRule(view.indicator.rule)}）`,
      total: true,
      assignmentId: null,
      state: null,
      shareBaseline: null,
      shareTarget: null,
      weight: null,
      values: new Map(
        view.total.map((r) => [
          r.period,
          {
            value: r.value,
            flag: r.disagrees
              ? "disagrees"
              : !r.complete && r.value === null
                ? "incomplete"
                : undefined,
          },
        ]),
      ),
      status: latestTotal?.status ?? "NO_DATA",
      expected: latestTotal?.expected ?? null,
      shortfall: latestTotal?.shortfall ?? null,
      warnings: warningsOf(null),
    },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: "max-content" }}
      rowClassName={(r) => (r.total ? "district-total-row" : "")}
      columns={[
        {
          title: t("shares.jurisdiction"),
          dataIndex: "name",
          fixed: "left",
          render: (v: string, r) =>
            r.total ? (
              <span style={{ fontWeight: 600 }}>{v}</span>
            ) : (
              <span>
                {r.assignmentId ? <Link to={assignmentHref(r.assignmentId)}>{v}</Link> : v}
                {r.state ? (
                  <Tag
                    style={{ marginLeft: 4 }}
                    color={r.state === "PENDING" ? "orange" : undefined}
                  >
                    {labels.assignmentState(r.state)}
                  </Tag>
                ) : null}
              </span>
            ),
        },
        {
          title: t("shares.baseline"),
          dataIndex: "shareBaseline",
          align: "right",
          render: (v: number | null, r) => (r.total ? "" : formatValue(v)),
        },
        {
          title: t("shares.target"),
          dataIndex: "shareTarget",
          align: "right",
          render: (v: number | null, r) => (r.total ? "" : formatValue(v)),
        },
        {
          title: t("cascade.weight"),
          dataIndex: "weight",
          align: "right",
          render: (v: number | null) => (v === null ? "" : formatValue(v)),
        },
        ...partSeriesColumns<Row>(periods, { t }, labels),
      ]}
    />
  );
}
