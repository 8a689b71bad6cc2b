import { useQuery } from "@tanstack/react-query";
import { Card, Segmented, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useYear } from "../../components/year/useYear.ts";
import { YearNote } from "../../components/year/YearNote.tsx";
import { YearSelect } from "../../components/year/YearSelect.tsx";
import { shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useSchedule, type ScheduleTask } from "../schedule/useSchedule.ts";
import { chapterOf, groupBy, timeline } from "./layout.ts";

const LABEL_WIDTH = 280;

export function RoadmapPage() {
  return <NeedPlan>{(plan) => <Roadmap plan={plan} />}</NeedPlan>;
}

/** 路线图: phases across the plan period, each task a bar from start to due, milestones as diamonds. */
function Roadmap({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [by, setBy] = useState<"department" | "chapter">("department");
  const [year] = useYear();
  const schedule = useSchedule(plan.id, year);
  const doc = useQuery(trpc.plan.document.queryOptions({ planId: plan.id }));
  // the year filter windows the roadmap to the year
  const tl = year
    ? timeline(`${year}-01-01`, `${year}-12-31`)
    : timeline(`${plan.periodStart}-01-01`, `${plan.periodEnd}-12-31`);
  const today = shanghaiToday();
  const chapterTitle = new Map(
    (doc.data?.nodes ?? [])
      .filter((n) => !n.parentId)
      .map((n) => [n.code, `${n.number} ${n.title}`]),
  );
  return (
    <>
      <PageHeader
        title={t("menu.roadmap")}
        extra={
          <>
            <YearSelect plan={plan} />
            <Segmented
              aria-label={t("roadmap.groupBy")}
              value={by}
              onChange={(v) => setBy(v as typeof by)}
              options={[
                { value: "department", label: t("roadmap.byDepartment") },
                { value: "chapter", label: t("roadmap.byChapter") },
              ]}
            />
          </>
        }
      />
      {schedule.data ? <YearNote year={schedule.data.year} /> : null}
      <QueryState query={schedule} isEmpty={(d) => d.details.length === 0} rows={10}>
        {(d) => {
          const groups = groupBy(d.details, (task) =>
            by === "department"
              ? task.leadDepartment.name
              : (chapterTitle.get(chapterOf(task.sourceNode?.code) ?? "") ??
                t("roadmap.ungrouped")),
          );
          return (
            <Card size="small" styles={{ body: { overflowX: "auto" } }}>
              <div style={{ minWidth: 900 }}>
                {/* axis: phases above years */}
                <div style={{ display: "flex" }}>
                  <div style={{ width: LABEL_WIDTH, flex: "none" }} />
                  <div style={{ position: "relative", flex: 1, height: 48 }}>
                    {(doc.data?.phases ?? []).map((p) => {
                      const s = tl.span(p.startDate, p.endDate);
                      return (
                        <div
                          key={p.id}
                          style={{
                            position: "absolute",
                            left: `${s.left}%`,
                            width: `${s.width}%`,
                            top: 0,
                            height: 22,
                            background: "#fdf0f0",
                            borderInline: "1px solid #fff",
                            fontSize: 12,
                            textAlign: "center",
                            lineHeight: "22px",
                            overflow: "hidden",
                            whiteSpace: "nowrap",
                          }}
                        >
                          {p.name}
                        </div>
                      );
                    })}
                    {tl.ticks.map((y) => (
                      <div
                        key={y.key}
                        style={{
                          position: "absolute",
                          left: `${y.left}%`,
                          width: `${y.width}%`,
                          top: 24,
                          height: 22,
                          fontSize: 12,
                          textAlign: "center",
                          borderInlineStart: "1px solid #e5e5e5",
                        }}
                      >
                        {y.label}
                      </div>
                    ))}
                  </div>
                </div>
                {groups.map(([group, tasks]) => (
                  <div key={group} role="group" aria-label={group}>
                    <Typography.Text
                      strong
                      style={{
                        display: "block",
                        background: "#fafafa",
                        padding: "4px 8px",
                        borderTop: "1px solid #f0f0f0",
                      }}
                    >
                      {group}（{tasks.length}）
                    </Typography.Text>
                    {tasks.map((task) => (
                      <Row
                        key={task.id}
                        task={task}
                        tl={tl}
                        today={today}
                        scheduleLabel={labels.schedule(task.schedule)}
                        milestoneLabel={t("roadmap.milestone")}
                        yearDueLabel={t("year.due")}
                        yearParam={year ? `&year=${year}` : ""}
                      />
                    ))}
                  </div>
                ))}
              </div>
            </Card>
          );
        }}
      </QueryState>
    </>
  );
}

function Row({
  task,
  tl,
  today,
  scheduleLabel,
  milestoneLabel,
  yearDueLabel,
  yearParam,
}: {
  task: ScheduleTask;
  tl: ReturnType<typeof timeline>;
  today: string;
  scheduleLabel: string;
  milestoneLabel: string;
  yearDueLabel: string;
  /** `&year=…` so the task list opens on the same year */
  yearParam: string;
}) {
  const bar = tl.span(task.startDate, task.dueDate);
  const color = scheduleColor[task.schedule];
  return (
    <div
      className="gantt-row"
      style={{
        display: "flex",
        alignItems: "center",
        height: 30,
        borderBottom: "1px solid #f5f5f5",
      }}
    >
      <div
        style={{
          width: LABEL_WIDTH,
          flex: "none",
          paddingInline: 8,
          overflow: "hidden",
          whiteSpace: "nowrap",
          textOverflow: "ellipsis",
        }}
      >
        <Link to={`/tasks?task=${task.id}${yearParam}`} title={task.title}>
          {task.title}
        </Link>
      </div>
      <div style={{ position: "relative", flex: 1, height: "100%" }}>
        {tl.ticks.map((y) => (
          <div
            key={y.key}
            style={{
              position: "absolute",
              left: `${y.left}%`,
              top: 0,
              bottom: 0,
              borderInlineStart: "1px solid #f0f0f0",
            }}
          />
        ))}
        <div
          style={{
            position: "absolute",
            left: `${tl.at(today)}%`,
            top: 0,
            bottom: 0,
            borderInlineStart: "2px dashed #b8202e",
          }}
          aria-hidden
        />
        <Tooltip
          title={`${task.startDate} → ${task.dueDate} · ${scheduleLabel} · ${task.progress}%`}
        >
          <div
            tabIndex={0}
            aria-label={`${task.title} ${task.startDate} → ${task.dueDate} ${scheduleLabel} ${task.progress}%`}
            style={{
              position: "absolute",
              left: `${bar.left}%`,
              width: `${bar.width}%`,
              top: 8,
              height: 14,
              background: `${color}33`,
              border: `1px solid ${color}`,
              borderRadius: 3,
              overflow: "hidden",
            }}
          >
            <div style={{ width: `${task.progress}%`, height: "100%", background: color }} />
          </div>
        </Tooltip>
        {task.yearItem ? (
          <Tooltip
            title={`${yearDueLabel}：${task.yearItem.deliverable} · ${task.yearItem.dueDate}`}
          >
            <div
              tabIndex={0}
              aria-label={`${yearDueLabel} ${task.yearItem.deliverable} ${task.yearItem.dueDate}`}
              style={{
                position: "absolute",
                left: `calc(${tl.at(task.yearItem.dueDate)}% - 2px)`,
                top: 4,
                bottom: 4,
                width: 4,
                background: task.yearItem.done ? scheduleColor.COMPLETED : "#1677ff",
              }}
            />
          </Tooltip>
        ) : null}
        {task.milestones.map((m) => (
          <Tooltip key={m.id} title={`${milestoneLabel}：${m.title} · ${m.dueDate}`}>
            <div
              tabIndex={0}
              aria-label={`${milestoneLabel} ${m.title} ${m.dueDate}`}
              style={{
                position: "absolute",
                left: `calc(${tl.at(m.dueDate)}% - 5px)`,
                top: 10,
                width: 10,
                height: 10,
                transform: "rotate(45deg)",
                background: m.doneAt ? scheduleColor.COMPLETED : "#fff",
                border: `2px solid ${m.doneAt ? scheduleColor.COMPLETED : "#595959"}`,
              }}
            />
          </Tooltip>
        ))}
      </div>
    </div>
  );
}
