import { Badge, Card, Col, Flex, List, Row, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";

import {
  changeRequestKindLabels,
  labelOf,
  noticeLevelLabels,
  periodLabel,
} from "@duban/domain/i18n";

import { formatDateTime, shanghaiDay } from "../../lib/dates.ts";
import { useI18n, type MessageKey } from "../../lib/i18n.tsx";
import type { RouterOutputs } from "../../lib/trpc.ts";

export type OfficeTodoData = RouterOutputs["supervision"]["officeTodo"];
export type UnitTodoData = RouterOutputs["supervision"]["unitTodo"];

const NOTICE_COLOR = { BLUE: "blue", YELLOW: "gold", RED: "red" } as const;

type Item = { key: string; taskId: string; taskTitle: string; meta: ReactNode; tags?: ReactNode };

/**
 * One 待办 list as a card: its count, and each item as a link to the task's page with a line of
 * what and when. Cards and wrapped lines, not tables: usable at 375 px.
 */
function TodoCard({ title, count, items }: { title: MessageKey; count: number; items: Item[] }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <span style={{ whiteSpace: "normal" }}>{t(title)}</span>
          <Badge count={count} showZero color={count ? "#b8202e" : "#bfbfbf"} />
        </Flex>
      }
      style={{ height: "100%" }}
      data-testid={`todo-${title}`}
    >
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: t("todo.none") }}
        renderItem={(item) => (
          <List.Item key={item.key} style={{ display: "block", paddingInline: 0 }}>
            <Link to={`/tasks/${item.taskId}`} style={{ overflowWrap: "anywhere" }}>
              {item.taskTitle}
            </Link>
            <Flex wrap gap={4} align="center" style={{ marginTop: 2 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.meta}
              </Typography.Text>
              {item.tags}
            </Flex>
          </List.Item>
        )}
      />
      {count > items.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("todo.more", { n: count - items.length })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function Cards({ children }: { children: ReactNode[] }) {
  return (
    <Row gutter={[12, 12]}>
      {children.map((c, i) => (
        <Col key={i} xs={24} lg={12} style={{ minWidth: 0 }}>
          {c}
        </Col>
      ))}
    </Row>
  );
}

/** The office's lists (or a leader's: change requests awaiting the leader). */
export function OfficeTodoLists({ todo }: { todo: OfficeTodoData }) {
  const { t, locale } = useI18n();
  const overdue = <Tag color="red">{t("todo.overdue")}</Tag>;
  return (
    <Cards>
      {[
        <TodoCard
          key="cr"
          title={todo.role === "leader" ? "todo.leaderRequests" : "todo.changeRequests"}
          count={todo.changeRequests.count}
          items={todo.changeRequests.items.map((r) => ({
            key: r.requestId,
            taskId: r.taskId,
            taskTitle: r.taskTitle,
            meta: t("todo.requested", {
              unit: r.unit.name,
              date: shanghaiDay(r.requestedAt),
            }),
            tags: (
              <Tag color="blue">
                {r.declined ? t("todo.declined") : labelOf(changeRequestKindLabels, r.kind, locale)}
              </Tag>
            ),
          }))}
        />,
        <TodoCard
          key="cp"
          title="todo.completions"
          count={todo.completions.count}
          items={todo.completions.items.map((c) => ({
            key: c.applicationId,
            taskId: c.taskId,
            taskTitle: c.taskTitle,
            meta: t("todo.applied", { unit: c.unit.name, date: shanghaiDay(c.appliedAt) }),
          }))}
        />,
        <TodoCard
          key="ack"
          title="todo.unacknowledged"
          count={todo.unacknowledged.count}
          items={todo.unacknowledged.items.map((a) => ({
            key: a.taskId,
            taskId: a.taskId,
            taskTitle: a.taskTitle,
            meta: `${a.unit.name} · ${t("todo.assigned", {
              date: a.assignedOn,
              n: a.workingDaysWaiting,
              limit: a.limit,
            })}`,
          }))}
        />,
        <TodoCard
          key="nt"
          title="todo.notices"
          count={todo.notices.count}
          items={todo.notices.items.map((n) => ({
            key: n.noticeId,
            taskId: n.taskId,
            taskTitle: n.taskTitle,
            meta: `${n.number} · ${n.unit.name} · ${t("todo.replyBy", { date: n.replyDueDate })}`,
            tags: <NoticeTags notice={n} overdue={overdue} />,
          }))}
        />,
        <TodoCard
          key="rv"
          title="todo.reviews"
          count={todo.reviews.count}
          items={todo.reviews.items.map((e) => ({
            key: e.entryId,
            taskId: e.taskId,
            taskTitle: e.taskTitle,
            meta: `${t("todo.submitted", {
              unit: e.unit.name,
              period: periodLabel(e.period, locale),
              percent: e.percentComplete,
            })} · ${formatDateTime(e.submittedAt, locale)}`,
            tags: e.late ? <Tag color="orange">{t("todo.late")}</Tag> : null,
          }))}
        />,
      ]}
    </Cards>
  );
}

/** The unit's lists: to acknowledge, to report, notices to answer, returned items. */
export function UnitTodoLists({ todo }: { todo: UnitTodoData }) {
  const { t, locale } = useI18n();
  const overdue = <Tag color="red">{t("todo.overdue")}</Tag>;
  return (
    <Cards>
      {[
        <TodoCard
          key="ack"
          title="todo.toAcknowledge"
          count={todo.toAcknowledge.count}
          items={todo.toAcknowledge.items.map((a) => ({
            key: a.taskId,
            taskId: a.taskId,
            taskTitle: a.taskTitle,
            meta: `${a.unit.name} · ${shanghaiDay(a.assignedAt)}`,
          }))}
        />,
        <TodoCard
          key="rp"
          title="todo.toReport"
          count={todo.toReport.count}
          items={todo.toReport.items.map((r) => ({
            key: `${r.cycleId}:${r.taskId}:${r.unit.id}`,
            taskId: r.taskId,
            taskTitle: r.taskTitle,
            meta: `${r.unit.name} · ${t("todo.reportBy", {
              period: periodLabel(r.period, locale),
              date: shanghaiDay(r.dueAt),
            })}`,
            tags: (
              <>
                <Tag>{t(r.role === "lead" ? "todo.role.lead" : "todo.role.support")}</Tag>
                {r.overdue ? overdue : null}
              </>
            ),
          }))}
        />,
        <TodoCard
          key="nt"
          title="todo.notices"
          count={todo.notices.count}
          items={todo.notices.items.map((n) => ({
            key: n.noticeId,
            taskId: n.taskId,
            taskTitle: n.taskTitle,
            meta: `${n.number} · ${t("todo.replyBy", { date: n.replyDueDate })}`,
            tags: <NoticeTags notice={n} overdue={overdue} />,
          }))}
        />,
        <TodoCard
          key="rt"
          title="todo.returned"
          count={todo.returned.count}
          items={todo.returned.items.map((r) => ({
            key: `${r.kind}:${r.id}`,
            taskId: r.taskId,
            taskTitle: r.taskTitle,
            meta: [
              r.unit.name,
              r.period ? periodLabel(r.period, locale) : null,
              shanghaiDay(r.at),
              r.comment,
            ]
              .filter(Boolean)
              .join(" · "),
            tags: <Tag color="red">{t(`todo.returned.${r.kind}`)}</Tag>,
          }))}
        />,
      ]}
    </Cards>
  );
}

/** A notice's colour level and, past its reply date, the overdue tag: both lists show it alike. */
function NoticeTags({
  notice,
  overdue,
}: {
  notice: { level: keyof typeof NOTICE_COLOR; overdue: boolean };
  overdue: ReactNode;
}) {
  const { locale } = useI18n();
  return (
    <>
      <Tag color={NOTICE_COLOR[notice.level]}>
        {labelOf(noticeLevelLabels, notice.level, locale)}
      </Tag>
      {notice.overdue ? overdue : null}
    </>
  );
}
