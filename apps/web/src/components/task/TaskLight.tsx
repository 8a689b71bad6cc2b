import { Tag, Tooltip } from "antd";

import type { TrafficLightKey } from "@duban/domain/i18n";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { lightStyle } from "../../lib/status-colors.ts";

type Bands = { yellowLagPoints: number; redLagPoints: number; dueSoonDays: number };

/**
 * A task's traffic light as a tag with its text (红灯/黄灯/绿灯, never colour alone) and, when the
 * task is due soon, a 临期 tag; the tooltip says why with the jurisdiction's bands (issue #17 step 8).
 * Closed tasks (light null) show a dash.
 */
export function TaskLight({
  light,
  dueSoon,
  lagPoints,
  overdue,
  bands,
}: {
  light: TrafficLightKey | null;
  dueSoon: boolean;
  lagPoints: number;
  overdue: boolean;
  bands?: Bands;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!light) return <>—</>;
  const why = [
    overdue ? t("light.whyOverdue") : null,
    lagPoints > 0 ? t("light.whyBehind", { n: lagPoints }) : t("light.whyOnPace"),
    dueSoon && bands ? t("light.whyDueSoon", { n: bands.dueSoonDays }) : null,
    bands
      ? t("light.bands", {
          yellow: bands.yellowLagPoints,
          red: bands.redLagPoints,
          days: bands.dueSoonDays,
        })
      : null,
  ]
    .filter(Boolean)
    .join("；");
  const style = lightStyle[light];
  return (
    <Tooltip title={why}>
      <span
        style={{ whiteSpace: "nowrap" }}
        aria-label={`${labels.light(light)}${dueSoon ? ` ${t("light.dueSoon")}` : ""}：${why}`}
      >
        <Tag
          style={{ background: style.background, color: style.color, borderColor: style.border }}
        >
          {labels.light(light)}
        </Tag>
        {dueSoon ? (
          <Tag
            style={{
              background: lightStyle.YELLOW.background,
              color: lightStyle.YELLOW.color,
              borderColor: lightStyle.YELLOW.border,
            }}
          >
            {t("light.dueSoon")}
          </Tag>
        ) : null}
      </span>
    </Tooltip>
  );
}
