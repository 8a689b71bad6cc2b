import { useQuery } from "@tanstack/react-query";
import { Calendar, Card, Select, Space, Table, Tabs, Tag } from "antd";
import type { Dayjs } from "dayjs";
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
import { useTRPC } from "../../lib/trpc.ts";
import { planQuarters } from "../ledger/CyclesPanel.tsx";
import { useSchedule } from "../schedule/useSchedule.ts";
import { eventsOf, filterEvents, type EventFilter, type TimetableEvent } from "./events.ts";

export function TimetablePage() {
  return <NeedPlan>{(plan) => <Timetable plan={plan} />}</NeedPlan>;
}

/** 时间表: milestones and due dates on a calendar and in a list, with filters. */
function Timetable({ plan }: { plan: PlanSummary }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [year] = useYear();
  const schedule = useSchedule(plan.id, year);
  const doc = useQuery(trpc.plan.document.queryOptions({ planId: plan.id }));
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const [filter, setFilter] = useState<EventFilter>({});
  const today = shanghaiToday();
  // with a year chosen, the time range narrows within it
  const years = year
    ? [String(year)]
    : Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, i) =>
        String(plan.periodStart + i),
      );
  const quarters = year ? planQuarters(year, year) : planQuarters(plan.periodStart, plan.periodEnd);
  return (
    <>
      <PageHeader title={t("menu.timetable")} extra={<YearSelect plan={plan} />} />
      {schedule.data ? <YearNote year={schedule.data.year} /> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t("task.filterDepartment")}
          placeholder={t("task.filterDepartment")}
          allowClear
          style={{ width: 200 }}
          showSearch={{ optionFilterProp: "label" }}
          value={filter.departmentId}
          onChange={(v) => setFilter((f) => ({ ...f, departmentId: v }))}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
        <Select
          aria-label={t("task.status")}
          placeholder={t("task.status")}
          allowClear
          style={{ width: 120 }}
          value={filter.done === undefined ? undefined : String(filter.done)}
          onChange={(v?: string) =>
            setFilter((f) => ({ ...f, done: v === undefined ? undefined : v === "true" }))
          }
          options={[
            { value: "false", label: t("timetable.open") },
            { value: "true", label: t("timetable.done") },
          ]}
        />
        <Select
          aria-label={t("task.phase")}
          placeholder={t("task.phase")}
          allowClear
          style={{ width: 130 }}
          value={filter.phaseId}
          onChange={(v) => setFilter((f) => ({ ...f, phaseId: v }))}
          options={(doc.data?.phases ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          aria-label={t("timetable.period")}
          placeholder={t("timetable.period")}
          allowClear
          style={{ width: 160 }}
          value={filter.period}
          onChange={(v) => setFilter((f) => ({ ...f, period: v }))}
          options={[
            ...years.map((y) => ({ value: y, label: y })),
            ...quarters.map((p) => ({
              value: p,
              label: labels.period(p),
            })),
          ]}
        />
      </Space>
      <QueryState query={schedule} rows={10}>
        {(d) => {
          const events = filterEvents(eventsOf(d.details, d.year), filter);
          const byDay = new Map<string, TimetableEvent[]>();
          for (const e of events) byDay.set(e.date, [...(byDay.get(e.date) ?? []), e]);
          const tag = (e: TimetableEvent) => (
            <Tag
              color={
                e.done
                  ? "green"
                  : e.date < today
                    ? "red"
                    : e.kind === "due"
                      ? "purple"
                      : e.kind === "yearDue"
                        ? "geekblue"
                        : "blue"
              }
            >
              {t(
                e.kind === "due"
                  ? "timetable.kind.due"
                  : e.kind === "yearDue"
                    ? "timetable.kind.yearDue"
                    : "timetable.kind.milestone",
              )}
            </Tag>
          );
          return (
            <Tabs
              items={[
                {
                  key: "list",
                  label: t("timetable.list"),
                  children: (
                    <Table<TimetableEvent>
                      size="small"
                      rowKey="key"
                      dataSource={events}
                      pagination={{
                        pageSize: 20,
                        showSizeChanger: true,
                        showTotal: (n) => t("common.total", { n }),
                      }}
                      columns={[
                        { title: t("timetable.date"), dataIndex: "date", width: 110 },
                        { title: t("timetable.kind"), width: 90, render: (_v, e) => tag(e) },
                        {
                          title: t("timetable.item"),
                          render: (_v, e) => (
                            <Link to={`/tasks?task=${e.taskId}${year ? `&year=${year}` : ""}`}>
                              {e.kind === "milestone" ? `${e.title} · ${e.taskTitle}` : e.title}
                            </Link>
                          ),
                        },
                        { title: t("task.lead"), dataIndex: "departmentName", width: 160 },
                        {
                          title: t("task.status"),
                          width: 90,
                          render: (_v, e) => (e.done ? t("timetable.done") : t("timetable.open")),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: "calendar",
                  label: t("timetable.calendar"),
                  children: (
                    <Card size="small">
                      <Calendar
                        cellRender={(date: Dayjs, info) => {
                          if (info.type !== "date") return info.originNode;
                          const list = byDay.get(date.format("YYYY-MM-DD")) ?? [];
                          return (
                            <ul style={{ listStyle: "none", margin: 0, padding: 0, fontSize: 12 }}>
                              {list.slice(0, 3).map((e) => (
                                <li
                                  key={e.key}
                                  style={{
                                    overflow: "hidden",
                                    whiteSpace: "nowrap",
                                    textOverflow: "ellipsis",
                                  }}
                                >
                                  {tag(e)}
                                  {e.title}
                                </li>
                              ))}
                              {list.length > 3 ? <li>+{list.length - 3}</li> : null}
                            </ul>
                          );
                        }}
                      />
                    </Card>
                  ),
                },
              ]}
            />
          );
        }}
      </QueryState>
    </>
  );
}
