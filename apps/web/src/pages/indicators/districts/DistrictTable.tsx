import { Table, Tag } from "antd";

import { TrafficLight } from "../../../components/indicator/TrafficLight.tsx";
import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { formatShortfall, formatValue } from "../trajectory.ts";
import { shownPeriods, type DistrictView } from "./types.ts";

type Row = {
  key: string;
  name: string;
  total: boolean;
  active: boolean;
  unit: string | null;
  baselineValue: number | null;
  targetValue: number | null;
  values: Map<string, { value: number | null; flag?: "disagrees" | "incomplete" }>;
  status: DistrictView["districts"][number]["assessment"]["status"];
  expected: number | null;
  shortfall: number | null;
  warnings: string[];
};

const warningColor = {
  OFF_TRACK: "red",
  AT_RISK: "orange",
  DISAGREES: "purple",
  MISSING: "default",
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
  const warningsOf = (id: string | null) =>
    view.warnings
      .filter((w) => w.partId === id)
      .map((w) => `${w.kind}|${locale === "en" ? w.messageEn : w.message}`);
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
        ...periods.map((p) => ({
          title: labels.period(p),
          key: p,
          align: "right" as const,
          render: (_v: unknown, r: Row) => {
            const cell = r.values.get(p);
            if (!cell) return "—";
            return (
              <span>
                {cell.flag === "incomplete" ? t("districts.incomplete") : formatValue(cell.value)}
                {cell.flag === "disagrees" ? (
                  <Tag color="purple" style={{ marginLeft: 4 }}>
                    {t("districts.disagrees")}
                  </Tag>
                ) : null}
              </span>
            );
          },
        })),
        {
          title: t("indicators.expectedNow"),
          dataIndex: "expected",
          align: "right",
          render: (v: number | null) => formatValue(v),
        },
        {
          title: t("indicators.shortfall"),
          dataIndex: "shortfall",
          align: "right",
          render: (v: number | null) => formatShortfall(v),
        },
        {
          title: t("indicators.status"),
          dataIndex: "status",
          render: (v: Row["status"]) => <TrafficLight status={v} />,
        },
        {
          title: t("districts.warnings"),
          dataIndex: "warnings",
          render: (ws: string[]) =>
            ws.length
              ? ws.map((w) => {
                  const [kind, text] = w.split("|") as [keyof typeof warningColor, string];
                  return (
                    <div key={w}>
                      <Tag color={warningColor[kind]}>{t(`districts.warning.${kind}`)}</Tag>
                      {text}
                    </div>
                  );
                })
              : "—",
        },
      ]}
    />
  );
}
