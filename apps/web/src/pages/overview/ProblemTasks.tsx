import { Table, Tag } from "antd";
import { Link } from "react-router";

import { TaskLight } from "../../components/task/TaskLight.tsx";
import { useYear } from "../../components/year/useYear.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { scheduleColor } from "../../lib/status-colors.ts";
import type { DepartmentRow, Problem } from "./types.ts";

export function ProblemTasks({
  problems,
  total,
  departments,
}: {
  problems: Problem[];
  total: number;
  departments: DepartmentRow[];
}) {
  const { t } = useI18n();
  const labels = useLabels();
  const names = new Map(departments.map((d) => [d.departmentId, d.name]));
  // the task list opens on the same year
  const [year] = useYear();
  const yearParam = year ? `&year=${year}` : "";
  return (
    <>
      <Table<Problem>
        size="small"
        rowKey="taskId"
        dataSource={problems}
        locale={{ emptyText: t("overview.noProblems") }}
        pagination={{ pageSize: 6, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: t("task.name"),
            dataIndex: "title",
            ellipsis: true,
            render: (v: string, r) => <Link to={`/tasks?task=${r.taskId}${yearParam}`}>{v}</Link>,
          },
          {
            title: t("task.lead"),
            width: 130,
            ellipsis: true,
            render: (_v, r) => names.get(r.departmentId) ?? "—",
          },
          {
            title: t("task.schedule"),
            dataIndex: "schedule",
            width: 130,
            render: (s: Problem["schedule"], r) => (
              <span style={{ whiteSpace: "nowrap" }}>
                <Tag color={scheduleColor[s]}>{labels.schedule(s)}</Tag>
                <TaskLight
                  light={r.light}
                  dueSoon={false}
                  lagPoints={r.expectedProgress - r.progress}
                  overdue={s === "OVERDUE"}
                />
              </span>
            ),
          },
          {
            title: t("overview.progressVsExpected"),
            width: 96,
            align: "right",
            render: (_v, r) => `${r.progress}% / ${r.expectedProgress}%`,
          },
          { title: t("overview.dueDate"), dataIndex: "dueDate", width: 100 },
        ]}
      />
      {total > problems.length && (
        <Link to={`/tasks?schedule=OVERDUE${yearParam}`}>
          {t("overview.problemsMore", { shown: problems.length, total })}
        </Link>
      )}
    </>
  );
}
