import { Card, Flex, Progress, Tag, Typography } from "antd";

import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { LatenessTag } from "./LatenessTag.tsx";
import type { AssignmentItem } from "./types.ts";

/**
 * One received assignment as a card (a phone's width): what, from whom, its state and 分解时限 with
 * the lateness tag, and its progress once decomposed. The whole card opens it.
 */
export function AssignmentCard({
  assignment: a,
  today,
  onOpen,
}: {
  assignment: AssignmentItem;
  today: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Card
      size="small"
      hoverable
      onClick={() => onOpen(a.id)}
      data-testid={`assignment-${a.id}`}
      style={a.lateness === "late" ? { borderColor: "#ff4d4f" } : undefined}
    >
      <Flex vertical gap={6}>
        <div>
          <Tag>{labels.assignmentKind(a.kind)}</Tag>
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              onOpen(a.id);
            }}
            strong
          >
            {a.itemTitle}
          </Typography.Link>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("assignments.from")}：{a.from.name} · {t("cascade.decomposeBy")}：
          {a.decomposeBy}
        </Typography.Text>
        <Flex wrap gap={4} align="center">
          <LatenessTag lateness={a.lateness} decomposeBy={a.decomposeBy} today={today} />
          {a.kind === "INDICATOR" && a.shareTarget !== null ? (
            <Typography.Text style={{ fontSize: 12 }}>
              {t("shares.target")} {a.shareTarget}
              {a.unit ?? ""}
            </Typography.Text>
          ) : null}
        </Flex>
        {a.state === "DECOMPOSED" ? (
          <Progress
            percent={a.progress}
            size="small"
            aria-label={`${t("assignments.progress")} ${a.progress}%`}
          />
        ) : null}
      </Flex>
    </Card>
  );
}
