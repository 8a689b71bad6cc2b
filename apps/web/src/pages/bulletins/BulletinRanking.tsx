import { Table, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { points } from "./bulletin-format.ts";

type Bulletin = RouterOutputs["bulletin"]["get"];
type Row = Bulletin["ranking"][number];

/** The ranking the bulletin prints: rank, unit, total, each component's points, 加减分. */
export function BulletinRanking({ b }: { b: Bulletin }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t("bulletins.ranking")}
      </Typography.Title>
      <Table<Row>
        size="small"
        rowKey="departmentId"
        dataSource={b.ranking}
        pagination={false}
        scroll={{ x: 360 + b.components.length * 110 }}
        columns={[
          { title: t("bulletins.rank"), dataIndex: "rank", width: 60, fixed: "left" },
          {
            title: t("bulletins.unit"),
            dataIndex: "departmentName",
            width: 150,
            fixed: "left",
          },
          {
            title: t("bulletins.total"),
            width: 80,
            align: "right",
            render: (_v, r) => points(r.total),
          },
          ...b.components.map((kind) => ({
            title: labels.schemeComponent(kind),
            key: kind,
            width: 110,
            align: "right" as const,
            render: (_v: unknown, r: Row) => {
              const c = r.components.find((x) => x.kind === kind);
              return c ? points(c.points) : "—";
            },
          })),
          {
            title: t("bulletins.adjustment"),
            width: 80,
            align: "right",
            render: (_v, r) => points(r.bonus + r.deduction),
          },
        ]}
      />
    </>
  );
}
