import { Table, Tag } from "antd";

import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { formatValue } from "../trajectory.ts";
import { partSeriesColumns, partWarnings, type PartRow } from "./part-columns.tsx";
import { shownPeriods, type DistrictView } from "./types.ts";

type Row = PartRow & {
  name: string;
  active: boolean;
  unit: string | null;
  baselineValue: number | null;
  targetValue: number | null;
};

/**
 * The 片区 of an indicator side by side (issue #19): one row per 片区 (retired ones marked) and
 * the total by the indicator's rule, the latest quarters as columns, each 片区's target, its light
 * at the latest quarter (its own trajectory and 年度目标), the expected value and its warnings.
 * An OWN total that disagrees with the 片区 is tagged in its cell.
 */
export function DistrictTable({ view }: { view: DistrictView }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const periods = shownPeriods(view);
  const warningsOf = (id: string | null) => partWarnings(view.warnings, id, locale);
  const latestTotal = [...view.total].reverse().find((r) => r.value !== null) ?? null;
  const rows: Row[] = [
    ...view.districts.map((d) => ({
      key: d.districtId,
      name: d.name,
      total: false,
      active: d.active,
      unit: d.unit?.name ?? null,
      baselineValue: d.baselineValue,
      targetValue: d.targetValue,
      values: new Map(d.series.map((s) => [s.period, { value: s.value }])),
      status: d.assessment.status,
      expected: d.assessment.expected,
      shortfall: d.assessment.shortfall,
      warnings: warningsOf(d.districtId),
    })),
    {
      key: "total",
      name: `${t("districts.total")}（${labels.rollupRule(view.indicator.totalRule)}）`,
      total: true,
      active: true,
      unit: view.indicator.responsibleDepartment?.name ?? null,
      baselineValue: null,
      targetValue: null,
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
          title: t("districts.district"),
          dataIndex: "name",
          fixed: "left",
          render: (v: string, r) => (
            <span style={r.total ? { fontWeight: 600 } : undefined}>
              {v}
              {r.active ? null : <Tag style={{ marginLeft: 4 }}>{t("districts.retired")}</Tag>}
            </span>
          ),
        },
        {
          title: t("districts.enteredBy"),
          dataIndex: "unit",
          render: (v: string | null) => v ?? "—",
        },
        {
          title: t("indicators.baseline"),
          dataIndex: "baselineValue",
          align: "right",
          render: (v: number | null, r) => (r.total ? "" : formatValue(v)),
        },
        {
          title: t("indicators.target"),
          dataIndex: "targetValue",
          align: "right",
          render: (v: number | null, r) => (r.total ? "" : formatValue(v)),
        },
        ...partSeriesColumns<Row>(periods, { t }, labels),
      ]}
    />
  );
}
