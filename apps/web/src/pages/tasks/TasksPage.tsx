import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Progress, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

import type { ScheduleKey, TaskStatusKey } from "@duban/domain/i18n";
import { ZListTasksInput } from "@duban/domain/schemas";

import type { PlanAccess } from "../../app/access.ts";
import type { PlanSummary } from "../../app/plan-context.tsx";
import { LimitedSearch } from "../../components/LimitedInput.tsx";
import { NeedPlan } from "../../components/NeedPlan.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { TaskLight } from "../../components/task/TaskLight.tsx";
import { useYear } from "../../components/year/useYear.ts";
import { YearNote } from "../../components/year/YearNote.tsx";
import { YearSelect } from "../../components/year/YearSelect.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor, taskStatusTag } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { BatchUrge } from "./loop/BatchUrge.tsx";
import { RegisterItemButton } from "./RegisterItemModal.tsx";
import { SourceTag } from "./SourceTag.tsx";
import { TaskDrawer } from "./TaskDrawer.tsx";
import type { TaskItem } from "./types.ts";

const STATUSES: TaskStatusKey[] = [
  "NOT_STARTED",
  "IN_PROGRESS",
  "COMPLETED",
  "SUSPENDED",
  "CANCELLED",
];
const SCHEDULES: ScheduleKey[] = ["ON_SCHEDULE", "LAGGING", "OVERDUE", "COMPLETED", "CANCELLED"];
/** the light filter: a light, or 临期 (due soon) */
const LIGHTS = ["RED", "YELLOW", "GREEN", "DUE_SOON"] as const;
type LightFilter = (typeof LIGHTS)[number];

export function TasksPage() {
  return <NeedPlan>{(plan, access) => <Tasks plan={plan} access={access} />}</NeedPlan>;
}

function Tasks({ plan, access }: { plan: PlanSummary; access: PlanAccess }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<{
    search?: string;
    departmentId?: string;
    status?: TaskStatusKey;
    schedule?: ScheduleKey;
    light?: Exclude<LightFilter, "DUE_SOON">;
    dueSoon?: true;
    phaseId?: string;
    page: number;
    pageSize: number;
  }>(() => {
    // the overview links here with ?schedule=OVERDUE for its full list of problem tasks
    const schedule = params.get("schedule");
    const light = params.get("light");
    return {
      page: 1,
      pageSize: 20,
      schedule: SCHEDULES.find((s) => s === schedule),
      light: (["RED", "YELLOW", "GREEN"] as const).find((l) => l === light),
      dueSoon: light === "DUE_SOON" ? true : undefined,
    };
  });
  const [year] = useYear();
  // another year is another list: back to its first page
  useEffect(() => setFilters((f) => (f.page === 1 ? f : { ...f, page: 1 })), [year]);
  const list = useQuery({
    ...trpc.task.list.queryOptions({ planId: plan.id, ...filters, year }),
    placeholderData: keepPreviousData,
  });
  const departments = useQuery(
    trpc.admin.departments.queryOptions({ jurisdictionId: plan.jurisdiction.id }),
  );
  const doc = useQuery(trpc.plan.document.queryOptions({ planId: plan.id }));
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const openTask = params.get("task");
  // the drawer's ?task= comes and goes; the year (and any other parameter) stays
  const showTask = (id: string | null) =>
    setParams((p) => {
      const out = new URLSearchParams(p);
      if (id) out.set("task", id);
      else out.delete("task");
      return out;
    });
  return (
    <>
      <PageHeader
        title={access === "department" ? t("task.mine") : t("task.title")}
        extra={
          <>
            <YearSelect plan={plan} />
            {access === "office" ? <RegisterItemButton plan={plan} /> : null}
          </>
        }
      />
      {list.data ? <YearNote year={list.data.year} /> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <LimitedSearch
          schema={ZListTasksInput}
          field="search"
          aria-label={t("common.search")}
          placeholder={t("task.searchPlaceholder")}
          allowClear
          style={{ width: 260 }}
          onSearch={(v) => set({ search: v || undefined })}
        />
        {access !== "department" ? (
          <Select
            aria-label={t("task.filterDepartment")}
            placeholder={t("task.filterDepartment")}
            allowClear
            style={{ width: 200 }}
            showSearch={{ optionFilterProp: "label" }}
            value={filters.departmentId}
            onChange={(v) => set({ departmentId: v })}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        <Select
          aria-label={t("task.status")}
          placeholder={t("task.status")}
          allowClear
          style={{ width: 120 }}
          value={filters.status}
          onChange={(v) => set({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: labels.taskStatus(s) }))}
        />
        <Select
          aria-label={t("task.schedule")}
          placeholder={t("task.schedule")}
          allowClear
          style={{ width: 120 }}
          value={filters.schedule}
          onChange={(v) => set({ schedule: v })}
          options={SCHEDULES.map((s) => ({ value: s, label: labels.schedule(s) }))}
        />
        <Select<LightFilter>
          aria-label={t("light.title")}
          placeholder={t("light.title")}
          allowClear
          style={{ width: 110 }}
          value={filters.dueSoon ? "DUE_SOON" : filters.light}
          onChange={(v) =>
            set(
              v === "DUE_SOON"
                ? { light: undefined, dueSoon: true }
                : { light: v, dueSoon: undefined },
            )
          }
          options={LIGHTS.map((l) => ({
            value: l,
            label: l === "DUE_SOON" ? t("light.dueSoon") : labels.light(l),
          }))}
        />
        <Select
          aria-label={t("task.phase")}
          placeholder={t("task.phase")}
          allowClear
          style={{ width: 130 }}
          value={filters.phaseId}
          onChange={(v) => set({ phaseId: v })}
          options={(doc.data?.phases ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        {access === "office" ? (
          <BatchUrge plan={plan} departmentId={filters.departmentId} schedule={filters.schedule} />
        ) : null}
      </Space>
      <QueryState query={list} rows={10}>
        {(data) => (
          <Table<TaskItem>
            size="small"
            rowKey="id"
            loading={list.isFetching && list.isPlaceholderData}
            dataSource={data.items}
            scroll={{ x: 1120 }}
            pagination={{
              current: data.page,
              pageSize: data.pageSize,
              total: data.total,
              showSizeChanger: true,
              showTotal: (n) => t("common.total", { n }),
              onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
            }}
            onRow={(r) => ({ onClick: () => showTask(r.id) })}
            rowClassName={() => "clickable-row"}
            columns={[
              {
                title: t("task.name"),
                render: (_v, r) => (
                  <a
                    href={`/tasks?task=${r.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      showTask(r.id);
                    }}
                  >
                    {r.sourceNode ? (
                      <Typography.Text type="secondary">{r.sourceNode.code} </Typography.Text>
                    ) : null}
                    <SourceTag source={r.source} />
                    {r.title}
                  </a>
                ),
              },
              {
                title: t("task.lead"),
                width: 150,
                ellipsis: true,
                render: (_v, r) => r.leadDepartment.name,
              },
              {
                title: t("task.supporting"),
                width: 150,
                ellipsis: true,
                render: (_v, r) =>
                  r.supportingDepartments
                    .map((s) => s.department.shortName ?? s.department.name)
                    .join("、") || "—",
              },
              { title: t("task.phase"), width: 90, render: (_v, r) => r.phase?.name ?? "—" },
              {
                title: t("task.status"),
                width: 84,
                render: (_v, r) => (
                  <Tag color={taskStatusTag[r.status]}>{labels.taskStatus(r.status)}</Tag>
                ),
              },
              {
                title: t("task.schedule"),
                width: 84,
                render: (_v, r) => (
                  <Tag color={scheduleColor[r.schedule]}>{labels.schedule(r.schedule)}</Tag>
                ),
              },
              {
                title: t("light.title"),
                width: 120,
                render: (_v, r) => (
                  <TaskLight
                    light={r.light}
                    dueSoon={r.dueSoon}
                    lagPoints={r.lagPoints}
                    overdue={r.schedule === "OVERDUE"}
                    bands={data.bands}
                  />
                ),
              },
              {
                title: t("task.progress"),
                width: 130,
                render: (_v, r) => (
                  <Progress
                    percent={r.progress}
                    size="small"
                    aria-label={`${t("task.progress")} ${r.progress}%`}
                  />
                ),
              },
              {
                title: t("task.due"),
                width: year ? 150 : 110,
                render: (_v, r) => (
                  <>
                    {r.dueDate}
                    {r.redated ? (
                      <Tag color="purple" style={{ marginInlineStart: 4 }}>
                        {t("task.redated")}
                      </Tag>
                    ) : null}
                    {r.yearItem ? (
                      <div>
                        <Typography.Text
                          type={r.yearItem.overdue ? "danger" : "secondary"}
                          title={`${t("year.deliverable")}：${r.yearItem.deliverable}`}
                        >
                          {t("year.due")} {r.yearItem.dueDate}
                          {r.yearItem.done ? " ✓" : ""}
                        </Typography.Text>
                      </div>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {openTask ? (
        <TaskDrawer taskId={openTask} plan={plan} onClose={() => showTask(null)} />
      ) : null}
    </>
  );
}
