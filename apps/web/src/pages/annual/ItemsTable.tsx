import { App, Button, Dropdown, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { Link } from "react-router";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { lightStyle } from "../../lib/status-colors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { outcomeKey } from "./annual-years.ts";
import { EditItemModal, ExplainModal, ReassignModal } from "./ItemModals.tsx";
import type { AnnualDetail, AnnualItem } from "./types.ts";

type Open = { kind: "edit" | "explain" | "reassign"; item: AnnualItem } | null;

/** The year's items: task, 年度目标, units, due date, outcome, 结转; the row's actions by role. */
export function ItemsTable({ plan, annual }: { plan: PlanSummary; annual: AnnualDetail }) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const { modal } = App.useApp();
  const [open, setOpen] = useState<Open>(null);
  const invalidate = [trpc.annualPlan.pathFilter()];
  const mark = useAction(trpc.annualPlan.markItem.mutationOptions(), {
    invalidate,
    success: t("annual.marked"),
    errorAs: "message",
  });
  const remove = useAction(trpc.annualPlan.removeItem.mutationOptions(), {
    invalidate,
    success: t("annual.removed"),
    errorAs: "message",
  });
  const office = annual.canEdit;
  const columns: ColumnsType<AnnualItem> = [
    { title: "#", key: "n", width: 44, render: (_v, _r, i) => i + 1 },
    {
      title: t("annual.col.task"),
      key: "task",
      width: 220,
      render: (_v, r) => (
        <>
          <Link to={`/tasks/${r.task.id}`}>{r.task.title}</Link>
          <div>
            {r.task.light ? (
              <Tag
                style={{
                  background: lightStyle[r.task.light].background,
                  color: lightStyle[r.task.light].color,
                  borderColor: lightStyle[r.task.light].border,
                }}
              >
                {labels.light(r.task.light)}
              </Tag>
            ) : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labels.taskStatus(r.task.status)} · {r.task.progress}%
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: t("annual.col.deliverable"),
      dataIndex: "deliverable",
      key: "deliverable",
      width: 260,
      render: (v: string, r) => (
        <>
          <div style={{ whiteSpace: "pre-wrap" }}>{v}</div>
          {r.explanation ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("annual.explain")}：{r.explanation}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t("annual.col.units"),
      key: "units",
      width: 180,
      render: (_v, r) => (
        <>
          <div>{r.task.leadDepartment.name}</div>
          {r.task.supportingDepartments.length ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.task.supportingDepartments.map((d) => d.name).join("、")}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t("annual.col.due"), dataIndex: "dueDate", key: "due", width: 110 },
    {
      title: t("annual.col.status"),
      key: "status",
      width: 150,
      render: (_v, r) => {
        const key = outcomeKey(r.outcome);
        return (
          <>
            {key ? (
              <Tag color={r.outcome.done ? "green" : "red"}>{t(key)}</Tag>
            ) : (
              <Tag>{labels.taskStatus(r.task.status)}</Tag>
            )}
            {r.carriedOver ? (
              <div
                style={{ fontSize: 12, color: "#71717a" }}
                title={r.carriedOver.reason ?? undefined}
              >
                {t("annual.carriedFrom", { year: r.carriedOver.fromYear })}
                {r.carriedOver.reason ? `：${r.carriedOver.reason}` : ""}
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 90,
      fixed: "right",
      render: (_v, r) => {
        const items = [
          ...(office
            ? [
                { key: "edit", label: t("common.edit") },
                {
                  key: "mark",
                  label: r.doneAt ? t("annual.undoDone") : t("annual.markDone"),
                },
              ]
            : []),
          ...(r.canExplain ? [{ key: "explain", label: t("annual.explain") }] : []),
          ...(office && plan.status === "ACTIVE"
            ? [{ key: "reassign", label: t("annual.reassign") }]
            : []),
          ...(office ? [{ key: "remove", label: t("annual.remove"), danger: true }] : []),
        ];
        if (items.length === 0) return null;
        return (
          <Dropdown
            trigger={["click"]}
            menu={{
              items,
              onClick: ({ key }) => {
                if (key === "mark") mark.run({ itemId: r.id, version: r.version, done: !r.doneAt });
                else if (key === "remove")
                  void modal.confirm({
                    title: t("annual.removeConfirm"),
                    okText: t("annual.remove"),
                    okButtonProps: { danger: true },
                    cancelText: t("common.cancel"),
                    onOk: () => remove.run({ itemId: r.id, version: r.version }),
                  });
                else setOpen({ kind: key as "edit" | "explain" | "reassign", item: r });
              },
            }}
          >
            <Button size="small" loading={mark.variables?.itemId === r.id && mark.pending}>
              {t("common.actions")}
            </Button>
          </Dropdown>
        );
      },
    },
  ];
  return (
    <>
      <Table<AnnualItem>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={annual.items}
        pagination={false}
        scroll={{ x: 1000 }}
      />
      {open?.kind === "edit" ? (
        <EditItemModal item={open.item} year={annual.year} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === "explain" ? (
        <ExplainModal item={open.item} onClose={() => setOpen(null)} />
      ) : null}
      {open?.kind === "reassign" ? (
        <ReassignModal plan={plan} item={open.item} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
