import { useQuery } from "@tanstack/react-query";
import { Card, Empty, Progress, Space, Table, Tag } from "antd";

import { QueryState } from "../../components/QueryState.tsx";
import { shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { formatValue } from "../indicators/trajectory.ts";
import { LatenessTag } from "./LatenessTag.tsx";
import type { AssignmentItem } from "./types.ts";

/** The given assignments grouped by the item handed down, in the server's order. */
export function groupByItem(assignments: readonly AssignmentItem[]) {
  const groups = new Map<string, { key: string; title: string; kind: AssignmentItem["kind"]; rows: AssignmentItem[] }>();
  for (const a of assignments) {
    const key = a.parentTaskId ?? a.parentIndicatorId ?? a.id;
    const group = groups.get(key) ?? { key, title: a.itemTitle, kind: a.kind, rows: [] };
    group.rows.push(a);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * 已下达: what the jurisdiction assigned below, one card per item with a row per county (state and
 * lateness, progress, weight, 分解时限). A row opens the assignment to change or withdraw it.
 */
export function GivenList({
  jurisdictionId,
  onOpen,
}: {
  jurisdictionId: string;
  onOpen: (id: string) => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const today = shanghaiToday();
  const list = useQuery(
    trpc.cascade.list.queryOptions({ jurisdictionId, direction: "given" }),
  );
  return (
    <QueryState
      query={list}
      isEmpty={(d) => d.items.length === 0}
      empty={<Empty description={t("assignments.noneGiven")} />}
    >
      {(d) => (
        <Space direction="vertical" style={{ width: "100%" }}>
          {groupByItem(d.items).map((g) => (
            <Card
              key={g.key}
              size="small"
              title={
                <span style={{ whiteSpace: "normal" }}>
                  <Tag>{labels.assignmentKind(g.kind)}</Tag>
                  {g.title}
                </span>
              }
            >
              <Table<AssignmentItem>
                size="small"
                rowKey="id"
                dataSource={g.rows}
                pagination={false}
                scroll={{ x: "max-content" }}
                onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: "pointer" } })}
                columns={[
                  {
                    title: t("assignments.to"),
                    fixed: "left",
                    render: (_v, r) => (
                      <a
                        href={`?assignment=${r.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          e.stopPropagation();
                          onOpen(r.id);
                        }}
                      >
                        {r.to.name}
                      </a>
                    ),
                  },
                  {
                    title: t("task.status"),
                    render: (_v, r) => (
                      <LatenessTag lateness={r.lateness} decomposeBy={r.decomposeBy} today={today} />
                    ),
                  },
                  {
                    title: t("assignments.progress"),
                    width: 140,
                    render: (_v, r) =>
                      r.state === "WITHDRAWN" ? (
                        "—"
                      ) : (
                        <Progress
                          percent={r.progress}
                          size="small"
                          aria-label={`${r.to.name} ${t("assignments.progress")} ${r.progress}%`}
                        />
                      ),
                  },
                  ...(g.kind === "INDICATOR"
                    ? [
                        {
                          title: t("shares.target"),
                          align: "right" as const,
                          render: (_v: unknown, r: AssignmentItem) => formatValue(r.shareTarget),
                        },
                      ]
                    : []),
                  {
                    title: t("cascade.weight"),
                    align: "right",
                    render: (_v, r) => formatValue(r.weight),
                  },
                  { title: t("cascade.decomposeBy"), render: (_v, r) => r.decomposeBy },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
    </QueryState>
  );
}
