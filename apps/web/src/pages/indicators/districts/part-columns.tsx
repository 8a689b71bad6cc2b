import { Tag } from "antd";
import type { ColumnsType } from "antd/es/table";

import { TrafficLight } from "../../../components/indicator/TrafficLight.tsx";
import type { I18n } from "../../../lib/i18n.tsx";
import type { Labels } from "../../../lib/labels.ts";
import { formatShortfall, formatValue } from "../trajectory.ts";

/** A warning's kind as the server names it (districts/share warnings). */
export type PartWarningKind = "OFF_TRACK" | "AT_RISK" | "DISAGREES" | "MISSING";

/**
 * What a row of parts side by side carries — a 片区 (DistrictTable) or a county's share
 * (SharesTable) — and the total row under them, for the columns both tables share.
 */
export type PartRow = {
  key: string;
  total: boolean;
  /** per period: the value, and a flag on the total (an OWN total that disagrees; parts missing) */
  values: Map<string, { value: number | null; flag?: "disagrees" | "incomplete" }>;
  status: Parameters<typeof TrafficLight>[0]["status"];
  expected: number | null;
  shortfall: number | null;
  warnings: Array<{ kind: PartWarningKind; text: string }>;
};

const warningColor: Record<PartWarningKind, string> = {
  OFF_TRACK: "red",
  AT_RISK: "orange",
  DISAGREES: "purple",
  MISSING: "default",
};

/** The server's warnings of one part (`partId`; null: the total), in the reader's language. */
export function partWarnings(
  warnings: ReadonlyArray<{
    partId: string | null;
    kind: PartWarningKind;
    message: string;
    messageEn: string;
  }>,
  partId: string | null,
  locale: string,
): PartRow["warnings"] {
  return warnings
    .filter((w) => w.partId === partId)
    .map((w) => ({ kind: w.kind, text: locale === "en" ? w.messageEn : w.message }));
}

/**
 * The columns after each table's own: one per shown period (a disagreeing total tagged, an
 * incomplete one said so), the value expected now, the shortfall, the light and the warnings.
 */
export function partSeriesColumns<R extends PartRow>(
  periods: readonly string[],
  { t }: Pick<I18n, "t">,
  labels: Labels,
): ColumnsType<R> {
  return [
    ...periods.map((p) => ({
      title: labels.period(p),
      key: p,
      align: "right" as const,
      render: (_v: unknown, r: R) => {
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
      render: (v: R["status"]) => <TrafficLight status={v} />,
    },
    {
      title: t("districts.warnings"),
      dataIndex: "warnings",
      render: (ws: R["warnings"]) =>
        ws.length
          ? ws.map((w) => (
              <div key={`${w.kind}${w.text}`}>
                <Tag color={warningColor[w.kind]}>{t(`districts.warning.${w.kind}`)}</Tag>
                {w.text}
              </div>
            ))
          : "—",
    },
  ];
}
