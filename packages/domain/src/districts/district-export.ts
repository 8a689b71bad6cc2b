import type { z } from "zod";

import type { DomainContext } from "../context.ts";
import { indicatorStatusLabels, periodLabel, rollupRuleLabels } from "../i18n/labels.ts";
import type { ZIndicatorDistrictsInput } from "../schemas/cascade.ts";
import { indicatorDistricts } from "./indicator-districts.ts";

const warningKind = {
  OFF_TRACK: "严重滞后",
  AT_RISK: "存在风险",
  DISAGREES: "总量不一致",
  MISSING: "未报送",
} as const;

/**
 * The 分片区 export of one indicator (GET /api/indicators/:indicatorId/districts.xlsx, built by
 * @duban/reports buildIndicatorDistrictsXlsx): exactly indicatorDistricts (same visibility: NOT_FOUND
 * when the actor cannot read the indicator), with the quarters labelled and the statuses and
 * rules in Chinese. Every quarter with a value is a column.
 */
export async function indicatorDistrictsWorkbook(
  ctx: DomainContext,
  input: z.infer<typeof ZIndicatorDistrictsInput>,
  options: { reportedBy?: Date } = {},
) {
  const v = await indicatorDistricts(ctx, input, options);
  const latestTotal = [...v.total].reverse().find((t) => t.value !== null && t.day <= v.asOf);
  return {
    fileName: `${v.indicator.name}-分片区.xlsx`,
    data: {
      indicator: {
        name: v.indicator.name,
        unit: v.indicator.unit,
        totalRuleLabel: rollupRuleLabels[v.indicator.totalRule].zh,
        comparisonLabel: v.indicator.comparison === "SUM" ? "合计" : "平均",
      },
      asOf: v.asOf,
      periods: v.periods.map((p) => ({ key: p, label: periodLabel(p, "zh-CN") })),
      districts: v.districts.map((d) => ({
        name: d.name,
        active: d.active,
        unit: d.unit?.name ?? null,
        baselineValue: d.baselineValue,
        targetValue: d.targetValue,
        values: Object.fromEntries(d.series.map((s) => [s.period, s.value])),
        status: d.assessment.status,
        statusLabel: indicatorStatusLabels[d.assessment.status].zh,
        expected: d.assessment.expected,
        shortfall: d.assessment.shortfall,
      })),
      total: {
        values: Object.fromEntries(v.total.map((t) => [t.period, t.value])),
        disagrees: Object.fromEntries(v.total.map((t) => [t.period, t.disagrees])),
        status: latestTotal?.status ?? "NO_DATA",
        statusLabel: indicatorStatusLabels[latestTotal?.status ?? "NO_DATA"].zh,
        expected: latestTotal?.expected ?? null,
        shortfall: latestTotal?.shortfall ?? null,
      },
      warnings: v.warnings.map((w) => ({
        kindLabel: warningKind[w.kind],
        period: periodLabel(w.period, "zh-CN"),
        message: w.message,
      })),
    },
  };
}
