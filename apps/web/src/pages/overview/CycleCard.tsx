import { Card, Progress, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import type { Completion } from "./types.ts";

/** This cycle's reporting: share of expected reports submitted, and submitted on time. */
export function CycleCard({ data }: { data: Completion }) {
  const { t } = useI18n();
  const labels = useLabels();
  if (!data.cycle)
    return (
      <Card size="small" style={{ height: "100%" }}>
        <Typography.Text type="secondary">{t("overview.noCycle")}</Typography.Text>
      </Card>
    );
  const sum = data.departments.reduce(
    (s, d) => ({
      expected: s.expected + (d.ledger?.expected ?? 0),
      submitted: s.submitted + (d.ledger?.submitted ?? 0),
      onTime: s.onTime + (d.ledger?.onTime ?? 0),
    }),
    { expected: 0, submitted: 0, onTime: 0 },
  );
  const pct = (n: number) => (sum.expected ? Math.round((n / sum.expected) * 1000) / 10 : 0);
  return (
    <Card
      size="small"
      style={{ height: "100%" }}
      title={t("overview.cycle", { period: labels.period(data.cycle.period) })}
      styles={{ body: { paddingTop: 8 } }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("overview.completeness")} · {t("overview.submitted", sum)}
      </Typography.Text>
      <Progress percent={pct(sum.submitted)} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("overview.timeliness")}
      </Typography.Text>
      <Progress percent={pct(sum.onTime)} size="small" status="normal" />
    </Card>
  );
}
