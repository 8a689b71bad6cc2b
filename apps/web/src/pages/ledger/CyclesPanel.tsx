import { useQuery } from "@tanstack/react-query";
import { Alert, Button, DatePicker, Popconfirm, Select, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";

import { ZOpenCycleInput } from "@duban/domain/schemas";

import type { PlanSummary } from "../../app/plan-context.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { formatDateTime, shanghaiToday } from "../../lib/dates.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useLabels } from "../../lib/labels.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import type { Cycle } from "./types.ts";

/** Quarters of the plan period, for the "open a quarter" choice. */
export function planQuarters(periodStart: number, periodEnd: number): string[] {
  const out: string[] = [];
  for (let y = periodStart; y <= periodEnd; y++)
    for (const q of [1, 2, 3, 4]) out.push(`${y}Q${q}`);
  return out;
}

export function CyclesPanel({ plan, office }: { plan: PlanSummary; office: boolean }) {
  const trpc = useTRPC();
  const { t, locale } = useI18n();
  const labels = useLabels();
  const cycles = useQuery(trpc.ledger.cycles.queryOptions({ planId: plan.id }));
  const today = shanghaiToday();
  const current = `${today.slice(0, 4)}Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  const [period, setPeriod] = useState(current);
  // optional: without them the server applies the plan's reporting calendar
  const [dueDate, setDueDate] = useState<Dayjs | null>(null);
  const [closeDate, setCloseDate] = useState<Dayjs | null>(null);
  const day = (d: Dayjs | null) => (d ? d.format("YYYY-MM-DD") : undefined);
  const openInput = { planId: plan.id, period, dueDate: day(dueDate), closeDate: day(closeDate) };
  const parsed = ZOpenCycleInput.safeParse(openInput);
  const open = useAction(trpc.ledger.openCycle.mutationOptions(), {
    invalidate: "work",
    success: (c) => t("ledger.cycleOpened", { period: c.period }),
  });
  const close = useAction(trpc.ledger.closeCycle.mutationOptions(), {
    invalidate: "work",
    success: t("ledger.cycleClosed", { period: "" }),
  });
  const taken = new Set(
    (cycles.data ?? []).filter((c) => c.state !== "SCHEDULED").map((c) => c.period),
  );
  return (
    <>
      {office ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t("ledger.period")}
            style={{ width: 180 }}
            value={period}
            onChange={setPeriod}
            options={planQuarters(plan.periodStart, plan.periodEnd).map((p) => ({
              value: p,
              label: labels.period(p),
              disabled: taken.has(p),
            }))}
          />
          <DatePicker
            aria-label={t("ledger.dueDate")}
            placeholder={t("ledger.dueDate")}
            value={dueDate}
            onChange={setDueDate}
          />
          <DatePicker
            aria-label={t("ledger.closeDate")}
            placeholder={t("ledger.closeDate")}
            value={closeDate}
            onChange={setCloseDate}
            disabledDate={(d) => !!dueDate && d.isBefore(dueDate, "day")}
          />
          <Button
            type="primary"
            disabled={plan.status !== "ACTIVE" || !parsed.success}
            title={plan.status !== "ACTIVE" ? t("ledger.planNotActive") : undefined}
            loading={open.pending}
            onClick={() => parsed.success && open.run(parsed.data)}
          >
            {t("ledger.openCycle")}
          </Button>
        </Space>
      ) : null}
      {open.error || close.error ? (
        <Alert
          type="error"
          showIcon
          title={open.error ?? close.error}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <QueryState query={cycles} isEmpty={(c) => c.length === 0}>
        {(c) => (
          <Table<Cycle>
            size="small"
            rowKey="id"
            dataSource={[...c].reverse()}
            pagination={{ pageSize: 12, hideOnSinglePage: true }}
            columns={[
              {
                title: t("ledger.period"),
                dataIndex: "period",
                render: (p: string) => labels.period(p),
              },
              {
                title: t("task.status"),
                dataIndex: "state",
                render: (s: Cycle["state"]) => (
                  <Tag color={s === "OPEN" ? "processing" : s === "CLOSED" ? "default" : "warning"}>
                    {labels.cycleState(s)}
                  </Tag>
                ),
              },
              { title: t("ledger.dueAt"), render: (_v, r) => formatDateTime(r.dueAt, locale) },
              {
                title: t("ledger.closesAt"),
                render: (_v, r) => formatDateTime(r.closesAt, locale),
              },
              { title: t("ledger.entries"), align: "right", render: (_v, r) => r._count.entries },
              ...(office
                ? [
                    {
                      title: t("common.actions"),
                      render: (_v: unknown, r: Cycle) =>
                        r.state === "OPEN" ? (
                          <Popconfirm
                            title={t("ledger.closeConfirm", { period: labels.period(r.period) })}
                            onConfirm={() => close.run({ cycleId: r.id })}
                          >
                            <Button
                              size="small"
                              danger
                              loading={close.pending && close.variables?.cycleId === r.id}
                            >
                              {t("ledger.closeCycle")}
                            </Button>
                          </Popconfirm>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
