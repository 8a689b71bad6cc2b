import { useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Flex,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";

import { ZTaskDraft } from "@duban/domain/schemas";
import { writtenUnitsOf } from "@duban/domain/task-drafts";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useInvalidateWork } from "../../lib/invalidate.ts";
import { useTRPC, useTRPCClient } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import type { PlanDocument } from "../indicators/types.ts";
import {
  draftBatches,
  draftsFromDocument,
  validateDrafts,
  withPhase,
  type DraftRow,
} from "./drafts.ts";
import { UnitMatchPanel } from "./UnitMatchPanel.tsx";
import {
  DeadlineText,
  directoryOf,
  DraftNotes,
  UnitMatchTag,
  useDirectory,
} from "./written-units.tsx";

type Department = {
  id: string;
  name: string;
  shortName?: string | null;
  active: boolean;
  aliases?: readonly string[];
};

export function AssignStep({
  planId,
  jurisdictionId,
  onDone,
}: {
  planId: string;
  jurisdictionId: string;
  onDone: (created: number, activated: boolean) => void;
}) {
  const trpc = useTRPC();
  const doc = useQuery(trpc.plan.document.queryOptions({ planId }));
  const { units, aliases } = useDirectory(jurisdictionId);
  const queries = [doc, units, aliases];
  const both = {
    ...doc,
    data:
      doc.data && units.data && aliases.data
        ? { doc: doc.data, departments: directoryOf(units.data, aliases.data) }
        : undefined,
    isPending: queries.some((q) => q.isPending),
    isError: queries.some((q) => q.isError),
    error: doc.error ?? units.error ?? aliases.error,
    refetch: () => Promise.all(queries.map((q) => q.refetch())),
  };
  // a confirmed unit match changes the directory: the drafts are made again against it
  const version = `${units.dataUpdatedAt}-${aliases.dataUpdatedAt}`;
  return (
    <QueryState query={both} rows={10}>
      {(d) => (
        <>
          <WrittenUnitsStep
            doc={d.doc}
            departments={d.departments}
            jurisdictionId={jurisdictionId}
          />
          <AssignTable key={version} doc={d.doc} departments={d.departments} onDone={onDone} />
        </>
      )}
    </QueryState>
  );
}

/** The bulk 确认单位匹配 over every unit name the plan's candidates write. */
function WrittenUnitsStep({
  doc,
  departments,
  jurisdictionId,
}: {
  doc: PlanDocument;
  departments: Department[];
  jurisdictionId: string;
}) {
  const rows = useMemo(
    () =>
      writtenUnitsOf(
        draftsFromDocument(
          doc,
          departments,
          new Set(doc.tasksByNode.map((l) => l.sourceNodeId).filter((id): id is string => !!id)),
        ),
      ),
    [doc, departments],
  );
  return <UnitMatchPanel jurisdictionId={jurisdictionId} rows={rows} units={departments} />;
}

/** Bulk decomposition: every candidate row editable, a selection to act on and to create. */
export function AssignTable({
  doc,
  departments,
  onDone,
}: {
  doc: PlanDocument;
  departments: Department[];
  onDone: (created: number, activated: boolean) => void;
}) {
  const { t } = useI18n();
  const client = useTRPCClient();
  const invalidate = useInvalidateWork();
  const [rows, setRows] = useState<DraftRow[]>(() =>
    draftsFromDocument(
      doc,
      departments,
      new Set(doc.tasksByNode.map((l) => l.sourceNodeId).filter((id): id is string => !!id)),
    ),
  );
  const [selected, setSelected] = useState<string[]>(() => rows.map((r) => r.key));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [activate, setActivate] = useState(doc.plan.status === "DRAFT");
  const options = departments.filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  const unitNames = new Map(departments.map((d) => [d.id, d.name]));
  const phaseOptions = doc.phases.map((p) => ({ value: p.key, label: p.name }));
  const update = (key: string, patch: (r: DraftRow) => DraftRow) =>
    setRows((rs) => rs.map((r) => (r.key === key ? patch(r) : r)));
  const bulk = (patch: (r: DraftRow) => DraftRow) =>
    setRows((rs) => rs.map((r) => (selected.includes(r.key) ? patch(r) : r)));
  const create = useAction(
    {
      mutationFn: async () => {
        const chosen = rows.filter((r) => selected.includes(r.key));
        const result = validateDrafts(chosen);
        if (!result.ok) {
          setErrors(result.errors);
          throw new Error(t("import.needLead"));
        }
        setErrors(new Map());
        // in calls of bounded size; a batch that fails leaves the ones before it created (they drop out of the list on refresh)
        let created = 0;
        try {
          for (const tasks of draftBatches(result.drafts))
            created += (await client.plan.createTasks.mutate({ planId: doc.plan.id, tasks }))
              .taskIds.length;
        } finally {
          if (created) await invalidate();
        }
        if (activate && doc.plan.status === "DRAFT")
          await client.plan.activate.mutate({ planId: doc.plan.id, version: doc.plan.version });
        return created;
      },
    },
    { invalidate: "work", onSuccess: (n) => onDone(n, activate && doc.plan.status === "DRAFT") },
  );
  const date = (v: string) => (v ? dayjs(v) : null);
  const inPeriod = (d: dayjs.Dayjs) =>
    d.year() < doc.plan.periodStart || d.year() > doc.plan.periodEnd;
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t("import.selected", { n: selected.length })}</Typography.Text>
        <Select
          aria-label={t("import.bulkLead")}
          placeholder={t("import.bulkLead")}
          style={{ width: 220 }}
          showSearch={{ optionFilterProp: "label" }}
          options={options}
          value={null}
          onChange={(v: string) =>
            bulk((r) => ({
              ...r,
              leadDepartmentId: v,
              supportingDepartmentIds: (r.supportingDepartmentIds ?? []).filter((s) => s !== v),
            }))
          }
        />
        <Select
          aria-label={t("import.bulkPhase")}
          placeholder={t("import.bulkPhase")}
          style={{ width: 180 }}
          options={phaseOptions}
          value={null}
          onChange={(v: string) =>
            bulk((r) =>
              withPhase(
                r,
                doc.phases.find((p) => p.key === v),
              ),
            )
          }
        />
      </Flex>
      <Table<DraftRow>
        size="small"
        rowKey="key"
        dataSource={rows}
        scroll={{ x: 1100 }}
        pagination={{
          pageSize: 10,
          showSizeChanger: true,
          showTotal: (n) => t("common.total", { n }),
        }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
        }}
        locale={{ emptyText: t("import.noCandidates") }}
        columns={[
          {
            title: t("task.name"),
            render: (_v, r) => (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.code}
                </Typography.Text>
                <LimitedInput
                  schema={ZTaskDraft}
                  field="title"
                  aria-label={`${r.code} ${t("task.name")}`}
                  size="small"
                  value={r.title}
                  onChange={(e) => update(r.key, (x) => ({ ...x, title: e.target.value }))}
                />
                {r.leadUnits?.length || r.supportUnits?.length ? (
                  <div>
                    {[...(r.leadUnits ?? []), ...(r.supportUnits ?? [])].map((u) => (
                      <UnitMatchTag key={u.written} unit={u} names={unitNames} t={t} />
                    ))}
                  </div>
                ) : r.unmatched.length ? (
                  <div>
                    <Tag color="orange">
                      {t("import.unmatched", { name: r.unmatched.join("、") })}
                    </Tag>
                  </div>
                ) : null}
                {r.deadline ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("import.deadline")}：<DeadlineText deadline={r.deadline} t={t} />
                  </Typography.Text>
                ) : null}
                <DraftNotes notes={r.notes ?? []} t={t} />
                {errors.get(r.key) ? (
                  <div role="alert">
                    <Typography.Text type="danger">{errors.get(r.key)}</Typography.Text>
                  </div>
                ) : null}
              </div>
            ),
          },
          {
            title: t("task.lead"),
            width: 180,
            render: (_v, r) => (
              <Select
                aria-label={`${r.title} ${t("task.lead")}`}
                status={errors.has(r.key) && !r.leadDepartmentId ? "error" : undefined}
                style={{ width: "100%" }}
                showSearch={{ optionFilterProp: "label" }}
                options={options}
                value={r.leadDepartmentId || undefined}
                onChange={(v: string) =>
                  update(r.key, (x) => ({
                    ...x,
                    leadDepartmentId: v,
                    supportingDepartmentIds: (x.supportingDepartmentIds ?? []).filter(
                      (s) => s !== v,
                    ),
                  }))
                }
              />
            ),
          },
          {
            title: t("task.supporting"),
            width: 220,
            render: (_v, r) => (
              <Select
                aria-label={`${r.title} ${t("task.supporting")}`}
                mode="multiple"
                maxTagCount="responsive"
                style={{ width: "100%" }}
                showSearch={{ optionFilterProp: "label" }}
                options={options.filter((o) => o.value !== r.leadDepartmentId)}
                value={r.supportingDepartmentIds}
                onChange={(v: string[]) =>
                  update(r.key, (x) => ({ ...x, supportingDepartmentIds: v }))
                }
              />
            ),
          },
          {
            title: t("task.phase"),
            width: 120,
            render: (_v, r) => (
              <Select
                aria-label={`${r.title} ${t("task.phase")}`}
                style={{ width: "100%" }}
                options={phaseOptions}
                value={r.phaseKey ?? undefined}
                onChange={(v: string) =>
                  update(r.key, (x) =>
                    withPhase(
                      x,
                      doc.phases.find((p) => p.key === v),
                    ),
                  )
                }
              />
            ),
          },
          {
            title: t("task.start"),
            width: 140,
            render: (_v, r) => (
              <DatePicker
                aria-label={`${r.title} ${t("task.start")}`}
                allowClear={false}
                disabledDate={inPeriod}
                value={date(r.startDate)}
                onChange={(d) =>
                  d && update(r.key, (x) => ({ ...x, startDate: d.format("YYYY-MM-DD") }))
                }
              />
            ),
          },
          {
            title: t("task.due"),
            width: 140,
            render: (_v, r) => (
              <DatePicker
                aria-label={`${r.title} ${t("task.due")}`}
                allowClear={false}
                disabledDate={inPeriod}
                value={date(r.dueDate)}
                onChange={(d) =>
                  d && update(r.key, (x) => ({ ...x, dueDate: d.format("YYYY-MM-DD") }))
                }
              />
            ),
          },
        ]}
      />
      {create.error ? (
        <Alert type="error" showIcon role="alert" title={create.error} style={{ marginTop: 12 }} />
      ) : null}
      <Space style={{ marginTop: 12 }}>
        {doc.plan.status === "DRAFT" ? (
          <Checkbox checked={activate} onChange={(e) => setActivate(e.target.checked)}>
            {t("import.activateAfter")}
          </Checkbox>
        ) : null}
        <Button
          type="primary"
          disabled={!selected.length}
          loading={create.pending}
          onClick={() => create.run()}
        >
          {t("import.create", { n: selected.length })}
        </Button>
      </Space>
    </>
  );
}
