import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Form, InputNumber, Modal, Select, Switch, Table, Typography } from "antd";
import { useState } from "react";

import { ZCreateDistrictInput, ZUpdateDistrictInput } from "@duban/domain/schemas";

import { LimitedInput } from "../../components/LimitedInput.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { useTRPC, type RouterOutputs } from "../../lib/trpc.ts";
import { useAction } from "../../lib/use-action.ts";
import { zodRule } from "../../lib/zod-rules.ts";
import { useOfficeJurisdiction } from "./useOfficeJurisdiction.tsx";

type District = RouterOutputs["district"]["list"][number];
type Values = {
  name: string;
  order: number;
  departmentId: string | null;
  childJurisdictionId: string | null;
};
const FIELDS = ["name", "order", "departmentId", "childJurisdictionId"] as const;

/**
 * 片区管理 (issue #19): the office's 片区 — for a county its towns or zones, for a city its
 * counties — in display order; new, rename, reorder, link to a town unit or a county below,
 * retire (a retired 片区 keeps its values and takes no new ones).
 */
export function DistrictsPage() {
  const trpc = useTRPC();
  const { t } = useI18n();
  const { jurisdictionId, chooser, forbidden } = useOfficeJurisdiction();
  const list = useQuery({
    ...trpc.district.list.queryOptions({ jurisdictionId: jurisdictionId ?? "" }),
    enabled: !!jurisdictionId,
  });
  const [editing, setEditing] = useState<District | "new" | null>(null);
  const toggle = useAction(trpc.district.update.mutationOptions(), {
    invalidate: [trpc.district.pathFilter()],
    errorAs: "message",
  });
  if (forbidden) return forbidden;
  return (
    <>
      <PageHeader
        title={t("districts.title")}
        extra={
          <>
            {chooser}
            <Button type="primary" onClick={() => setEditing("new")}>
              {t("districts.new")}
            </Button>
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t("districts.intro")}</Typography.Paragraph>
      <QueryState query={list}>
        {(rows) => (
          <Table<District>
            size="small"
            rowKey="id"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t("districts.empty") }}
            columns={[
              { title: t("districts.order"), dataIndex: "order", width: 70 },
              { title: t("districts.name"), dataIndex: "name" },
              {
                title: t("districts.unit"),
                key: "unit",
                render: (_v, r) => r.department?.name ?? "—",
              },
              {
                title: t("districts.child"),
                key: "child",
                render: (_v, r) => r.childJurisdiction?.name ?? "—",
              },
              { title: t("districts.indicatorCount"), dataIndex: "indicatorCount", width: 100 },
              {
                title: t("districts.active"),
                dataIndex: "active",
                width: 90,
                render: (v: boolean, r) => (
                  <Switch
                    size="small"
                    checked={v}
                    aria-label={`${r.name} ${t("districts.active")}`}
                    loading={toggle.pending && toggle.variables?.districtId === r.id}
                    onChange={(active) =>
                      toggle.run({ districtId: r.id, version: r.version, active })
                    }
                  />
                ),
              },
              {
                title: t("common.actions"),
                width: 90,
                render: (_v, r) => (
                  <Button size="small" onClick={() => setEditing(r)}>
                    {t("common.edit")}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing && jurisdictionId ? (
        <DistrictModal
          district={editing === "new" ? null : editing}
          jurisdictionId={jurisdictionId}
          nextOrder={(list.data?.length ?? 0) + 1}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function DistrictModal({
  district,
  jurisdictionId,
  nextOrder,
  onClose,
}: {
  district: District | null;
  jurisdictionId: string;
  nextOrder: number;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const units = useQuery(trpc.admin.departments.queryOptions({ jurisdictionId }));
  const jurisdictions = useQuery(trpc.admin.jurisdictions.queryOptions());
  const children = (jurisdictions.data ?? []).filter((j) => j.parentId === jurisdictionId);
  const handlers = {
    invalidate: [trpc.district.pathFilter()],
    success: t("common.saved"),
    onSuccess: onClose,
    fields: { form, names: FIELDS },
  };
  const create = useAction(trpc.district.create.mutationOptions(), handlers);
  const update = useAction(trpc.district.update.mutationOptions(), handlers);
  const toInput = () => {
    const v = form.getFieldsValue(true) as Values;
    const base = {
      name: v.name ?? "",
      order: v.order ?? 0,
      departmentId: v.departmentId ?? null,
      childJurisdictionId: v.childJurisdictionId ?? null,
    };
    return district
      ? { districtId: district.id, version: district.version, ...base }
      : { jurisdictionId, ...base };
  };
  const schema = district ? ZUpdateDistrictInput : ZCreateDistrictInput;
  const rule = (f: keyof Values) => zodRule(schema, f, toInput);
  const error = create.error ?? update.error;
  return (
    <Modal
      open
      title={district ? district.name : t("districts.new")}
      onCancel={onClose}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.pending || update.pending}
      onOk={() => form.submit()}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: district?.name ?? "",
          order: district?.order ?? nextOrder,
          departmentId: district?.departmentId ?? null,
          childJurisdictionId: district?.childJurisdictionId ?? null,
        }}
        onFinish={() =>
          district
            ? update.run(ZUpdateDistrictInput.parse(toInput()))
            : create.run(ZCreateDistrictInput.parse(toInput()))
        }
      >
        <Form.Item name="name" label={t("districts.name")} rules={[rule("name")]} required>
          <LimitedInput schema={schema} field="name" />
        </Form.Item>
        <Form.Item name="order" label={t("districts.order")} rules={[rule("order")]}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t("districts.unit")}
          extra={t("districts.unitHelp")}
          rules={[rule("departmentId")]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        {children.length ? (
          <Form.Item
            name="childJurisdictionId"
            label={t("districts.child")}
            rules={[rule("childJurisdictionId")]}
          >
            <Select allowClear options={children.map((j) => ({ value: j.id, label: j.name }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
