import { useQuery } from "@tanstack/react-query";
import { Tag, Timeline, Typography } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { HistoryEntry } from "./types.ts";

const reviewColor = { SUBMITTED: "gold", APPROVED: "green", RETURNED: "volcano" } as const;

/** Every revision of the reports on a task (newest first), optionally one unit's only. */
export function EntryHistory({
  taskId,
  departmentId,
  period,
}: {
  taskId: string;
  departmentId?: string;
  period?: string;
}) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const history = useQuery(trpc.ledger.history.queryOptions({ taskId }));
  return (
    <QueryState query={history} isEmpty={(h) => filter(h).length === 0}>
      {(h) => (
        <Timeline
          items={filter(h).map((e) => ({
            color:
              e.reviewState === "APPROVED"
                ? "green"
                : e.reviewState === "RETURNED"
                  ? "red"
                  : "blue",
            content: (
              <div>
                <Typography.Text strong>
                  {labels.period(e.period)} · {t("ledger.revision", { n: e.revision })}
                </Typography.Text>{" "}
                <Tag color={reviewColor[e.reviewState]}>{labels.review(e.reviewState)}</Tag>
                {e.late ? <Tag color="red">{t("ledger.late")}</Tag> : null}
                {departmentId ? null : (
                  <Typography.Text type="secondary"> {e.department.name}</Typography.Text>
                )}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.submittedAt, locale)} · {e.percentComplete}% ·{" "}
                    {labels.taskStatus(e.status)}
                  </Typography.Text>
                </div>
                <Typography.Paragraph
                  style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}
                  ellipsis={{ rows: 3, expandable: true }}
                >
                  {e.progressText}
                </Typography.Paragraph>
                {e.reviewComment ? (
                  <Typography.Text type={e.reviewState === "RETURNED" ? "danger" : "secondary"}>
                    {t("ledger.reviewComment")}：{e.reviewComment}
                  </Typography.Text>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
    </QueryState>
  );

  function filter(h: HistoryEntry[]) {
    return h.filter(
      (e) => (!departmentId || e.departmentId === departmentId) && (!period || e.period === period),
    );
  }
}
