import { Alert, Button, Card, Descriptions, Tabs } from "antd";
import { useState } from "react";

import type { PlanAccess } from "../../app/access.ts";
import { useSession, type PlanSummary } from "../../app/plan-context.tsx";
import { TrafficLight } from "../../components/indicator/TrafficLight.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { SharesPanel } from "../cascade/SharesPanel.tsx";
import { InstructionPanel } from "../tasks/loop/InstructionPanel.tsx";
import { AdjustDialog } from "./AdjustDialog.tsx";
import { AdjustmentHistory } from "./AdjustmentHistory.tsx";
import { AnnualTargets } from "./AnnualTargets.tsx";
import { DistrictPanel } from "./districts/DistrictPanel.tsx";
import { IndicatorSettings } from "./IndicatorSettings.tsx";
import { ObservationForm } from "./ObservationForm.tsx";
import { ObservationHistory } from "./ObservationHistory.tsx";
import { formatShortfall, formatValue } from "./trajectory.ts";
import { TrajectoryChart } from "./TrajectoryChart.tsx";
import type { IndicatorRow, IndicatorWarning } from "./types.ts";
import { WarningList } from "./WarningList.tsx";

/**
 * One indicator: its light and figures, the trajectory chart (original and adjusted paths, annual
 * targets), value entry, history, 年度目标, adjustments (调整 for the office) and settings.
 */
export function IndicatorDetail({
  plan,
  access,
  indicator,
  warnings,
}: {
  plan: PlanSummary;
  access: PlanAccess;
  indicator: IndicatorRow;
  warnings: IndicatorWarning[];
}) {
  const { t } = useI18n();
  const labels = useLabels();
  const { myDepartments } = useSession();
  const office = access === "office";
  const [adjusting, setAdjusting] = useState(false);
  const responsible =
    !!indicator.responsibleDepartmentId &&
    access === "department" &&
    myDepartments.includes(indicator.responsibleDepartmentId);
  const a = indicator.assessment;
  const unit = indicator.unit ? `（${indicator.unit}）` : "";
  const tabs = [
    ...(office || responsible
      ? [
          {
            key: "entry",
            label: t("indicators.entry"),
            children: <ObservationForm plan={plan} indicator={indicator} />,
          },
        ]
      : []),
    // 分片区监测 (issue #19): the office configures it; everyone reading sees it once on
    ...(office || indicator.byDistrict
      ? [
          {
            key: "districts",
            label: t("districts.tab"),
            children: <DistrictPanel plan={plan} indicator={indicator} />,
          },
        ]
      : []),
    // 份额 (issue #19): each county's share beside the roll-up; the office assigns them here
    ...(office || access === "read"
      ? [
          {
            key: "shares",
            label: t("shares.tab"),
            children: <SharesPanel plan={plan} indicator={indicator} office={office} />,
          },
        ]
      : []),
    {
      key: "history",
      label: t("indicators.history"),
      children: <ObservationHistory indicatorId={indicator.id} />,
    },
    {
      key: "targets",
      label: t("targets.title"),
      children: <AnnualTargets plan={plan} indicator={indicator} office={office} />,
    },
    {
      key: "adjustments",
      label: t("adjust.history"),
      children: <AdjustmentHistory indicatorId={indicator.id} />,
    },
    {
      key: "instructions",
      label: t("instruction.title"),
      children: (
        <InstructionPanel on={{ kind: "INDICATOR", indicatorId: indicator.id }} plan={plan} />
      ),
    },
    ...(office
      ? [
          {
            key: "settings",
            label: t("indicators.settings"),
            children: <IndicatorSettings plan={plan} indicator={indicator} />,
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{`${indicator.name}${unit}`}</h2>}
      extra={<TrafficLight status={a.status} />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          {
            key: "baseline",
            label: t("indicators.baseline"),
            children: `${formatValue(indicator.baselineValue)}（${indicator.baselineYear}）`,
          },
          {
            key: "target",
            label: t("indicators.target"),
            children: `${formatValue(indicator.targetValue)}（${indicator.targetYear}）`,
          },
          {
            key: "nature",
            label: t("indicators.nature"),
            children: labels.nature(indicator.nature),
          },
          {
            key: "latest",
            label: t("indicators.latest"),
            children: indicator.latest
              ? `${formatValue(indicator.latest.value)}（${labels.period(indicator.latest.period)}）`
              : t("indicators.noValue"),
          },
          {
            key: "expected",
            label: t("indicators.expectedNow"),
            children: formatValue(a.expected),
          },
          {
            key: "shortfall",
            label: t("indicators.shortfall"),
            children: formatShortfall(a.shortfall),
          },
          {
            key: "responsible",
            label: t("indicators.responsible"),
            children: indicator.responsibleDepartment?.name ?? t("indicators.noResponsible"),
          },
        ]}
      />
      {office ? (
        // below the figures rather than in the card's title bar, which has no room at 375 px
        <Button size="small" style={{ margin: "8px 0" }} onClick={() => setAdjusting(true)}>
          {t("adjust.open")}
        </Button>
      ) : null}
      <TrajectoryChart indicator={indicator} />
      {warnings.length ? <WarningList warnings={warnings} /> : null}
      {!indicator.responsibleDepartmentId && office ? (
        <Alert
          type="info"
          showIcon
          style={{ margin: "8px 0" }}
          title={t("indicators.setResponsibleHint")}
        />
      ) : null}
      <Tabs size="small" items={tabs} />
      {adjusting ? (
        <AdjustDialog indicator={indicator} onClose={() => setAdjusting(false)} />
      ) : null}
    </Card>
  );
}
