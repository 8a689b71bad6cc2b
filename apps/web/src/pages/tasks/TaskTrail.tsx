import { useQuery } from "@tanstack/react-query";
import { Empty, Flex, Tag, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";

import {
  changeRequestKindLabels,
  labelOf,
  noticeLevelLabels,
  periodLabel,
  qualityRatingLabels,
  type Locale,
} from "@duban/domain/i18n";

import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime } from "../../lib/dates.ts";
import { useI18n, type Translate } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";

export type TrailEvent = RouterOutputs["supervision"]["trail"][number];

const NOTICE_COLOR = { BLUE: "blue", YELLOW: "gold", RED: "red" } as const;

/** The 办理轨迹 of a task (supervision.trail), oldest first, as a timeline. */
export function TaskTrail({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const trail = useQuery(trpc.supervision.trail.queryOptions({ taskId }));
  return (
    <QueryState query={trail} rows={4}>
      {(events) => <TrailTimeline events={events} />}
    </QueryState>
  );
}

/** The timeline itself: one entry per event, what happened, who and when, and its files. */
export function TrailTimeline({ events }: { events: TrailEvent[] }) {
  const { t, locale } = useI18n();
  if (!events.length) return <Empty description={t("trail.empty")} />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={events.map((e) => ({
        key: e.id,
        color: colorOf(e),
        content: <EventContent event={e} t={t} locale={locale} />,
      }))}
    />
  );
}

function colorOf(e: TrailEvent): string {
  switch (e.type) {
    case "noticeIssued":
      return NOTICE_COLOR[e.level];
    case "reportReviewed":
      return e.decision === "APPROVED" ? "green" : "red";
    case "changeDecided":
    case "completionDecided":
      return e.approved ? "green" : "red";
    case "instruction":
      return "purple";
    default:
      return "blue";
  }
}

function EventContent({
  event: e,
  t,
  locale,
}: {
  event: TrailEvent;
  t: Translate;
  locale: Locale;
}) {
  const kind = (k: keyof typeof changeRequestKindLabels) =>
    labelOf(changeRequestKindLabels, k, locale);
  const period = (p: string) => periodLabel(p, locale);
  let title: ReactNode;
  const details: ReactNode[] = [];
  const files: Array<{ id: string; fileName: string; url: string }> = [];
  switch (e.type) {
    case "assigned":
      title = t(`trail.assigned.${e.via}`, { unit: e.unit.name, from: e.from?.name ?? "—" });
      break;
    case "acknowledged":
      title = t("trail.acknowledged", { unit: e.unit.name });
      break;
    case "reportSubmitted":
      title = t(e.revision > 1 ? "trail.reportAmended" : "trail.reportSubmitted", {
        unit: e.unit.name,
        period: period(e.period),
        percent: e.percentComplete,
        revision: e.revision,
      });
      details.push(e.progressText);
      files.push(...e.evidence);
      break;
    case "reportReviewed":
      title = t(e.decision === "APPROVED" ? "trail.reportApproved" : "trail.reportReturned", {
        unit: e.unit.name,
        period: period(e.period),
      });
      if (e.comment) details.push(t("trail.comment", { text: e.comment }));
      break;
    case "redated":
      title = t("trail.redated", { from: e.fromDueDate, to: e.toDueDate });
      details.push(t("trail.reason", { text: e.reason }));
      break;
    case "noticeIssued":
      title = t("trail.noticeIssued", {
        level: labelOf(noticeLevelLabels, e.level, locale),
        number: e.number,
        unit: e.unit.name,
      });
      details.push(e.requirement, t("trail.replyBy", { date: e.replyDueDate }));
      files.push({ id: e.noticeId, fileName: t("trail.document"), url: e.documentUrl });
      break;
    case "noticeReplied":
      title = t("trail.noticeReplied", { unit: e.unit.name, number: e.number });
      details.push(e.text);
      files.push(...e.evidence);
      break;
    case "changeRequested":
      title = e.declined
        ? t("trail.declined", { unit: e.unit.name })
        : t("trail.changeRequested", { unit: e.unit.name, kind: kind(e.kind) });
      details.push(t("trail.reason", { text: e.reason }));
      if (e.proposedDueDate) details.push(t("trail.proposedDue", { date: e.proposedDueDate }));
      if (e.proposedUnit) details.push(t("trail.proposedUnit", { unit: e.proposedUnit.name }));
      if (e.proposedTargetValue !== null)
        details.push(t("trail.proposedTarget", { value: e.proposedTargetValue }));
      files.push(...e.evidence);
      break;
    case "changeDecided":
      title = t(
        e.by === "office"
          ? e.approved
            ? "trail.officeApproved"
            : "trail.officeRejected"
          : e.approved
            ? "trail.leaderApproved"
            : "trail.leaderRejected",
        { kind: kind(e.kind) },
      );
      if (e.comment) details.push(t("trail.comment", { text: e.comment }));
      break;
    case "completionApplied":
      title = t("trail.completionApplied", { unit: e.unit.name });
      details.push(e.summary);
      files.push(...e.evidence);
      break;
    case "completionDecided":
      title = e.approved
        ? t("trail.completionApproved", {
            rating: e.rating ? labelOf(qualityRatingLabels, e.rating, locale) : "—",
          })
        : t("trail.completionReturned");
      if (e.comment) details.push(t("trail.comment", { text: e.comment }));
      break;
    case "instruction":
      title = e.entry
        ? t("trail.instructionOnReport", {
            unit: e.entry.unit.name,
            period: period(e.entry.period),
          })
        : t("trail.instruction");
      details.push(e.text);
      break;
  }
  const late = (e.type === "reportSubmitted" && e.late) || (e.type === "changeRequested" && e.late);
  return (
    <div style={{ minWidth: 0, overflowWrap: "anywhere" }}>
      <Flex wrap gap={4} align="center">
        <Typography.Text strong>{title}</Typography.Text>
        {late ? <Tag color="orange">{t("trail.late")}</Tag> : null}
        {e.type === "noticeIssued" ? (
          <Tag color={NOTICE_COLOR[e.level]}>{labelOf(noticeLevelLabels, e.level, locale)}</Tag>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {e.actor?.name ?? t("trail.system")} · {formatDateTime(e.at, locale)}
      </Typography.Text>
      {details.map((d, i) => (
        <Typography.Paragraph
          key={i}
          style={{ whiteSpace: "pre-wrap", margin: "2px 0 0" }}
          ellipsis={{ rows: 3, expandable: true }}
        >
          {d}
        </Typography.Paragraph>
      ))}
      {files.length ? (
        <Flex wrap gap={8} style={{ marginTop: 2 }}>
          {files.map((f) => (
            <a key={f.id} href={f.url} download>
              {f.fileName}
            </a>
          ))}
        </Flex>
      ) : null}
      {e.type === "instruction" && e.followUpTaskId ? (
        <Link to={`/tasks/${e.followUpTaskId}`}>{t("trail.followUp")}</Link>
      ) : null}
    </div>
  );
}
