import { useQuery } from "@tanstack/react-query";
import { Card, Table, Tag } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC } from "../../lib/trpc.ts";
import { DownloadButton } from "../evaluations/DownloadButton.tsx";

/** The year's published score sheets, newest first, each downloadable as .xlsx (issue #18). */
export function PublicationsCard({
  jurisdictionId,
  year,
}: {
  jurisdictionId: string;
  year: number;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const list = useQuery(trpc.assessment.publications.queryOptions({ jurisdictionId, year }));
  return (
    <Card size="small">
      <QueryState query={list}>
        {(rows) => (
          <Table
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: "max-content" }}
            columns={[
              { title: t("assessment.period"), dataIndex: "period" },
              {
                title: t("assessment.schemeVersion"),
                render: (_, p) => p.sheet.schemeVersion,
              },
              {
                title: t("assessment.publishedAt"),
                render: (_, p) => formatDateTime(p.publishedAt),
              },
              {
                title: t("assessment.state"),
                render: (_, p) =>
                  p.supersededAt ? (
                    <Tag>{t("assessment.superseded")}</Tag>
                  ) : (
                    <Tag color="green">{t("assessment.current")}</Tag>
                  ),
              },
              {
                title: t("common.actions"),
                render: (_, p) => (
                  <DownloadButton
                    size="small"
                    url={`/api/score-publications/${p.id}/sheet.xlsx`}
                    name={`考核得分-${p.period}.xlsx`}
                    label={t("assessment.downloadSheet")}
                  />
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
