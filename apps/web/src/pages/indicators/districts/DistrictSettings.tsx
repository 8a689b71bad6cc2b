import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Checkbox, InputNumber, Select, Space, Switch, Table } from "antd";
import { useState } from "react";

import { useI18n } from "../../../lib/i18n.tsx";
import { useLabels } from "../../../lib/labels.ts";
import { useTRPC } from "../../../lib/trpc.ts";
import { useAction } from "../../../lib/use-action.ts";
import type { DistrictView } from "./types.ts";

type Choice = {
  on: boolean;
  baselineValue: number | null;
  targetValue: number | null;
  responsibleDepartmentId: string | null;
};

/**
 * 分片区监测 settings, the office's: monitoring on or off, the total rule, and per 片区 of the
 * county whether it is monitored, its 基期值 / 目标值 and the unit entering its values (empty:
 * the 片区's town unit, else the indicator's unit). Per-district 年度目标 are set on the 年度目标 tab.
 */
export function DistrictSettings({
  view,
  jurisdictionId,
}: {
  view: DistrictView;
  jurisdictionId: string;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const labels = useLabels();
  const all = useQuery(trpc.district.list.queryOptions({ jurisdictionId }));
  const units = useQuery(trpc.admin.departments.queryOptions({ jurisdictionId }));
  const [byDistrict, setByDistrict] = useState(view.indicator.byDistrict);
  const [rule, setRule] = useState(view.indicator.totalRule);
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(
      view.districts.map((d) => [
        d.districtId,
        {
          on: true,
          baselineValue: d.baselineValue,
          targetValue: d.targetValue,
          responsibleDepartmentId: d.responsibleDepartmentId,
        },
      ]),
    ),
  );
  const save = useAction(trpc.district.setIndicatorDistricts.mutationOptions(), {
    invalidate: [trpc.district.pathFilter(), trpc.indicator.pathFilter()],
    success: t("common.saved"),
  });
  const choice = (id: string): Choice =>
    choices[id] ?? {
      on: false,
      baselineValue: null,
      targetValue: null,
      responsibleDepartmentId: null,
    };
  const set = (id: string, patch: Partial<Choice>) =>
    setChoices((c) => ({ ...c, [id]: { ...choice(id), ...patch } }));
  const rows = (all.data ?? []).filter((d) => d.active || choices[d.id]?.on);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {save.error ? <Alert type="error" showIcon title={save.error} /> : null}
      {!all.isLoading && !(all.data ?? []).length ? (
        <Alert type="info" showIcon title={t("districts.noneYet")} />
      ) : null}
      <Space wrap>
        <span>
          {t("districts.byDistrict")}{" "}
          <Switch
            checked={byDistrict}
            onChange={setByDistrict}
            aria-label={t("districts.byDistrict")}
          />
        </span>
        <span>
          {t("districts.totalRule")}{" "}
          <Select
            aria-label={t("districts.totalRule")}
            style={{ width: 160 }}
            value={rule}
            onChange={setRule}
            options={(["SUM", "MEAN", "OWN"] as const).map((r) => ({
              value: r,
              label: labels.rollupRule(r),
            }))}
          />
        </span>
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("districts.monitored"),
            key: "on",
            width: 70,
            render: (_v, d) => (
              <Checkbox
                aria-label={`${d.name} ${t("districts.monitored")}`}
                checked={choice(d.id).on}
                onChange={(e) => set(d.id, { on: e.target.checked })}
              />
            ),
          },
          { title: t("districts.district"), dataIndex: "name" },
          {
            title: t("indicators.baseline"),
            key: "baseline",
            render: (_v, d) => (
              <InputNumber
                aria-label={`${d.name} ${t("indicators.baseline")}`}
                value={choice(d.id).baselineValue}
                onChange={(v) => set(d.id, { baselineValue: v ?? null })}
              />
            ),
          },
          {
            title: t("indicators.target"),
            key: "target",
            render: (_v, d) => (
              <InputNumber
                aria-label={`${d.name} ${t("indicators.target")}`}
                value={choice(d.id).targetValue}
                onChange={(v) => set(d.id, { targetValue: v ?? null })}
              />
            ),
          },
          {
            title: t("districts.enteredBy"),
            key: "unit",
            render: (_v, d) => (
              <Select
                allowClear
                style={{ width: 180 }}
                placeholder={d.department?.name ?? t("districts.defaultUnit")}
                value={choice(d.id).responsibleDepartmentId ?? undefined}
                onChange={(v?: string) => set(d.id, { responsibleDepartmentId: v ?? null })}
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            ),
          },
        ]}
      />
      <Button
        type="primary"
        loading={save.pending}
        onClick={() =>
          save.run({
            indicatorId: view.indicator.id,
            version: view.indicator.version,
            byDistrict,
            totalRule: rule,
            districts: rows
              .filter((d) => choice(d.id).on)
              .map((d) => {
                const { on: _on, ...c } = choice(d.id);
                return { districtId: d.id, ...c };
              }),
          })
        }
      >
        {t("common.save")}
      </Button>
    </Space>
  );
}
