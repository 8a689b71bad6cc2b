import { useQuery } from "@tanstack/react-query";
import { Descriptions, Drawer, Empty, List, Tag, Typography } from "antd";

import { labelOf, schemeComponentLabels } from "@duban/domain/i18n";

import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";

/** One unit's score, component by component, with the rows that produced each figure (issue #18). */
export function DrillDrawer({
  jurisdictionId,
  period,
  unit,
  onClose,
}: {
  jurisdictionId: string;
  period: string;
  unit: { departmentId: string; departmentName: string } | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const drill = useQuery({
    ...trpc.assessment.drillDown.queryOptions({
      jurisdictionId,
      period,
      departmentId: unit?.departmentId ?? "",
    }),
    enabled: !!unit,
  });
  return (
    <Drawer
      open={!!unit}
      onClose={onClose}
      title={unit ? `${unit.departmentName} · ${period}` : ""}
      width="min(640px, 100vw)"
    >
      <QueryState query={drill}>
        {(d) => (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t("assessment.rank")}>{d.line.rank}</Descriptions.Item>
              <Descriptions.Item label={t("assessment.total")}>{d.line.total}</Descriptions.Item>
            </Descriptions>
            {d.components.map((c) => (
              <div key={c.kind} style={{ marginBottom: 16 }}>
                <Typography.Title level={5} style={{ marginBottom: 4 }}>
                  {labelOf(schemeComponentLabels, c.kind, locale)}：{c.points} / {c.effectiveWeight}
                  {c.ratio === null ? (
                    <Tag style={{ marginLeft: 8 }}>{t("assessment.notApplicable")}</Tag>
                  ) : null}
                </Typography.Title>
                {c.lines.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("common.none")} />
                ) : (
                  <List
                    size="small"
                    dataSource={c.lines}
                    renderItem={(l) => (
                      <List.Item>
                        <span style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                          <Tag color={l.counts ? "green" : "red"}>
                            {t(l.counts ? "assessment.for" : "assessment.against")}
                          </Tag>
                          {l.title}
                          {l.period ? ` · ${l.period}` : ""}
                          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                            {Object.entries(l.detail)
                              .filter(([, v]) => v !== null)
                              .map(([k, v]) => `${k}: ${String(v)}`)
                              .join("，")}
                          </Typography.Text>
                        </span>
                      </List.Item>
                    )}
                  />
                )}
              </div>
            ))}
            <Typography.Title level={5}>{t("assessment.adjustments")}</Typography.Title>
            <List
              size="small"
              dataSource={d.adjustments}
              locale={{ emptyText: t("common.none") }}
              renderItem={(a) => (
                <List.Item>
                  {a.period} · {a.points > 0 ? `+${a.points}` : a.points} · {a.reason}
                </List.Item>
              )}
            />
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
